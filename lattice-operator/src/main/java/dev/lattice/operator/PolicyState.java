package dev.lattice.operator;

import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy set the last CedarPolicy event moved to, and the services that move affected. JOSDK calls a mapper
 * more than once per event (for its index and for the event), so the answer for a version is kept and repeated.
 */
record PolicyState(String versions, PolicyLibrary library, Set<ResourceID> affected, boolean loaded) {
  static final PolicyState EMPTY = new PolicyState("", PolicyLibrary.empty(), Set.of(), false);

  /** The state of the {@code cached} policies: {@code known} itself when they are the ones it was loaded from. */
  static PolicyState of(List<CedarPolicy> cached, PolicyState known) {
    List<CedarPolicy> sorted = cached.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    // Keyed by what decides (name, namespace and spec), not resourceVersion: a status write must not look like a
    // policy change, or the requeue of the services a real change affects could be answered with "none".
    String versions = sorted.stream()
        .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName() + "@" + specKey(p))
        .collect(Collectors.joining(","));
    if (versions.equals(known.versions())) {
      return known;
    }
    List<PolicyDocument> documents = sorted.stream()
        .map(p -> PolicyDocument.of(p, "CedarPolicy " + p.getMetadata().getNamespace() + "/"
            + p.getMetadata().getName()))
        .toList();
    return new PolicyState(versions, PolicyLibrary.load(documents), Set.of(), true);
  }

  private static String specKey(CedarPolicy policy) {
    var spec = policy.getSpec();
    String text = spec == null ? "" : spec.enabled + "|" + spec.priority + "|" + spec.policies;
    return Applier.digest(text);
  }
}
