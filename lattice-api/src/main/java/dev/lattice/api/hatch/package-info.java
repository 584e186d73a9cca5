/**
 * Governed escape hatches: the owner, reason and expiry every hatch carries, and the mesh section a
 * LatticeMeshMember and a LatticePackage share (ports, callers, dependencies, egress, service account). Wire classes
 * ({@code *Spec}) are what the CRDs are generated from; the records are what the engine reads.
 */
package dev.lattice.api.hatch;
