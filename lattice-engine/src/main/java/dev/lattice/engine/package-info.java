/**
 * The derivation engine: a pure, deterministic function from a service's intent plus the platform context to the
 * Kubernetes objects it needs and the status a user reads. No cluster client, network, clock or environment is
 * reachable from here (ArchitectureTest); callers resolve all of that first and pass it in.
 */
package dev.lattice.engine;
