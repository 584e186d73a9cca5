package dev.lattice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.status.Suggestions;
import dev.lattice.engine.Provenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code lattice explain}: a field's type and description from the CRD, in kubectl explain's layout, plus the
 * derived fields it feeds ({@link Provenance}).
 */
public final class Explainer {
  private static final int WIDTH = 80;

  /** What {@link #explain} found: the text to print, or the message of an input error. */
  public sealed interface Result {
    record Found(String text) implements Result {}

    record NotFound(String message) implements Result {}
  }

  private record Resolved(String path, String name, JsonNode node, boolean required) {}

  private Explainer() {}

  /**
   * @param expression {@code [RESOURCE.]field.path}; RESOURCE is a kind, plural, singular or short name
   *     (default LatticeService); map keys may be left out or written ({@code containers.main.image})
   * @param version the served version to explain ({@code v1alpha1} or {@code lattice.dev/v1alpha1}), or null
   */
  public static Result explain(String expression, String version, boolean recursive) {
    List<String> segments = new ArrayList<>(Arrays.stream(expression.split("\\.", -1))
        .map(s -> s.endsWith("[]") ? s.substring(0, s.length() - 2) : s).toList());
    Crds.Crd crd = Crds.find("LatticeService").orElseThrow();
    // kubectl's fully qualified form, latticeservices.lattice.dev.spec...: the group's dots are not field steps.
    if (segments.size() >= 3 && Crds.find(String.join(".", segments.subList(0, 3))).isPresent()) {
      String qualified = String.join(".", segments.subList(0, 3));
      segments.subList(0, 3).clear();
      segments.add(0, qualified);
    }
    if (!segments.isEmpty() && Crds.find(segments.get(0)).isPresent()) {
      crd = Crds.find(segments.remove(0)).orElseThrow();
    } else if (!segments.isEmpty() && !root(crd, crd.preferred()).path("properties").has(segments.get(0))) {
      List<String> known = new ArrayList<>(Crds.names());
      known.addAll(List.of("apiVersion", "kind", "metadata", "spec", "status"));
      return new Result.NotFound("'" + segments.get(0) + "' is neither a kind Lattice serves nor a field of "
          + crd.kind() + "; did you mean '" + nearestName(segments.get(0), known) + "'? Kinds: "
          + Crds.all().stream().map(Crds.Crd::kind).collect(Collectors.joining(", ")) + ".");
    }
    if (version == null) {
      // The storage version first; a path of another served version (spec.workload in v1alpha1) explains there.
      Attempt best = null;
      for (Crds.Version served : crd.versions()) {
        Attempt attempt = explainIn(crd, served, segments, recursive);
        if (attempt.result() instanceof Result.Found) {
          return attempt.result();
        }
        if (best == null || attempt.depth() > best.depth()) {
          best = attempt;
        }
      }
      return best.result();
    }
    Optional<Crds.Version> served = crd.version(version.substring(version.indexOf('/') + 1));
    if (served.isEmpty()) {
      return new Result.NotFound(crd.kind() + " has no served version '" + version + "'; served: "
          + String.join(", ", crd.versionNames()) + ".");
    }
    return explainIn(crd, served.get(), segments, recursive).result();
  }

  /** A result, and how many steps of the path the version had (the failure that got furthest is reported). */
  private record Attempt(Result result, int depth) {}

  private static Attempt explainIn(Crds.Crd crd, Crds.Version version, List<String> segments, boolean recursive) {
    ObjectNode root = root(crd, version);
    List<String> canonical = new ArrayList<>();
    JsonNode node = root;
    String name = crd.kind();
    boolean required = false;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      JsonNode holder = fields(node);
      JsonNode child = holder.path("properties").path(segment);
      if (!child.isMissingNode()) {
        required = contains(holder.path("required"), segment);
        node = child;
        name = segment;
        canonical.add(segment);
      } else if (!mapValue(node).isMissingNode() && i < segments.size() - 1) {
        node = mapValue(node); // a map key the user wrote, e.g. containers.main.image
      } else {
        String written = String.join(".", segments);
        List<String> attempt = new ArrayList<>(canonical);
        attempt.addAll(segments.subList(i, segments.size()));
        String suggestion = nearest(List.of(written, String.join(".", attempt)), paths(root));
        String parent = canonical.isEmpty() ? crd.singular() : crd.singular() + "." + String.join(".", canonical);
        return new Attempt(new Result.NotFound("field '" + written + "' does not exist in " + crd.kind() + " ("
            + crd.group() + "/" + version.name() + "): " + where(canonical, segment) + "; did you mean '"
            + suggestion + "'? 'lattice explain " + parent + "' lists the fields there."), canonical.size());
      }
    }
    Resolved field = new Resolved(String.join(".", canonical), name, node, required);
    return new Attempt(new Result.Found(render(crd, version, field, recursive, segments.isEmpty())),
        canonical.size());
  }

  private static String where(List<String> canonical, String segment) {
    return canonical.isEmpty() ? "there is no top-level field '" + segment + "'"
        : String.join(".", canonical) + " has no field '" + segment + "'";
  }

  private static String render(Crds.Crd crd, Crds.Version version, Resolved field, boolean recursive, boolean top) {
    StringBuilder out = new StringBuilder();
    out.append("GROUP:      ").append(crd.group()).append('\n');
    out.append("KIND:       ").append(crd.kind()).append('\n');
    out.append("VERSION:    ").append(version.name()).append("\n\n");
    if (!top) {
      out.append("FIELD: ").append(field.name()).append(" <").append(type(field.node())).append('>')
          .append(field.required() ? " -required-" : "").append("\n\n");
    }
    out.append("DESCRIPTION:\n");
    String description = field.node().path("description").asText("");
    wrap(description.isEmpty() ? "<empty>" : description, "    ", out);
    facets(field.node(), "    ", out);
    if (crd.kind().equals("LatticeService") && field.path().startsWith("spec.")) {
      Provenance.of(field.path()).ifPresent(entry -> feeds(field.path(), entry, out));
    }
    JsonNode holder = fields(field.node());
    if (holder.has("properties")) {
      out.append("\nFIELDS:\n");
      list(holder, "  ", recursive, out);
    }
    return out.toString();
  }

  private static void feeds(String path, Provenance.Entry entry, StringBuilder out) {
    out.append("\nFEEDS:\n");
    if (entry.feeds().isEmpty()) {
      out.append("    nothing derived");
      out.append(entry.note().isEmpty() ? "\n" : ": " + entry.note() + "\n");
    } else {
      entry.feeds().forEach(feed -> out.append("    ").append(feed).append('\n'));
      if (!entry.note().isEmpty()) {
        wrap("Also: " + entry.note() + ".", "    ", out);
      }
    }
    if (!entry.field().equals(path)) {
      out.append("    (as part of ").append(entry.field()).append(")\n");
    }
  }

  private static void list(JsonNode holder, String indent, boolean recursive, StringBuilder out) {
    List<String> required = new ArrayList<>();
    holder.path("required").forEach(r -> required.add(r.asText()));
    boolean first = true;
    for (Map.Entry<String, JsonNode> property : holder.path("properties").properties()) {
      JsonNode node = property.getValue();
      if (!recursive && !first) {
        out.append('\n');
      }
      first = false;
      out.append(indent).append(property.getKey()).append("\t<").append(type(node)).append('>')
          .append(required.contains(property.getKey()) ? " -required-" : "").append('\n');
      if (recursive) {
        JsonNode inner = fields(node);
        if (inner.has("properties")) {
          list(inner, indent + "  ", true, out);
        }
      } else {
        String description = node.path("description").asText("");
        wrap(description.isEmpty() ? "<no description>" : description, indent + "  ", out);
        facets(node, indent + "  ", out);
      }
    }
  }

  /** Default and allowed values, when the CRD states them. */
  private static void facets(JsonNode node, String indent, StringBuilder out) {
    if (node.has("default")) {
      out.append(indent).append("default: ").append(node.get("default")).append('\n');
    }
    if (node.has("enum")) {
      List<String> values = new ArrayList<>();
      node.get("enum").forEach(v -> values.add(v.asText()));
      out.append(indent).append("enum: ").append(String.join(", ", values)).append('\n');
    }
  }

  /** kubectl's type names: string, integer, []string, map[string]string, Object, IntOrString. */
  static String type(JsonNode node) {
    if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return "IntOrString";
    }
    String type = node.path("type").asText("");
    if (type.equals("array")) {
      return "[]" + type(node.path("items"));
    }
    if (type.equals("object") && !node.has("properties") && node.path("additionalProperties").isObject()) {
      return "map[string]" + type(node.get("additionalProperties"));
    }
    return type.isEmpty() || type.equals("object") ? "Object" : type;
  }

  /** The node whose properties are the fields under {@code node}: itself, or its list items or map values. */
  private static JsonNode fields(JsonNode node) {
    JsonNode current = node;
    for (int depth = 0; depth < 8 && !current.has("properties"); depth++) {
      if (current.has("items")) {
        current = current.get("items");
      } else if (current.path("additionalProperties").isObject()) {
        current = current.get("additionalProperties");
      } else {
        break;
      }
    }
    return current;
  }

  private static JsonNode mapValue(JsonNode node) {
    JsonNode current = node.has("items") ? node.get("items") : node;
    return current.path("additionalProperties").isObject() ? current.get("additionalProperties")
        : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  /** The version's schema with the fields every Kubernetes object has, as the API server serves it. */
  private static ObjectNode root(Crds.Crd crd, Crds.Version version) {
    ObjectNode root = version.schema().deepCopy();
    root.put("description", crd.describe(""));
    ObjectNode properties = root.objectNode();
    properties.putObject("apiVersion").put("type", "string")
        .put("description", "The API group and version of this object, e.g. lattice.dev/" + version.name() + ".");
    properties.putObject("kind").put("type", "string").put("description", "The kind of this object.");
    properties.putObject("metadata").put("type", "object").put("description",
        "The object's name, namespace, labels and annotations (Kubernetes ObjectMeta).");
    root.path("properties").properties().forEach(p -> {
      if (!p.getValue().has("description") && p.getValue().isObject()) {
        ((ObjectNode) p.getValue()).put("description", crd.describe(p.getKey()));
      }
      properties.set(p.getKey(), p.getValue());
    });
    root.set("properties", properties);
    return root;
  }

  /** Every field path of the schema, map keys and list indexes left out. */
  private static List<String> paths(JsonNode root) {
    List<String> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  private static void walk(JsonNode node, String prefix, List<String> out) {
    for (Map.Entry<String, JsonNode> property : fields(node).path("properties").properties()) {
      String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
      out.add(path);
      walk(property.getValue(), path, out);
    }
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode v : array) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The known name closest to {@code written} (edit distance, any case). */
  public static String nearestName(String written, Collection<String> known) {
    return nearest(List.of(written), known);
  }

  /** The known name closest to any of the ways the user's input can be read (edit distance, any case). */
  static String nearest(List<String> readings, Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt((String k) -> readings.stream()
                .mapToInt(r -> Suggestions.distance(r.toLowerCase(), k.toLowerCase())).min().orElse(Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder()))
        .orElse("");
  }

  private static void wrap(String text, String indent, StringBuilder out) {
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.split("\\s+")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line.setLength(0);
        line.append(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    out.append(line).append('\n');
  }
}
