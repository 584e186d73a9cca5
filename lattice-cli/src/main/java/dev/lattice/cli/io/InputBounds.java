package dev.lattice.cli.io;

import dev.lattice.api.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The input limits of {@link Limits} that are checked before a file is parsed, so that a hostile file costs at most
 * one pass over its bytes: its size (before it is read at all), and its longest line (the YAML library's reading of
 * one token grows with the square of its length). Also turns the parser's messages into words a user can act on.
 */
final class InputBounds {
  private InputBounds() {}

  /** Refuses a file larger than {@link Limits#FILE_BYTES} before reading it. */
  static Optional<InputError> fileSize(Path file) {
    try {
      long size = Files.size(file);
      if (size > Limits.FILE_BYTES) {
        return Optional.of(new InputError(file.toString(), 0, "the file has " + mib(size) + ", more than the "
            + mib(Limits.FILE_BYTES) + " Lattice reads from one file; it is not read. Fix: split it into several "
            + "files, or check that it is the file you meant."));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // reading it will say why
    }
  }

  /** Refuses a run whose files add up to more than {@link Limits#TOTAL_INPUT_BYTES}. */
  static Optional<InputError> totalSize(List<Path> files) {
    long total = 0;
    for (Path file : files) {
      try {
        long size = Files.size(file);
        total += size > Limits.FILE_BYTES ? 0 : size; // refused on its own, unread
      } catch (IOException e) {
        // reading it will say why
      }
    }
    if (total <= Limits.TOTAL_INPUT_BYTES) {
      return Optional.empty();
    }
    return Optional.of(new InputError(files.size() + " files", 0, "the input adds up to " + mib(total)
        + ", more than the " + mib(Limits.TOTAL_INPUT_BYTES) + " Lattice reads in one run; nothing is read. Fix: "
        + "derive the fleet in parts (one directory per run)."));
  }

  /** Refuses text with a line longer than {@link Limits#LINE_CHARS}, naming the first such line. */
  static Optional<InputError> longLine(String file, String text) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > Limits.LINE_CHARS) {
          return Optional.of(new InputError(file, line, "the line has " + (i - start) + " characters, more than the "
              + Limits.LINE_CHARS + " Lattice reads in one line; the file is not read. Fix: break the value over "
              + "several lines (a YAML block scalar, |), or keep large content out of the spec."));
        }
        line++;
        start = i + 1;
      }
    }
    return Optional.empty();
  }

  /** The parser's message in a user's words: no class names of the parser's events, no echoed input. */
  static String parserMessage(String message) {
    String text = String.valueOf(message);
    if (text.startsWith("Expected a field name")) {
      String got = text.contains("SequenceStartEvent") ? "a list" : text.contains("MappingStartEvent")
          ? "a mapping" : "something else";
      return "expected a field name, got " + got + " as a key. Fix: keys are plain text; write the key as a "
          + "name (e.g. ports:) and put the list or mapping after the colon.";
    }
    if (text.contains("exceeds the limit") && text.contains("code points")) {
      return "the document has more than " + Limits.DOCUMENT_CHARS + " characters, more than Lattice reads in one "
          + "document (the API server refuses objects over 3 MiB). Fix: split it into several documents.";
    }
    if (text.contains("special characters are not allowed")) {
      return "the text holds control characters YAML does not allow (such as NUL); is it a binary file, or text "
          + "saved as UTF-16? Fix: save it as UTF-8 text.";
    }
    if (text.startsWith("Document nesting depth")) {
      return nesting();
    }
    if (text.contains("\n in 'reader'")) {
      // Keep the parser's context and problem; drop its marks and copies of the line, which file:line points to.
      text = String.join(": ", text.lines().filter(l -> !l.isBlank() && !l.startsWith(" in 'reader'")
          && !Character.isWhitespace(l.charAt(0))).toList());
    }
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  static String nesting() {
    return "mappings and lists nest more than " + Limits.NESTING_DEPTH + " levels deep; no Lattice object needs "
        + "that many. Fix: flatten the document.";
  }

  private static String mib(long bytes) {
    return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MiB" : bytes + " bytes";
  }
}
