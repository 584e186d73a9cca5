package dev.lattice.engine.render;

import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Metadata every derived object carries: the lattice labels and, when the owner's uid is known, the owner. */
public final class Meta {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String SERVICE = "lattice.dev/service";
  public static final String CONFIG_HASH = "lattice.dev/config-hash";

  private Meta() {}

  /** Labels on every derived object; the operator prunes by {@code lattice.dev/service}. */
  public static Map<String, String> labels(ServiceContext context) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(MANAGED_BY, "lattice");
    labels.put(NAME, context.name());
    labels.put(SERVICE, context.name());
    return labels;
  }

  /** Pod labels: the object labels plus ambient enrolment, so the mesh covers the pods whatever the namespace says. */
  public static Map<String, String> podLabels(ServiceContext context) {
    Map<String, String> labels = new TreeMap<>(labels(context));
    labels.put("istio.io/dataplane-mode", "ambient");
    return labels;
  }

  /** The pod selector: only Lattice's own label, so foreign pods with the same app name are never selected. */
  public static Map<String, String> selector(ServiceContext context) {
    // An escape hatch selects pods Lattice did not create, by the labels its spec names.
    return context.intent().hatch().map(h -> h.selector()).orElseGet(() -> Map.of(SERVICE, context.name()));
  }

  /**
   * Metadata for a derived object named {@code name}. The owner reference makes Kubernetes delete the object with
   * its LatticeService; it needs the owner's uid, so it is omitted when the spec came from a file (the operator
   * always knows it). A made-up uid would make the garbage collector delete the object at once.
   */
  public static ObjectMeta of(ServiceContext context, String name) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(context.namespace());
    meta.setLabels(labels(context));
    context.intent().uid().ifPresent(uid -> {
      OwnerReference owner = new OwnerReference();
      // The storage version, whatever version the spec was written in: derived objects never depend on it.
      owner.setApiVersion(dev.lattice.api.versions.ApiVersion.STORAGE.apiVersion());
      owner.setKind(context.intent().kindName());
      owner.setName(context.name());
      owner.setUid(uid);
      owner.setController(true);
      owner.setBlockOwnerDeletion(true);
      meta.setOwnerReferences(new ArrayList<>(List.of(owner)));
    });
    return meta;
  }

  /** A custom-kind object with its top-level fields (usually just spec) in the order given. */
  public static GenericKubernetesResource generic(
      String apiVersion, String kind, ObjectMeta meta, Map<String, Object> fields) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(apiVersion);
    resource.setKind(kind);
    resource.setMetadata(meta);
    fields.forEach(resource::setAdditionalProperty);
    return resource;
  }
}
