package dev.lattice.engine.packages;

/** A kind the caller can apply and prune; a package may render only these, applied in the order given. */
public record ManagedKind(String apiVersion, String kind) {
  @Override
  public String toString() {
    return apiVersion + " " + kind;
  }
}
