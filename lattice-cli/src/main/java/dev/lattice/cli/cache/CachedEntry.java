package dev.lattice.cli.cache;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.ServiceStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One service in the cache file, in plain strings: what the report shows of its derivation (objects by identity
 * only; the objects themselves are in the service's file).
 *
 * @param file digest of the service's file; null when the service was rejected (it has no file)
 * @param conditions type, status, reason, message
 * @param diagnostics reason, field path, problem, fix
 * @param objects apiVersion, kind, namespace, name
 */
record CachedEntry(
    String key, String file, String phase, List<List<String>> conditions, List<List<String>> diagnostics,
    List<List<String>> objects) {

  static CachedEntry of(String key, Derivation derivation, String fileDigest) {
    List<List<String>> conditions = new ArrayList<>();
    for (ServiceStatus.StatusCondition c : derivation.status().conditions()) {
      conditions.add(List.of(c.type().name(), c.status(), c.reason(), c.message()));
    }
    List<List<String>> diagnostics = new ArrayList<>();
    for (Diagnostic d : derivation.diagnostics()) {
      diagnostics.add(List.of(d.reason().name(), d.fieldPath(), d.problem(), d.fix()));
    }
    List<List<String>> objects = null;
    if (derivation instanceof Derivation.Derived derived) {
      objects = new ArrayList<>();
      for (HasMetadata o : derived.resources()) {
        // Arrays.asList: a cluster-scoped object has no namespace (null), which List.of refuses.
        objects.add(java.util.Arrays.asList(o.getApiVersion(), o.getKind(), o.getMetadata().getNamespace(),
            o.getMetadata().getName()));
      }
    }
    return new CachedEntry(key, fileDigest, derivation.status().phase().name(), conditions, diagnostics, objects);
  }

  /** The derivation this entry stands for; empty when the entry does not decode (damaged, or another release's). */
  Optional<Derivation> decode(ServiceRef ref) {
    try {
      List<ServiceStatus.StatusCondition> status = new ArrayList<>();
      for (List<String> c : conditions) {
        status.add(new ServiceStatus.StatusCondition(ConditionType.valueOf(c.get(0)), c.get(1), c.get(2), c.get(3)));
      }
      ServiceStatus serviceStatus = new ServiceStatus(ServiceStatus.Phase.valueOf(phase), status);
      List<Diagnostic> found = new ArrayList<>();
      for (List<String> d : diagnostics) {
        found.add(new Diagnostic(Reason.valueOf(d.get(0)), d.get(1), d.get(2), d.get(3)));
      }
      if (objects == null) {
        return file == null ? Optional.of(new Derivation.Rejected(ref, found, serviceStatus)) : Optional.empty();
      }
      if (file == null) {
        return Optional.empty();
      }
      List<HasMetadata> identities = new ArrayList<>();
      for (List<String> o : objects) {
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(o.get(2));
        meta.setName(o.get(3));
        GenericKubernetesResource identity = new GenericKubernetesResource();
        identity.setApiVersion(o.get(0));
        identity.setKind(o.get(1));
        identity.setMetadata(meta);
        identities.add(identity);
      }
      return Optional.of(new Derivation.Derived(ref, identities, found, serviceStatus));
    } catch (RuntimeException e) {
      // A name this release does not know, a short list, a null: not trusted, the service is derived again.
      return Optional.empty();
    }
  }
}
