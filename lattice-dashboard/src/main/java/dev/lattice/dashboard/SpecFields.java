package dev.lattice.dashboard;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.api.versions.ServedTypes;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The spec fields a LatticeService sets, named in the storage version ({@code lattice.dev/v1}) so that services
 * written in different versions count together: {@code spec.replicas}, {@code spec.containers.*.image},
 * {@code spec.autoscaling.metrics[*].target}. Map keys (a container's name) become {@code *}, list elements
 * {@code [*]}; free-form maps (params, backup) are one field. Fields the type does not know are not counted (the
 * reader already warns about them). The walk follows the wire classes, so a new spec field is counted without a
 * change here.
 */
public final class SpecFields {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<JavaType, Map<String, JavaType>> PROPERTIES = new java.util.concurrent.ConcurrentHashMap<>();

  private SpecFields() {}

  /**
   * The fields of a whole LatticeService document in any served version (converted to v1 first; a spec that
   * cannot become v1 without a decision is counted in the version it is written in).
   */
  public static SortedSet<String> ofDocument(JsonNode document) {
    String written = document.path("apiVersion").asText("");
    Optional<ApiVersion> version = ApiVersion.of(written).filter(v -> v.apiVersion().equals(written));
    if (version.isEmpty() || !(document instanceof ObjectNode object)) {
      return new TreeSet<>();
    }
    JsonNode tree = document;
    ApiVersion as = version.get();
    if (as != ApiVersion.STORAGE
        && Conversions.convert(object, ApiVersion.STORAGE) instanceof ConversionResult.Converted converted) {
      tree = converted.document();
      as = ApiVersion.STORAGE;
    }
    return of(tree.path("spec"), specType(as));
  }

  /** The fields of a v1 {@code spec} tree (what the operator stores). */
  public static SortedSet<String> ofV1Spec(JsonNode spec) {
    return of(spec, specType(ApiVersion.STORAGE));
  }

  private static SortedSet<String> of(JsonNode spec, JavaType type) {
    SortedSet<String> fields = new TreeSet<>();
    if (spec.isObject()) {
      walk(spec, type, "spec", fields);
    }
    return fields;
  }

  private static JavaType specType(ApiVersion version) {
    return properties(MAPPER.constructType(ServedTypes.type(version))).get("spec");
  }

  private static void walk(JsonNode node, JavaType type, String path, SortedSet<String> out) {
    if (node.isNull() || node.isMissingNode()) {
      return;
    }
    if (type.isMapLikeType()) {
      JavaType content = type.getContentType();
      if (!node.isObject() || !structured(content)) {
        return;
      }
      node.fields().forEachRemaining(e -> walk(e.getValue(), content, path + ".*", out));
      return;
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      JavaType content = type.getContentType();
      if (node.isArray() && structured(content)) {
        node.forEach(element -> walk(element, content, path + "[*]", out));
      }
      return;
    }
    if (!structured(type) || !node.isObject()) {
      return;
    }
    Map<String, JavaType> properties = properties(type);
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JavaType child = properties.get(field.getKey());
      if (child == null || field.getValue().isNull()) {
        continue;
      }
      String childPath = path + "." + field.getKey();
      out.add(childPath);
      walk(field.getValue(), child, childPath, out);
    }
  }

  /** A bean, or a container of beans: something with named fields to count. */
  private static boolean structured(JavaType type) {
    if (type.isContainerType()) {
      return structured(type.getContentType());
    }
    Class<?> raw = type.getRawClass();
    return !raw.isPrimitive() && !raw.isEnum() && raw != Object.class && !raw.getName().startsWith("java.")
        && !JsonNode.class.isAssignableFrom(raw);
  }

  private static Map<String, JavaType> properties(JavaType type) {
    return PROPERTIES.computeIfAbsent(type, t -> {
      BeanDescription description = MAPPER.getDeserializationConfig().introspect(t);
      Map<String, JavaType> names = new HashMap<>();
      for (BeanPropertyDefinition p : description.findProperties()) {
        if (p.getPrimaryType() != null) {
          names.put(p.getName(), p.getPrimaryType());
        }
      }
      return Map.copyOf(names);
    });
  }
}
