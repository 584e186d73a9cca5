package dev.lattice.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.mesh.Waypoint;
import dev.lattice.engine.output.Manifests;
import dev.lattice.engine.render.IngressGateway;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a service's part of a shared Gateway of its namespace: the ingress Gateway ({@link IngressGateway}) or the
 * ambient waypoint ({@link Waypoint}), both co-owned the same way. Each service applies only its
 * listeners, server-side, under its own field manager {@code lattice/<namespace>/<name>}: listeners are a map-list
 * keyed by name, so the API server merges the parts, and a listener several services need is co-owned and stays
 * until the last of them lets go. Releasing applies an empty part under the same manager, which removes exactly
 * the fields no other service owns; when nothing would be left (the Gateway needs a listener) the Gateway goes.
 *
 * <p>Under {@link ApplyMode#CREATE_OR_UPDATE} (fabric8's mock, which has no server-side apply) parts are merged by
 * listener name and never released: tests on the mock check what is written, the real control plane what is pruned.
 */
final class SharedGateway {
  private static final ObjectMapper JSON = Manifests.jsonMapper();
  /** Kubernetes limits a field manager name to 128 characters. */
  private static final int MAX_MANAGER = 128;

  private final ApplyMode mode;

  SharedGateway(ApplyMode mode) {
    this.mode = mode;
  }

  static boolean isShared(GenericKubernetesResource resource) {
    return IngressGateway.KIND.equals(resource.getKind())
        && IngressGateway.API_VERSION.equals(resource.getApiVersion());
  }

  static String name(ServiceRef service) {
    return service.namespace() + "-ingress";
  }

  /** Every shared Gateway a service of the namespace may hold a part of. */
  static List<String> names(ServiceRef service) {
    return List.of(name(service), Waypoint.NAME);
  }

  /** The service's own field manager; a too long one ends in a digest of namespace and name instead. */
  static String fieldManager(ServiceRef service) {
    String manager = Applier.FIELD_MANAGER + "/" + service.namespace() + "/" + service.name();
    return manager.length() <= MAX_MANAGER ? manager
        : Applier.FIELD_MANAGER + "/" + service.namespace() + "/" + Applier.digest(service.toString());
  }

  /** Applies the service's part; false when the live Gateway already holds it (nothing written). */
  boolean apply(ServiceRef service, NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> api, GenericKubernetesResource part) {
    GenericKubernetesResource live = api.withName(part.getMetadata().getName()).get();
    if (live != null && holds(service, live, part)) {
      return false;
    }
    if (mode == ApplyMode.SERVER_SIDE_APPLY) {
      // No force: a co-owner that set another class is a conflict to report, not to overwrite.
      api.resource(part).fieldManager(fieldManager(service)).serverSideApply();
    } else if (live == null) {
      api.resource(part).create();
    } else {
      api.resource(merged(live, part)).update();
    }
    return true;
  }

  /** Lets go of the service's part of the Gateway {@code name}; true when the Gateway was deleted or changed. */
  boolean release(ServiceRef service, NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> api, String name) {
    GenericKubernetesResource live = api.withName(name).get();
    if (live == null || mode != ApplyMode.SERVER_SIDE_APPLY || !managedBy(live, fieldManager(service))) {
      return false;
    }
    GenericKubernetesResource empty = new GenericKubernetesResource();
    empty.setApiVersion(IngressGateway.API_VERSION);
    empty.setKind(IngressGateway.KIND);
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(service.namespace());
    empty.setMetadata(meta);
    try {
      api.resource(empty).fieldManager(fieldManager(service)).serverSideApply();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 422) {
        throw e;
      }
      // Invalid without this service's fields: no other service has a listener left, so the Gateway goes.
      api.withName(name).delete();
    }
    return true;
  }

  private boolean holds(ServiceRef service, GenericKubernetesResource live, GenericKubernetesResource part) {
    if (mode == ApplyMode.SERVER_SIDE_APPLY && !managedBy(live, fieldManager(service))) {
      return false;
    }
    JsonNode want = JSON.valueToTree(part.getAdditionalProperties().get("spec"));
    JsonNode have = JSON.valueToTree(live.getAdditionalProperties().get("spec"));
    if (have == null || !want.path("gatewayClassName").equals(have.path("gatewayClassName"))) {
      return false;
    }
    Map<String, JsonNode> listeners = new LinkedHashMap<>();
    have.path("listeners").forEach(l -> listeners.put(l.path("name").asText(), l));
    for (JsonNode listener : want.path("listeners")) {
      JsonNode found = listeners.get(listener.path("name").asText());
      if (found == null || !Drift.covers(listener, found)) {
        return false;
      }
    }
    return true;
  }

  private static boolean managedBy(GenericKubernetesResource live, String manager) {
    List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
    return entries != null && entries.stream().anyMatch(e -> manager.equals(e.getManager()));
  }

  /** The live Gateway with the part's listeners added or replaced by name (CREATE_OR_UPDATE only). */
  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource merged(GenericKubernetesResource live, GenericKubernetesResource part) {
    Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) part.getAdditionalProperties().get("spec"));
    Map<String, Object> byName = new LinkedHashMap<>();
    Object liveSpec = live.getAdditionalProperties().get("spec");
    if (liveSpec instanceof Map<?, ?> map && map.get("listeners") instanceof List<?> list) {
      list.forEach(l -> byName.put(String.valueOf(((Map<String, Object>) l).get("name")), l));
    }
    ((List<Map<String, Object>>) spec.get("listeners")).forEach(l -> byName.put(String.valueOf(l.get("name")), l));
    spec.put("listeners", new ArrayList<>(byName.values()));
    GenericKubernetesResource out = JSON.convertValue(part, GenericKubernetesResource.class);
    out.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
    out.setAdditionalProperty("spec", spec);
    return out;
  }
}
