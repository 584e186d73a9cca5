package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringReader;

/**
 * A file's text from one line on: where parsing starts again after a syntax error, so that one broken document
 * does not lose the documents after it. Lines the parser reports are relative; {@link #lineOffset} makes them the
 * file's. Nothing is copied: the parser reads the file's text from {@link #offset}.
 *
 * @param offset the character where this part starts (the first character of a line)
 * @param lineOffset lines of the file before it (0 for the whole file)
 */
record TextFrom(String text, int offset, int lineOffset) {
  static TextFrom whole(String text) {
    return new TextFrom(text, 0, 0);
  }

  JsonParser open(JsonFactory factory) throws IOException {
    StringReader reader = new StringReader(text);
    reader.skip(offset);
    return factory.createParser(reader);
  }

  /**
   * The next document marker ({@code ---} at the start of a line) at or after the file's line {@code errorLine}
   * and after this part's first line, or empty when the file has none: YAML cannot resynchronise inside a broken
   * document, but a document marker at column 0 always starts a new one. One pass from this part's start.
   */
  java.util.Optional<TextFrom> nextDocument(int errorLine) {
    int line = lineOffset + 1;
    int i = offset;
    while (i < text.length()) {
      if (line > lineOffset + 1 && line >= errorLine && isMarker(i)) {
        return java.util.Optional.of(new TextFrom(text, i, line - 1));
      }
      int end = text.indexOf('\n', i);
      if (end < 0) {
        break;
      }
      i = end + 1;
      line++;
    }
    return java.util.Optional.empty();
  }

  private boolean isMarker(int i) {
    if (!text.startsWith("---", i)) {
      return false;
    }
    if (i + 3 == text.length()) {
      return true;
    }
    char next = text.charAt(i + 3);
    return next == ' ' || next == '\t' || next == '\r' || next == '\n';
  }
}
