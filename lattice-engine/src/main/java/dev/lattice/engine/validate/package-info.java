/**
 * The validation rules of a LatticeService. Each rule reports a {@link dev.lattice.api.status.Diagnostic} with its
 * own reason code, the field path, the problem and the fix; rules never throw and never stop at the first problem.
 */
package dev.lattice.engine.validate;
