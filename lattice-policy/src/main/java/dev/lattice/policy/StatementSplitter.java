package dev.lattice.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Cedar policy text into statements at top-level semicolons (not inside strings or comments), remembering
 * the line each starts on. Parsing statements one by one lets a syntax error be reported with its line and keeps
 * the other statements of the same CedarPolicy.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  /** One statement's text (annotations included, the closing semicolon included) and its first line. */
  record Chunk(String text, int line) {}

  static List<Chunk> split(String text) {
    List<Chunk> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = -1;
    boolean inString = false;
    boolean inComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inComment) {
        if (c == '\n') {
          inComment = false;
          line++;
          if (startLine >= 0) {
            current.append(c);
          }
        }
        continue;
      }
      if (!inString && c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
        inComment = true;
        continue;
      }
      if (startLine < 0 && Character.isWhitespace(c)) {
        if (c == '\n') {
          line++;
        }
        continue;
      }
      if (startLine < 0) {
        startLine = line;
      }
      current.append(c);
      if (inString) {
        if (c == '\\' && i + 1 < text.length()) {
          current.append(text.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == ';') {
        out.add(new Chunk(current.toString(), startLine));
        current.setLength(0);
        startLine = -1;
      }
      if (c == '\n') {
        line++;
      }
    }
    if (startLine >= 0 && !current.toString().isBlank()) {
      out.add(new Chunk(current.toString(), startLine)); // no closing ';': Cedar will say so
    }
    return out;
  }
}
