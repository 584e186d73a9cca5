package dev.lattice.policy;

import dev.lattice.api.Limits;
import java.util.Optional;

/**
 * Checks a statement's size and nesting before its text reaches the native Cedar library, whose recursive parser
 * and evaluator overflow the calling thread's stack on deep input and kill the JVM (SIGSEGV, no Java exception to
 * catch): about 70 nested brackets, or a few thousand chained operators. One pass over the text, strings and
 * comments skipped.
 */
final class StatementBounds {
  private StatementBounds() {}

  /** Why the statement is refused, or empty when it is within {@link Limits}. */
  static Optional<String> problem(String text) {
    if (text.length() > Limits.STATEMENT_CHARS) {
      return Optional.of("the statement has " + text.length() + " characters, more than the " + Limits.STATEMENT_CHARS
          + " Lattice accepts; it is skipped. Fix: split it into several statements.");
    }
    int depth = 0;
    int deepest = 0;
    int operators = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      switch (c) {
        case '"' -> inString = true;
        case '/' -> {
          if (next == '/') {
            while (i < text.length() && text.charAt(i) != '\n') {
              i++;
            }
          } else {
            operators++;
          }
        }
        case '(', '[', '{' -> deepest = Math.max(deepest, ++depth);
        case ')', ']', '}' -> depth--;
        case '&', '|', '=' -> {
          if (next == c) {
            i++;
          }
          operators++;
        }
        case '!', '<', '>', '+', '-', '*', '.' -> operators++;
        default -> { }
      }
    }
    if (deepest > Limits.POLICY_NESTING) {
      return Optional.of("the statement nests brackets " + deepest + " levels deep, more than the "
          + Limits.POLICY_NESTING + " Lattice accepts; it is skipped. Fix: write the condition flatter, e.g. "
          + "several `when` clauses or statements instead of nested parentheses.");
    }
    if (operators > Limits.POLICY_OPERATORS) {
      return Optional.of("the statement has " + operators + " operators, more than the " + Limits.POLICY_OPERATORS
          + " Lattice accepts; it is skipped. Fix: split the condition over several statements, or test set "
          + "membership (e.g. [\"a\", \"b\"].contains(resource.name)) instead of chaining comparisons.");
    }
    return Optional.empty();
  }
}
