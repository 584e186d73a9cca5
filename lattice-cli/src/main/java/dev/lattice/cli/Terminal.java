package dev.lattice.cli;

import java.util.Map;

/**
 * Where the CLI's output goes: whether stdout and stderr are terminals, and whether the user asked for no colour
 * ({@code NO_COLOR}). {@link LatticeCli#main} detects it; tests pass it in, so both cases are covered.
 *
 * @param stdoutIsTty stdout is a terminal
 * @param stderrIsTty stderr is a terminal
 * @param noColor {@code NO_COLOR} is set to a non-empty value (https://no-color.org)
 */
public record Terminal(boolean stdoutIsTty, boolean stderrIsTty, boolean noColor) {
  /** Output redirected to files or pipes: no colour, no progress. */
  public static final Terminal REDIRECTED = new Terminal(false, false, false);

  /**
   * Java cannot tell whether each stream is a terminal, so {@code bin/lattice} tests them ({@code [ -t 1 ]},
   * {@code [ -t 2 ]}) and passes {@code lattice.stdout.tty} and {@code lattice.stderr.tty}. Run without the
   * launcher, stdout counts as a terminal when the JVM has a console and stderr never does (no stray progress).
   */
  static Terminal detect(Map<String, String> env, boolean hasConsole) {
    String stdout = System.getProperty("lattice.stdout.tty");
    String stderr = System.getProperty("lattice.stderr.tty");
    String noColor = env.get("NO_COLOR");
    return new Terminal(
        stdout == null ? hasConsole : Boolean.parseBoolean(stdout),
        Boolean.parseBoolean(stderr),
        noColor != null && !noColor.isEmpty());
  }

  /** Whether text written to stdout (or stderr) may carry colour. */
  public boolean colour(boolean toStderr) {
    return !noColor && (toStderr ? stderrIsTty : stdoutIsTty);
  }
}
