package dev.lattice.cli.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds the line to every misspelt field a message names ({@code ... for the unknown field 'comand' at
 * spec.workload.containers.main.comand (line 14)?}): the engine knows field paths only, the file's lines are the
 * CLI's.
 */
final class TypoLines {
  private static final Pattern NAMED = Pattern.compile("(for the (?:unknown field|params key) '[^']*' at )(\\S+)\\?");

  private TypoLines() {}

  static String of(String text, ServiceOutcome outcome) {
    Matcher m = NAMED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int line = outcome.source().locator().lineOf(m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + " (line " + line + ")?"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
