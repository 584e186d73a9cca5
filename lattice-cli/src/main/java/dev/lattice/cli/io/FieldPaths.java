package dev.lattice.cli.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Dotted field paths from Jackson's locations, and plain-words descriptions of type mismatches. */
final class FieldPaths {
  private FieldPaths() {}

  static String of(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** {@code /spec/workload/containers/0} becomes {@code spec.workload.containers[0]}. */
  static String fromPointer(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String raw : pointer.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (segment.matches("\\d+")) {
        path.append('[').append(segment).append(']');
      } else {
        path.append(path.length() > 0 ? "." : "").append(segment);
      }
    }
    return path.toString();
  }

  static String describeMismatch(JsonMappingException e, JsonNode document, String path) {
    String expected = expected(e.getMessage());
    JsonNode found = document;
    for (JsonMappingException.Reference reference : e.getPath()) {
      found = reference.getFieldName() != null ? found.path(reference.getFieldName())
          : found.path(reference.getIndex());
    }
    String foundText = found.isMissingNode() ? "something else"
        : found.isTextual() ? "the text \"" + found.asText() + "\""
        : found.isArray() ? "a list"
        : found.isObject() ? "a mapping"
        : found.toString();
    return "expected " + expected + " but found " + foundText + ". Fix: write " + expected + " here (see `kubectl "
        + "explain latticeservice." + path.replaceAll("\\[\\d+]", "") + "` once the CRD is installed).";
  }

  private static String expected(String message) {
    String m = Objects.toString(message, "");
    if (m.contains("java.lang.Integer") || m.contains("java.lang.Long") || m.contains("`int`")) {
      return "a whole number";
    }
    if (m.contains("java.lang.Double")) {
      return "a number";
    }
    if (m.contains("java.lang.Boolean")) {
      return "true or false";
    }
    if (m.contains("java.util.List") || m.contains("ArrayList")) {
      return "a list";
    }
    if (m.contains("java.lang.String")) {
      return "a single value (text or number)";
    }
    return "a mapping (key: value)";
  }

  /** The closest known field name, when one is close enough to be a typo. */
  static String suggestion(String property, Collection<Object> known) {
    TreeSet<String> names = new TreeSet<>();
    known.forEach(k -> names.add(String.valueOf(k)));
    names.remove("apiVersion");
    names.remove("kind");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int d = distance(property.toLowerCase(), name.toLowerCase());
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, property.length() / 3)) {
      return "did you mean '" + best + "'? Rename the field, or remove it.";
    }
    return "remove it, or use one of the fields this object has: " + String.join(", ", names) + ".";
  }

  /** The Levenshtein distance between {@code a} and {@code b}. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
