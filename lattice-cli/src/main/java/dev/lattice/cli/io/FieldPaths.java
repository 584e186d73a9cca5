package dev.lattice.cli.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.api.status.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
        : found.isTextual() ? "the text \"" + dev.lattice.engine.validate.Names.printable(found.asText()) + "\""
        : found.isArray() ? "a list"
        : found.isObject() ? "a mapping"
        : dev.lattice.engine.validate.Names.printable(found.toString());
    return "expected " + expected + " but found " + foundText + ". Fix: write " + expected + " here (see `kubectl "
        + "explain latticeservice." + path.replaceAll("\\[\\d+]", "") + "` once the CRD is installed).";
  }

  private static String expected(String message) {
    String m = Objects.toString(message, "");
    if (m.contains("out of range of int") || m.contains("out of range of long")) {
      return "a whole number of at most " + (m.contains("of int") ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }
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

  /** The closest known field name, when one is close enough to be a typo ({@link Suggestions}). */
  static Optional<String> nearest(String property, Collection<Object> known) {
    return Suggestions.nearest(property, names(known));
  }

  static String suggestion(String property, Collection<Object> known) {
    Optional<String> meant = nearest(property, known);
    if (meant.isPresent()) {
      return "did you mean '" + meant.get() + "'? Rename the field, or remove it.";
    }
    return "remove it, or use one of the fields this object has: " + String.join(", ", names(known)) + ".";
  }

  private static TreeSet<String> names(Collection<Object> known) {
    TreeSet<String> names = new TreeSet<>();
    known.forEach(k -> names.add(String.valueOf(k)));
    names.remove("apiVersion");
    names.remove("kind");
    return names;
  }
}
