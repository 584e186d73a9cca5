package dev.lattice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI with its exit status and both output streams. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    return of(Terminal.REDIRECTED, args);
  }

  /** A run as if stdout and stderr were (or were not) terminals, as {@code terminal} says. */
  static CliRun of(Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LatticeCli.run(terminal, "lattice", new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
