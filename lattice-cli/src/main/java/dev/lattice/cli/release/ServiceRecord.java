package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.engine.output.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One service as a snapshot holds it: phase, conditions, every access it asks for with the decision, and its
 * derived objects in apply order, each as the JSON tree sent to the API server.
 *
 * @param access what the service may or may not do ("AccessSecret access secret vault:x" to "allowed" or
 *     "denied"; "MeshEdge calls ns/name" for agreed edges), sorted
 */
public record ServiceRecord(
    String service, String phase, ArrayNode conditions, Map<String, String> access, List<ObjectNode> objects) {
  public ServiceRecord {
    access = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(access));
    objects = List.copyOf(objects);
  }

  /** The compact one-line JSON of the record, as a snapshot stores it. */
  public ObjectNode toJson() {
    ObjectNode node = Manifests.jsonMapper().createObjectNode();
    node.put("service", service);
    node.put("phase", phase);
    node.set("conditions", conditions);
    ObjectNode accessNode = node.putObject("access");
    access.forEach(accessNode::put);
    ArrayNode list = node.putArray("objects");
    objects.forEach(list::add);
    return node;
  }

  public static ServiceRecord fromJson(JsonNode node) {
    SortedMap<String, String> access = new TreeMap<>();
    node.path("access").fields().forEachRemaining(e -> access.put(e.getKey(), e.getValue().asText()));
    List<ObjectNode> objects = new ArrayList<>();
    node.path("objects").forEach(o -> objects.add((ObjectNode) o));
    JsonNode conditions = node.path("conditions");
    return new ServiceRecord(node.path("service").asText(), node.path("phase").asText(),
        conditions.isArray() ? (ArrayNode) conditions : Manifests.jsonMapper().createArrayNode(), access, objects);
  }

  /** Namespace, then name: the order of {@code ServiceRef} and of the fleet, which plain text order is not. */
  public static int compareServices(String a, String b) {
    int slashA = a.indexOf('/');
    int slashB = b.indexOf('/');
    int byNamespace = a.substring(0, Math.max(slashA, 0)).compareTo(b.substring(0, Math.max(slashB, 0)));
    return byNamespace != 0 ? byNamespace : a.substring(slashA + 1).compareTo(b.substring(slashB + 1));
  }

  /** The identity of an object within its service: kind, namespace and name. */
  public static String identity(JsonNode object) {
    JsonNode meta = object.path("metadata");
    String namespace = meta.path("namespace").asText("");
    return object.path("kind").asText() + " " + (namespace.isEmpty() ? "" : namespace + "/")
        + meta.path("name").asText();
  }

  /** The objects by identity, in apply order. */
  public Map<String, ObjectNode> objectsByIdentity() {
    Map<String, ObjectNode> byId = new java.util.LinkedHashMap<>();
    objects.forEach(o -> byId.put(identity(o), o));
    return byId;
  }
}
