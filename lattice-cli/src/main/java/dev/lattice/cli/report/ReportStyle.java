package dev.lattice.cli.report;

/**
 * How a report is printed.
 *
 * @param summary only the failing services, then counts by phase and by reason (for large fleets)
 * @param colour ANSI colours; only on a terminal and never with {@code NO_COLOR}
 */
public record ReportStyle(boolean summary, boolean colour) {
  public static final ReportStyle PLAIN = new ReportStyle(false, false);

  /** {@code text} in the colour for {@code ansi} (e.g. "31" red), or as it is without colour. */
  String paint(String ansi, String text) {
    return colour ? "\033[" + ansi + "m" + text + "\033[0m" : text;
  }
}
