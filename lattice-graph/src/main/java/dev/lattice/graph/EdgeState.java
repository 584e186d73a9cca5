package dev.lattice.graph;

/** Where an edge between a caller and a callee stands. Only {@link #ACTIVE} edges carry traffic. */
public enum EdgeState {
  /** The caller declares the callee and the callee accepts the caller (by name or by {@code "*"}). */
  ACTIVE("active"),
  /** The caller declares the callee; the callee has not accepted the caller yet. */
  PENDING_CALLEE("pending on callee"),
  /** The callee accepts the caller; the caller does not declare the callee. */
  PENDING_CALLER("pending on caller"),
  /** The caller declares a callee that is not in the fleet. */
  UNKNOWN_TARGET("unknown target"),
  /** The callee accepts a caller that is not in the fleet. */
  UNKNOWN_CALLER("unknown caller");

  private final String label;

  EdgeState(String label) {
    this.label = label;
  }

  /** Lower-case words for reports, e.g. "pending on callee". */
  public String label() {
    return label;
  }
}
