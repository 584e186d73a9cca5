/**
 * The bilateral mesh: default-deny L4 (Cilium) and L7 (Istio ambient) policy per service, opened only on edges both
 * sides declared, and the consent report that tells both sides of a one-sided declaration what to add.
 */
package dev.lattice.engine.mesh;
