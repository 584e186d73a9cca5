package dev.lattice.api.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The one step between v1alpha1 and v1beta1, on spec trees. v1beta1 lifts {@code spec.workload.containers} to
 * {@code spec.containers}, {@code spec.workload.service.ports} to {@code spec.ports}, and splits
 * {@code spec.workload.resources} by purpose: services and external services into {@code spec.dependencies}
 * (as written, with type and direction), secrets into {@code spec.secrets} and volumes into {@code spec.volumes}
 * (without the type their section implies); gpu and custom types stay in {@code spec.resources}. Every other field
 * is copied unchanged. Both functions are total: what does not fit the shape is copied as it is, and whatever a
 * step cannot express is restored by {@link Conversions} from its annotation.
 */
final class AlphaBeta {
  static final String WORKLOAD = "workload";
  /** The v1beta1 sections that come out of {@code spec.workload}, in the order they are written. */
  static final List<String> SECTIONS = List.of("containers", "ports", "dependencies", "secrets", "volumes",
      "resources");

  private AlphaBeta() {}

  static JsonNode up(JsonNode spec) {
    if (!(spec instanceof ObjectNode in)) {
      return spec.deepCopy();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      if (field.getKey().equals(WORKLOAD) && field.getValue() instanceof ObjectNode workload) {
        lift(workload, out);
      } else if (!out.has(field.getKey())) {
        out.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return out;
  }

  private static void lift(ObjectNode workload, ObjectNode out) {
    copy(workload.get("containers"), "containers", out);
    if (workload.get("service") instanceof ObjectNode service) {
      copy(service.get("ports"), "ports", out);
    }
    if (workload.get("resources") instanceof ObjectNode resources) {
      for (Map.Entry<String, JsonNode> r : resources.properties()) {
        String section = section(r.getValue());
        JsonNode entry = r.getValue().deepCopy();
        if (!section.equals("dependencies") && !section.equals("resources")) {
          ((ObjectNode) entry).remove("type");
        }
        sectionOf(out, section).set(r.getKey(), entry);
      }
    }
  }

  /** Where a v1alpha1 resource goes in v1beta1, by its type (service when there is none). */
  static String section(JsonNode resource) {
    if (resource == null || resource.isNull()) {
      return "dependencies";
    }
    if (!(resource instanceof ObjectNode entry)) {
      return "resources";
    }
    JsonNode type = entry.get("type");
    if (type == null) {
      return "dependencies";
    }
    return switch (type.isTextual() ? type.asText() : "") {
      case "service", "external-service" -> "dependencies";
      case "secret" -> "secrets";
      case "volume" -> "volumes";
      default -> "resources";
    };
  }

  static JsonNode down(JsonNode spec) {
    if (!(spec instanceof ObjectNode in)) {
      return spec.deepCopy();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      String key = field.getKey();
      if (SECTIONS.contains(key)) {
        if (!out.has(WORKLOAD)) {
          out.set(WORKLOAD, gather(in));
        }
      } else if (!out.has(key)) {
        out.set(key, field.getValue().deepCopy());
      }
    }
    return out;
  }

  private static ObjectNode gather(ObjectNode in) {
    ObjectNode workload = JsonNodeFactory.instance.objectNode();
    copy(in.get("containers"), "containers", workload);
    if (in.has("ports")) {
      workload.putObject("service").set("ports", in.get("ports").deepCopy());
    }
    ObjectNode resources = null;
    for (String section : List.of("dependencies", "secrets", "volumes", "resources")) {
      JsonNode entries = in.get(section);
      if (entries == null) {
        continue;
      }
      if (resources == null) {
        resources = workload.putObject("resources");
      }
      if (!(entries instanceof ObjectNode map)) {
        continue; // a section that is not a map has nothing to contribute; the annotation keeps it
      }
      for (Map.Entry<String, JsonNode> r : map.properties()) {
        resources.set(r.getKey(), typed(section, r.getValue()));
      }
    }
    return workload;
  }

  /** A v1beta1 entry as a v1alpha1 resource: secrets and volumes get back the type their section implied. */
  private static JsonNode typed(String section, JsonNode entry) {
    String type = switch (section) {
      case "secrets" -> "secret";
      case "volumes" -> "volume";
      default -> null;
    };
    if (type == null) {
      return entry.deepCopy();
    }
    if (entry != null && !entry.isNull() && !(entry instanceof ObjectNode)) {
      return entry.deepCopy();
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", type);
    if (entry instanceof ObjectNode fields) {
      fields.properties().forEach(f -> {
        if (!f.getKey().equals("type")) {
          out.set(f.getKey(), f.getValue().deepCopy());
        }
      });
    }
    return out;
  }

  private static void copy(JsonNode value, String name, ObjectNode out) {
    if (value != null) {
      out.set(name, value.deepCopy());
    }
  }

  private static ObjectNode sectionOf(ObjectNode out, String section) {
    return out.get(section) instanceof ObjectNode existing ? existing : out.putObject(section);
  }
}
