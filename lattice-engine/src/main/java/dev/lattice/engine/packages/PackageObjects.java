package dev.lattice.engine.packages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rendered objects of a package, as Lattice applies them: in its namespace, labelled as the package's (the
 * operator prunes by {@link #PACKAGE}), owned by the LatticePackage, with the ExternalSecrets its values use.
 */
final class PackageObjects {
  /** The label the operator prunes a package's objects by (services use {@link Meta#SERVICE}). */
  static final String PACKAGE = PackageEngine.LABEL;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Kinds whose pods come from spec.template: their pods get the package label so mesh policies select them. */
  private static final List<String> POD_TEMPLATES = List.of("Deployment", "StatefulSet", "DaemonSet", "Job");

  /** The objects in apply order, or why some cannot be applied. */
  record Result(List<HasMetadata> objects, List<Diagnostic> problems) {}

  private PackageObjects() {}

  static Result of(PackageIntent p, List<Map<String, Object>> documents, List<ManagedKind> managed,
      String contact) {
    List<Diagnostic> problems = new ArrayList<>();
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (Map<String, Object> document : documents) {
      GenericKubernetesResource r = JSON.convertValue(document, GenericKubernetesResource.class);
      String name = r.getMetadata() == null ? "" : String.valueOf(r.getMetadata().getName());
      String what = r.getKind() + " '" + name + "'";
      String chart = "chart '" + p.chart() + "' " + p.version();
      if ("Secret".equals(r.getKind()) && "v1".equals(r.getApiVersion())) {
        problems.add(new Diagnostic(Reason.PackageObjectRejected, "spec.chart", chart + " renders Secret '" + name
            + "'; Lattice never applies a Secret from a package, since its value would sit in the rendered "
            + "manifest.", "give the chart an existing Secret instead (most charts take one) and fill it through "
            + "spec.secrets and a ${secret.<secret>.<key>} value."));
        continue;
      }
      if (!managed.contains(new ManagedKind(r.getApiVersion(), r.getKind()))) {
        problems.add(new Diagnostic(Reason.PackageObjectRejected, "spec.chart", chart + " renders "
            + r.getApiVersion() + " " + what + ", a kind Lattice does not manage.",
            "turn that part of the chart off through its values, or ask " + contact + " to let Lattice manage "
                + r.getKind() + "."));
        continue;
      }
      String namespace = r.getMetadata().getNamespace();
      if (namespace != null && !namespace.isEmpty() && !namespace.equals(p.namespace())) {
        problems.add(new Diagnostic(Reason.PackageObjectRejected, "spec.chart", chart + " renders " + what
            + " into namespace '" + namespace + "', but a package creates objects only in its own namespace '"
            + p.namespace() + "'.", "remove the namespace from the chart's templates or values; to install "
            + "into '" + namespace + "', create the LatticePackage there."));
        continue;
      }
      objects.add(governed(p, r));
    }
    p.secrets().forEach((secret, s) -> objects.add(externalSecret(p, secret, s)));
    Comparator<GenericKubernetesResource> order = Comparator
        .comparingInt((GenericKubernetesResource r) -> {
          int i = managed.indexOf(new ManagedKind(r.getApiVersion(), r.getKind()));
          return i < 0 ? Integer.MAX_VALUE : i;
        })
        .thenComparing(r -> r.getMetadata().getName());
    objects.sort(order);
    return new Result(List.copyOf(objects), problems);
  }

  static Map<String, String> labels(PackageIntent p) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Meta.MANAGED_BY, "lattice");
    labels.put(PACKAGE, p.name());
    return labels;
  }

  /** The chart's object with Lattice's namespace, labels (the chart's kept, ours win) and owner reference. */
  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource governed(PackageIntent p, GenericKubernetesResource r) {
    ObjectMeta meta = r.getMetadata();
    meta.setNamespace(p.namespace());
    Map<String, String> labels = new TreeMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.putAll(labels(p));
    meta.setLabels(labels);
    p.uid().ifPresent(uid -> meta.setOwnerReferences(new ArrayList<>(List.of(owner(p, uid)))));
    if (POD_TEMPLATES.contains(r.getKind()) && r.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("template") instanceof Map<?, ?> template) {
      Map<String, Object> podMeta = template.get("metadata") instanceof Map<?, ?> m
          ? (Map<String, Object>) m : new LinkedHashMap<>();
      Map<String, Object> podLabels = new TreeMap<>(podMeta.get("labels") instanceof Map<?, ?> l
          ? (Map<String, Object>) l : Map.of());
      podLabels.put(PACKAGE, p.name());
      podLabels.put("istio.io/dataplane-mode", "ambient");
      podMeta.put("labels", podLabels);
      ((Map<String, Object>) template).put("metadata", podMeta);
    }
    return r;
  }

  private static OwnerReference owner(PackageIntent p, String uid) {
    OwnerReference owner = new OwnerReference();
    owner.setApiVersion(dev.lattice.api.v1.LatticeService.API_VERSION);
    owner.setKind(dev.lattice.api.v1.LatticePackage.KIND);
    owner.setName(p.name());
    owner.setUid(uid);
    owner.setController(true);
    owner.setBlockOwnerDeletion(true);
    return owner;
  }

  /** One ExternalSecret per declared secret: external-secrets copies its keys into the Secret the values name. */
  private static GenericKubernetesResource externalSecret(PackageIntent p, String secret, PackageIntent.Secret s) {
    String name = SecretValues.secretName(p.name(), secret);
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(p.namespace());
    meta.setLabels(labels(p));
    p.uid().ifPresent(uid -> meta.setOwnerReferences(new ArrayList<>(List.of(owner(p, uid)))));
    List<Map<String, Object>> data = new ArrayList<>();
    for (String key : s.keys()) {
      Map<String, Object> remoteRef = new LinkedHashMap<>();
      remoteRef.put("key", s.id());
      remoteRef.put("property", key);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("secretKey", key);
      entry.put("remoteRef", remoteRef);
      data.add(entry);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("kind", "ClusterSecretStore");
    store.put("name", s.provider());
    spec.put("secretStoreRef", store);
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", name);
    target.put("creationPolicy", "Owner");
    spec.put("target", target);
    spec.put("data", data);
    return Meta.generic("external-secrets.io/v1", "ExternalSecret", meta, Map.of("spec", spec));
  }
}
