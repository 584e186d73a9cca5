package dev.lattice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The caches in {@code OUT/.lattice} are Smile: tests read them as JSON text and write JSON text as Smile. */
final class SmileFiles {
  private static final ObjectMapper SMILE = new SmileMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private SmileFiles() {}

  /** The Smile file as compact JSON text (binary values as base64). */
  static String json(Path file) throws IOException {
    return JSON.writeValueAsString(SMILE.readTree(Files.readAllBytes(file)));
  }

  /** Writes JSON text to {@code file} as Smile. */
  static void write(Path file, String json) throws IOException {
    Files.write(file, SMILE.writeValueAsBytes(JSON.readTree(json)));
  }

  /** Replaces the first {@code from} in the file's bytes (both of the same length, so the Smile stays well-formed). */
  static void replaceFirst(Path file, String from, String to) throws IOException {
    String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = bytes.indexOf(from);
    if (at < 0 || from.length() != to.length()) {
      throw new IllegalArgumentException(from + " not in " + file + ", or not the length of " + to);
    }
    Files.write(file, (bytes.substring(0, at) + to + bytes.substring(at + from.length()))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }
}
