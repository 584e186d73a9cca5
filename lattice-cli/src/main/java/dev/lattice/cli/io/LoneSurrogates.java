package dev.lattice.cli.io;

import dev.lattice.engine.validate.Names;

/**
 * The words for text holding half of a UTF-16 surrogate pair (written {@code "a\\uD800b"} in YAML or JSON), which
 * UTF-8 cannot carry.
 */
final class LoneSurrogates {
  static final String FIX = "write the character itself (the file is UTF-8), or escape both halves of its pair, "
      + "e.g. \"\\uD83D\\uDE00\" for U+1F600.";

  private LoneSurrogates() {}

  static String problem(String text) {
    return "'" + Names.printable(text) + "' holds " + lone(text) + ", half of a UTF-16 surrogate pair without its "
        + "other half; no Kubernetes object can carry it (written out, the text would be corrupted).";
  }

  private static String lone(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("\\u%04X", (int) c);
      }
    }
    return "a lone surrogate";
  }
}
