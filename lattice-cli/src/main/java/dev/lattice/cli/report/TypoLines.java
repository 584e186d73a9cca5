package dev.lattice.cli.report;

import dev.lattice.api.model.UnknownField;

/**
 * Adds the line to every unknown field a message names ({@code ... for the unknown field 'comand' at
 * spec.workload.containers.main.comand (line 14)?}): the engine knows field paths only, the file's lines are the
 * CLI's.
 */
final class TypoLines {
  private TypoLines() {}

  static String of(String text, ServiceOutcome outcome) {
    String out = text;
    for (UnknownField u : outcome.source().input().intent().unknownFields()) {
      String at = "at " + u.path() + "?";
      if (out.contains(at)) {
        int line = outcome.source().locator().lineOf(u.path());
        out = out.replace(at, "at " + u.path() + " (line " + line + ")?");
      }
    }
    return out;
  }
}
