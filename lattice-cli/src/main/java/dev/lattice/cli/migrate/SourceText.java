package dev.lattice.cli.migrate;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/**
 * A file's text as lines, each with its own line break, so that every line the rewrite keeps is copied byte for
 * byte. SnakeYAML's marks count columns in code points; {@link #offset} turns them into string offsets.
 */
final class SourceText {
  private final List<String> lines;
  private final boolean endsWithNewline;
  private final String newline;

  SourceText(String text) {
    List<String> split = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        split.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    endsWithNewline = start == text.length();
    if (!endsWithNewline) {
      split.add(text.substring(start) + "\n"); // every line ends in a break while rewriting; restored in join
    }
    lines = split;
    newline = text.contains("\r\n") ? "\r\n" : "\n";
  }

  int size() {
    return lines.size();
  }

  String line(int index) {
    return lines.get(index);
  }

  List<String> lines(int from, int to) {
    return new ArrayList<>(lines.subList(from, Math.min(to, lines.size())));
  }

  String newline() {
    return newline;
  }

  /** True for a line holding only a comment or nothing, which belongs to the entry after it. */
  boolean commentOrBlank(int index) {
    String trimmed = lines.get(index).strip();
    return trimmed.isEmpty() || trimmed.startsWith("#");
  }

  /** The string offset of a mark within its line. */
  int offset(Mark mark) {
    String line = lines.get(mark.getLine());
    return line.offsetByCodePoints(0, Math.min(mark.getColumn(), line.codePointCount(0, line.length())));
  }

  /** The first line after a node that ends at {@code mark} (a mark at a line's start ends before that line). */
  static int lineAfter(Mark mark) {
    return mark.getColumn() == 0 ? mark.getLine() : mark.getLine() + 1;
  }

  /** The whole file again from lines, with the original ending. */
  String join(List<String> all) {
    String text = String.join("", all);
    return !endsWithNewline && text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  static String indent(String line, int delta) {
    if (delta == 0 || line.isBlank()) {
      return line;
    }
    if (delta > 0) {
      return " ".repeat(delta) + line;
    }
    int spaces = 0;
    while (spaces < -delta && spaces < line.length() && line.charAt(spaces) == ' ') {
      spaces++;
    }
    return line.substring(spaces);
  }
}
