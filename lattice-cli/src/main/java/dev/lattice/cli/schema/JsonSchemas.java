package dev.lattice.cli.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas (draft-07, which VS Code's YAML extension and JetBrains IDEs both check) for editors, converted from
 * the CRDs' OpenAPI v3 schemas. Objects whose fields the API server would prune get {@code additionalProperties:
 * false}, so an editor flags a typo'd field as the user types it; {@code x-kubernetes-preserve-unknown-fields}
 * objects stay open, and int-or-string fields accept both.
 */
public final class JsonSchemas {
  public static final String DRAFT = "http://json-schema.org/draft-07/schema#";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Keywords that mean the same in OpenAPI v3 (Kubernetes' subset) and draft-07, copied as they are. */
  private static final Set<String> SAME = Set.of("description", "enum", "default", "pattern", "minimum",
      "maximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
      "multipleOf", "required");
  /** Formats draft-07 defines; Kubernetes' own (int32, int-or-string, quantity...) are dropped. */
  private static final Set<String> FORMATS = Set.of("date-time", "date", "time", "email", "hostname", "ipv4",
      "ipv6", "uri", "uri-reference", "uuid", "regex", "byte");

  private JsonSchemas() {}

  /** The file name under {@code deploy/schemas}: {@code <kind>-<version>.json}, lower case. */
  public static String fileName(Crds.Crd crd, Crds.Version version) {
    return crd.kind().toLowerCase(Locale.ROOT) + "-" + version.name() + ".json";
  }

  /** The schema as published: indented JSON with a final newline, identical on every run. */
  public static String text(Crds.Crd crd, Crds.Version version) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    try {
      return JsonMapper.builder().build().writer(printer).writeValueAsString(of(crd, version))
          .replace(System.lineSeparator(), "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The schema of one document of {@code crd} at {@code version}: apiVersion and kind fixed, metadata named. */
  public static ObjectNode of(Crds.Crd crd, Crds.Version version) {
    String apiVersion = crd.group() + "/" + version.name();
    ObjectNode root = NODES.objectNode();
    root.put("$schema", DRAFT);
    root.put("title", crd.kind() + " (" + apiVersion + ")");
    root.put("description", crd.describe("") + " (Generated from the CRD " + crd.plural() + "." + crd.group()
        + " by lattice schema; do not edit.)");
    root.put("type", "object");
    root.set("required", strings("apiVersion", "kind", "metadata", "spec"));
    ObjectNode properties = root.putObject("properties");
    properties.putObject("apiVersion").put("description", "Always " + apiVersion + ".").put("const", apiVersion);
    properties.putObject("kind").put("description", "Always " + crd.kind() + ".").put("const", crd.kind());
    properties.set("metadata", metadata());
    convert(version.schema()).path("properties").properties().forEach(field -> {
      if (!field.getValue().has("description")) {
        ((ObjectNode) field.getValue()).put("description", crd.describe(field.getKey()));
      }
      properties.set(field.getKey(), field.getValue());
    });
    root.put("additionalProperties", false);
    return root;
  }

  private static ObjectNode metadata() {
    ObjectNode metadata = NODES.objectNode();
    metadata.put("description", "The object's name, namespace, labels and annotations (Kubernetes ObjectMeta).");
    metadata.put("type", "object");
    metadata.set("required", strings("name"));
    ObjectNode properties = metadata.putObject("properties");
    properties.putObject("name").put("type", "string").put("maxLength", 253)
        .put("description", "Name of the object, unique in its namespace.");
    properties.putObject("namespace").put("type", "string").put("maxLength", 63)
        .put("description", "Namespace of the object (default: default).");
    for (String map : List.of("labels", "annotations")) {
      properties.putObject(map).put("type", "object").put("description", "Kubernetes " + map + ".")
          .putObject("additionalProperties").put("type", "string");
    }
    return metadata;
  }

  /** One OpenAPI v3 schema node as a draft-07 schema node. */
  static ObjectNode convert(JsonNode node) {
    ObjectNode out = NODES.objectNode();
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Map.Entry<String, JsonNode> keyword : node.properties()) {
      String key = keyword.getKey();
      JsonNode value = keyword.getValue();
      switch (key) {
        case "type" -> {
          if (!intOrString) {
            out.set("type", node.path("nullable").asBoolean(false) ? strings(value.asText(), "null") : value);
          }
        }
        case "format" -> {
          if (FORMATS.contains(value.asText())) {
            out.set("format", value);
          }
        }
        case "exclusiveMinimum", "exclusiveMaximum" -> exclusive(node, key, value, out);
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.properties().forEach(p -> properties.set(p.getKey(), convert(p.getValue())));
        }
        case "items", "not" -> out.set(key, convert(value));
        case "additionalProperties" -> out.set(key, value.isObject() ? convert(value) : value);
        case "anyOf", "oneOf", "allOf" -> {
          ArrayNode all = out.putArray(key);
          value.forEach(v -> all.add(convert(v)));
        }
        case "x-kubernetes-list-type" -> {
          if (value.asText().equals("set")) {
            out.put("uniqueItems", true);
          }
        }
        case "x-kubernetes-validations" -> {
          List<String> rules = new ArrayList<>();
          value.forEach(rule -> rules.add(rule.path("rule").asText()));
          out.put("$comment", "The API server also checks: " + String.join("; ", rules));
        }
        case "x-kubernetes-embedded-resource" -> {
          if (value.asBoolean(false) && !node.has("required")) {
            out.set("required", strings("apiVersion", "kind"));
          }
        }
        default -> {
          if (SAME.contains(key) && !replacedByExclusive(node, key)) {
            out.set(key, value);
          }
          // Other x-kubernetes-* keywords (list-map keys, map types) have no draft-07 meaning: dropped.
        }
      }
    }
    if (intOrString && !node.has("anyOf")) {
      ArrayNode anyOf = out.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    // The API server prunes fields a structural schema does not name; an editor should flag them instead.
    if (node.has("properties") && !node.has("additionalProperties") && !preserve) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** OpenAPI v3.0's boolean exclusive bounds become draft-07's numeric ones. */
  private static void exclusive(JsonNode node, String key, JsonNode value, ObjectNode out) {
    String bound = key.equals("exclusiveMinimum") ? "minimum" : "maximum";
    if (value.isNumber()) {
      out.set(key, value);
    } else if (value.asBoolean(false) && node.has(bound)) {
      out.set(key, node.get(bound));
    }
  }

  private static boolean replacedByExclusive(JsonNode node, String key) {
    JsonNode exclusive = node.path(key.equals("minimum") ? "exclusiveMinimum" : "exclusiveMaximum");
    return (key.equals("minimum") || key.equals("maximum")) && exclusive.isBoolean() && exclusive.booleanValue();
  }

  private static ArrayNode strings(String... values) {
    ArrayNode array = NODES.arrayNode();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }
}
