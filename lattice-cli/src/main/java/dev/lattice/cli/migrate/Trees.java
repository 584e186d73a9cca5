package dev.lattice.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

/** Comparisons of YAML trees as the reader sees them: key order aside, and 2 equal to 2.0 only as numbers. */
final class Trees {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private Trees() {}

  static boolean same(JsonNode a, JsonNode b) {
    return a.equals(NUMBERS_BY_VALUE, b);
  }

  /** The dotted path of the first field where the trees differ ("" for the root), or null when they are the same. */
  static String firstDifference(JsonNode a, JsonNode b) {
    if (same(a, b)) {
      return null;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new java.util.LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        if (!a.has(key) || !b.has(key)) {
          return key;
        }
        String below = firstDifference(a.get(key), b.get(key));
        if (below != null) {
          return below.isEmpty() ? key : key + (below.startsWith("[") ? "" : ".") + below;
        }
      }
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        String below = firstDifference(a.get(i), b.get(i));
        if (below != null) {
          return "[" + i + "]" + (below.isEmpty() || below.startsWith("[") ? "" : ".") + below;
        }
      }
    }
    return "";
  }

  /** The share of {@code converted}'s leaves (path and value) that {@code original} has too. */
  static double similarity(JsonNode original, JsonNode converted) {
    Set<String> theirs = new HashSet<>();
    leaves("", original, theirs);
    Set<String> ours = new HashSet<>();
    leaves("", converted, ours);
    if (ours.isEmpty()) {
      return 0;
    }
    return ours.stream().filter(theirs::contains).count() / (double) ours.size();
  }

  private static void leaves(String path, JsonNode node, Set<String> into) {
    if (node.isContainerNode() && !node.isEmpty()) {
      if (node.isObject()) {
        node.fields().forEachRemaining(f -> leaves(path + "/" + f.getKey().replace("/", "~1"), f.getValue(), into));
      } else {
        for (int i = 0; i < node.size(); i++) {
          leaves(path + "/" + i, node.get(i), into);
        }
      }
    } else {
      into.add(path + "=" + node);
    }
  }
}
