/**
 * Typed views of {@code spec.workload.resources.<r>.params}, one per resource type. Each parse returns the value
 * it could read and the diagnostics for what it could not, so validation and rendering read params the same way.
 */
package dev.lattice.engine.params;
