/**
 * A local Kubernetes control plane from the binaries {@code testcluster/build} makes: started by the integration
 * tests' JUnit extension (lattice-testkit) and by {@code lattice sandbox}. Nothing here knows Lattice's kinds.
 */
package dev.lattice.controlplane;
