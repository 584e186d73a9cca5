/**
 * The served LatticeService versions and the lossless conversion between them ({@link
 * dev.lattice.api.versions.Conversions}). v1 is the storage version and the hub: every reader maps its version
 * onto {@link dev.lattice.api.model}, whose field paths are those of the version the user wrote. See
 * docs/api-versions.md for the promise of each version and the field-by-field table.
 */
package dev.lattice.api.versions;
