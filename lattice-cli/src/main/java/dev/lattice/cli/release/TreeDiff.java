package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The differences between two versions of one object, field by field. Key order never matters, list elements with
 * a {@code name} are matched by name (a reordered list is no change), and fields set to the value Kubernetes would
 * default them to count as absent, so a release that only spells out a default diffs empty.
 */
public final class TreeDiff {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  /** Maps whose keys are the user's own (config file names, env names): grouped as one pattern. */
  private static final Set<String> FREE_FORM = Set.of("data", "binaryData", "stringData");

  /** Kubernetes' defaults, by kind and pattern: a field holding one of these is normalised away. */
  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("Service spec.ports[*].protocol", "TCP"),
      Map.entry("Service spec.type", "ClusterIP"),
      Map.entry("Service spec.sessionAffinity", "None"),
      Map.entry("Deployment spec.revisionHistoryLimit", "10"),
      Map.entry("Deployment spec.progressDeadlineSeconds", "600"),
      Map.entry("Deployment spec.strategy.type", "RollingUpdate"),
      Map.entry("Deployment spec.template.spec.restartPolicy", "Always"),
      Map.entry("Deployment spec.template.spec.dnsPolicy", "ClusterFirst"),
      Map.entry("Deployment spec.template.spec.schedulerName", "default-scheduler"),
      Map.entry("Deployment spec.template.spec.terminationGracePeriodSeconds", "30"),
      Map.entry("Deployment spec.template.spec.containers[*].ports[*].protocol", "TCP"),
      Map.entry("Deployment spec.template.spec.containers[*].terminationMessagePath", "/dev/termination-log"),
      Map.entry("Deployment spec.template.spec.containers[*].terminationMessagePolicy", "File"),
      Map.entry("Deployment spec.template.spec.initContainers[*].terminationMessagePath", "/dev/termination-log"),
      Map.entry("Deployment spec.template.spec.initContainers[*].terminationMessagePolicy", "File"));

  private TreeDiff() {}

  /** The object without defaulted and empty fields (a copy; the argument is left as it is). */
  public static ObjectNode normalise(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    strip(object.path("kind").asText(), "", copy);
    return copy;
  }

  /** True when nothing is left of the node. */
  private static boolean strip(String kind, String pattern, JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = childPattern(pattern, field.getKey(), FREE_FORM.contains(lastKey(pattern)));
        String fallback = DEFAULTS.get(kind + " " + child);
        JsonNode value = canonical(field.getValue());
        field.setValue(value);
        if (value.isNull() || (fallback != null && value.isValueNode() && fallback.equals(value.asText()))
            || strip(kind, child, value)) {
          fields.remove();
        }
      }
      return object.isEmpty();
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, canonical(array.get(i)));
        strip(kind, pattern + "[*]", array.get(i));
      }
      return array.isEmpty();
    }
    return node.isTextual() && node.asText().isEmpty();
  }

  /** Whole numbers as longs: a tree built from objects holds a long where the same number parsed is an int. */
  private static JsonNode canonical(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToLong() ? LongNode.valueOf(value.longValue()) : value;
  }

  /** Every difference from {@code before} to {@code after} (normalised first), in path order. */
  public static List<FieldChange> diff(ObjectNode before, ObjectNode after) {
    List<FieldChange> changes = new ArrayList<>();
    walk("", "", normalise(before), normalise(after), changes);
    return changes;
  }

  private static void walk(String path, String pattern, JsonNode a, JsonNode b, List<FieldChange> out) {
    boolean hasA = !a.isMissingNode();
    boolean hasB = !b.isMissingNode();
    if (!hasA || !hasB) {
      if (hasA || hasB) {
        out.add(new FieldChange(path, pattern, hasA ? FieldChange.Change.removed : FieldChange.Change.added));
      }
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      boolean freeForm = FREE_FORM.contains(lastKey(pattern));
      for (String key : keys) {
        walk(childPath(path, key), childPattern(pattern, key, freeForm), a.path(key), b.path(key), out);
      }
    } else if (a.isArray() && b.isArray()) {
      Map<String, JsonNode> namedA = named(a);
      Map<String, JsonNode> namedB = named(b);
      if (namedA != null && namedB != null) {
        Set<String> names = new java.util.LinkedHashSet<>(namedA.keySet());
        names.addAll(namedB.keySet());
        for (String name : names) {
          walk(path + "[name=" + name + "]", pattern + "[*]", namedA.getOrDefault(name, MissingNode.getInstance()),
              namedB.getOrDefault(name, MissingNode.getInstance()), out);
        }
      } else {
        unnamed(path, pattern, (ArrayNode) a, (ArrayNode) b, out);
      }
    } else if (!sameValue(a, b)) {
      out.add(new FieldChange(path, pattern, FieldChange.Change.changed));
    }
  }

  /**
   * Lists without names: an element found unchanged on the other side (anywhere) is no change, so one rule
   * inserted or removed shows as that rule, not as every later rule shifted; the rest pair up in order.
   */
  private static void unnamed(String path, String pattern, ArrayNode a, ArrayNode b, List<FieldChange> out) {
    boolean[] usedA = new boolean[a.size()];
    boolean[] usedB = new boolean[b.size()];
    for (int j = 0; j < b.size(); j++) {
      for (int i = 0; i < a.size(); i++) {
        if (!usedA[i] && a.get(i).equals(b.get(j))) {
          usedA[i] = true;
          usedB[j] = true;
          break;
        }
      }
    }
    List<Integer> leftA = new ArrayList<>();
    List<Integer> leftB = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!usedA[i]) {
        leftA.add(i);
      }
    }
    for (int j = 0; j < b.size(); j++) {
      if (!usedB[j]) {
        leftB.add(j);
      }
    }
    for (int k = 0; k < Math.max(leftA.size(), leftB.size()); k++) {
      JsonNode x = k < leftA.size() ? a.get(leftA.get(k)) : MissingNode.getInstance();
      JsonNode y = k < leftB.size() ? b.get(leftB.get(k)) : MissingNode.getInstance();
      walk(path + "[" + (k < leftB.size() ? leftB.get(k) : leftA.get(k)) + "]", pattern + "[*]", x, y, out);
    }
  }

  /** Equal values; numbers by value, since a tree built from objects holds a long where one parsed holds an int. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** The elements by name when every element is an object with a distinct text {@code name}; else null. */
  private static Map<String, JsonNode> named(JsonNode array) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode element : array) {
      JsonNode name = element.path("name");
      if (!name.isTextual() || byName.put(name.asText(), element) != null) {
        return null;
      }
    }
    return byName;
  }

  private static String childPath(String path, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return path.isEmpty() ? key : path + "." + key;
    }
    return path + "[" + key + "]";
  }

  private static String childPattern(String pattern, String key, boolean freeForm) {
    return freeForm ? pattern + "[*]" : childPath(pattern, key);
  }

  private static String lastKey(String pattern) {
    int dot = pattern.lastIndexOf('.');
    return dot < 0 ? pattern : pattern.substring(dot + 1);
  }
}
