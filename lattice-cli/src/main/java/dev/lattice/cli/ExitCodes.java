package dev.lattice.cli;

/** Exit statuses scripts and CI rely on; never renumbered. */
public final class ExitCodes {
  /** Every service was derived. */
  public static final int OK = 0;
  /** At least one service failed (its status says why). */
  public static final int SERVICE_FAILED = 1;
  /** Some input could not be read (bad YAML, unknown apiVersion, a missing file) or the command line was wrong. */
  public static final int INPUT_ERROR = 2;
  /** A bug in Lattice itself. */
  public static final int INTERNAL_ERROR = 3;

  private ExitCodes() {}
}
