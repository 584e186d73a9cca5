/**
 * Escape hatches (LatticeMeshMember, LatticePackage) in the engine: the governance check (owner, reason, expiry
 * against a date the caller passes in), the mesh section's rules and Cedar requests, and the derivation of a mesh
 * member's policies. Pure like the rest of the engine: today's date is an argument, never read from a clock.
 */
package dev.lattice.engine.hatch;
