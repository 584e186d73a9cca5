/**
 * What a user reads when something is wrong: condition types, stable reason codes, and diagnostics that name the
 * field path, the problem and the fix. Shared by every API version, the engine, the CLI and the operator.
 */
package dev.lattice.api.status;
