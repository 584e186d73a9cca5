/**
 * Release safety: {@code lattice snapshot} writes every service's derived objects, status and accesses; {@code
 * lattice diff} compares two such streams service by service (both sorted, so memory stays bounded by the largest
 * service), groups the changes by pattern and checks them against {@code release/expected-changes.yaml}.
 */
package dev.lattice.cli.release;
