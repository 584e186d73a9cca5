package dev.lattice.api.status;

/** Errors block derivation of the service; warnings are reported on a service that is still derived. */
public enum Severity {
  ERROR,
  WARNING
}
