/**
 * Wire types of {@code lattice.dev/v1alpha1}: exactly what a user writes, read leniently.
 *
 * <p>Enumerated values are kept as strings here so that a wrong value becomes a validation diagnostic with a
 * field path instead of a parse failure. Nothing outside {@link dev.lattice.api.v1alpha1.V1alpha1Mapper} reads
 * these classes: the engine only sees the version-independent {@link dev.lattice.api.model} records.
 */
package dev.lattice.api.v1alpha1;
