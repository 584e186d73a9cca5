package dev.lattice.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.output.Manifests;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes derived objects in the engine's order (identity, config and policies before the Deployment, autoscaler
 * after it) and prunes the service's objects that are no longer derived. Every object carries the digest of what
 * was derived, so an object whose digest is already live is not written again.
 */
public final class Applier {
  /** Annotation with the digest of the derived object; equal digests mean nothing to write. */
  public static final String DERIVED_HASH = "lattice.dev/derived-hash";
  static final String FIELD_MANAGER = "lattice";

  private static final ObjectMapper JSON = Manifests.jsonMapper();

  private final KubernetesClient client;
  private final ApplyMode mode;
  private final OperatorMetrics metrics;
  private final SharedGateway gateways;

  public Applier(KubernetesClient client, ApplyMode mode, OperatorMetrics metrics) {
    this.client = client;
    this.mode = mode;
    this.metrics = metrics;
    this.gateways = new SharedGateway(mode);
  }

  /** What an apply did, for status and metrics. */
  public record Result(int written, int unchanged, int pruned) {}

  public Result apply(ServiceRef service, List<HasMetadata> objects) {
    return apply(Meta.SERVICE, service, objects);
  }

  /**
   * Applies and prunes the objects of {@code owner}, found by label {@code ownerLabel} (a LatticePackage's carry
   * {@code lattice.dev/package}, so a package and a service of the same name never prune each other).
   */
  public Result apply(String ownerLabel, ServiceRef owner, List<HasMetadata> objects) {
    ServiceRef service = owner;
    int written = 0;
    int unchanged = 0;
    Set<String> desired = new TreeSet<>();
    for (HasMetadata object : objects) {
      GenericKubernetesResource resource = generic(object);
      String hash = digest(Manifests.json(object));
      if (!SharedGateway.isShared(resource)) {
        // One annotation value per object: a shared object's co-owners would fight over it.
        resource.getMetadata().getAnnotations().put(DERIVED_HASH, hash);
      }
      ManagedKinds.Kind kind = ManagedKinds.of(resource.getApiVersion(), resource.getKind())
          .orElseThrow(() -> new IllegalStateException("the engine derived an unmanaged kind " + object.getKind()));
      desired.add(kind.kind() + "/" + resource.getMetadata().getName());
      var api = client.genericKubernetesResources(kind.context()).inNamespace(service.namespace());
      if (SharedGateway.isShared(resource)) {
        if (gateways.apply(service, api, resource)) {
          written++;
          metrics.write(kind.kind());
        } else {
          unchanged++;
          metrics.skippedWrite(kind.kind());
        }
        continue;
      }
      GenericKubernetesResource live = api.withName(resource.getMetadata().getName()).get();
      // The same digest means the same derivation; the comparison catches a field someone changed since.
      if (live != null && live.getMetadata().getAnnotations() != null
          && hash.equals(live.getMetadata().getAnnotations().get(DERIVED_HASH))
          && Drift.covers(JSON.valueToTree(resource), JSON.valueToTree(live))) {
        unchanged++;
        metrics.skippedWrite(kind.kind());
        continue;
      }
      if (mode == ApplyMode.SERVER_SIDE_APPLY) {
        api.resource(resource).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      } else if (live == null) {
        api.resource(resource).create();
      } else {
        api.resource(resource).update();
      }
      written++;
      metrics.write(kind.kind());
    }
    int pruned = prune(ownerLabel, service, desired);
    return new Result(written, unchanged, pruned);
  }

  /**
   * Deletes every object labelled as this service's whose kind/name is not in {@code desired}, and releases the
   * service's part of each of the namespace's shared Gateways (ingress, waypoint) it no longer derives.
   */
  public int prune(ServiceRef service, Set<String> desired) {
    return prune(Meta.SERVICE, service, desired);
  }

  /** Deletes every object labelled {@code ownerLabel: <owner>} whose kind/name is not in {@code desired}. */
  public int prune(String ownerLabel, ServiceRef service, Set<String> desired) {
    int pruned = 0;
    ManagedKinds.Kind gatewayKind = ManagedKinds.of(dev.lattice.engine.render.IngressGateway.API_VERSION,
        dev.lattice.engine.render.IngressGateway.KIND).orElseThrow();
    for (String shared : SharedGateway.names(service)) {
      if (!desired.contains(gatewayKind.kind() + "/" + shared)) {
        var api = client.genericKubernetesResources(gatewayKind.context()).inNamespace(service.namespace());
        if (gateways.release(service, api, shared)) {
          pruned++;
          metrics.prune(gatewayKind.kind());
        }
      }
    }
    for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
      var list = client.genericKubernetesResources(kind.context()).inNamespace(service.namespace())
          .withLabel(ownerLabel, service.name()).withLabel(Meta.MANAGED_BY, "lattice").list();
      for (GenericKubernetesResource live : list.getItems()) {
        if (!desired.contains(kind.kind() + "/" + live.getMetadata().getName())) {
          client.genericKubernetesResources(kind.context()).inNamespace(service.namespace())
              .withName(live.getMetadata().getName()).delete();
          pruned++;
          metrics.prune(kind.kind());
        }
      }
    }
    return pruned;
  }

  /** Deletes only the service's objects of {@code kind} (ExternalSecrets of a denied service, say). */
  public int delete(ServiceRef service, String kind) {
    return delete(Meta.SERVICE, service, kind);
  }

  /** Deletes only the objects of {@code kind} labelled {@code ownerLabel: <owner>}. */
  public int delete(String ownerLabel, ServiceRef service, String kind) {
    int pruned = 0;
    for (ManagedKinds.Kind managed : ManagedKinds.ALL) {
      if (!managed.kind().equals(kind)) {
        continue;
      }
      var list = client.genericKubernetesResources(managed.context()).inNamespace(service.namespace())
          .withLabel(ownerLabel, service.name()).withLabel(Meta.MANAGED_BY, "lattice").list();
      for (GenericKubernetesResource live : list.getItems()) {
        client.genericKubernetesResources(managed.context()).inNamespace(service.namespace())
            .withName(live.getMetadata().getName()).delete();
        pruned++;
        metrics.prune(kind);
      }
    }
    return pruned;
  }

  static GenericKubernetesResource generic(HasMetadata object) {
    GenericKubernetesResource resource = JSON.convertValue(Manifests.tree(object), GenericKubernetesResource.class);
    if (resource.getMetadata().getAnnotations() == null) {
      resource.getMetadata().setAnnotations(new HashMap<>());
    }
    return resource;
  }

  /** The digest of a whole derivation: equal digests mean a reconcile has nothing to write. */
  public static String digestAll(List<HasMetadata> objects) {
    return Manifests.jsonDigest(objects).substring(0, 24);
  }

  /** The first 96 bits of the text's SHA-256, in hex. */
  static String digest(String text) {
    return Manifests.sha256(text).substring(0, 24);
  }
}
