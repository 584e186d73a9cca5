package dev.lattice.policy;

import java.util.Objects;

/**
 * A CedarPolicy as the platform team wrote it, whatever it was read from (a file, the cluster).
 *
 * @param name metadata.name, used in statement ids and every message that quotes a statement
 * @param source where it came from, for messages (e.g. {@code policies/secrets.yaml:3})
 */
public record PolicyDocument(
    String name, String namespace, String policies, boolean enabled, int priority, String description,
    String source) {
  public PolicyDocument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    policies = policies == null ? "" : policies;
    description = description == null ? "" : description;
    source = source == null ? "" : source;
  }

  /** A CedarPolicy resource, with its defaults applied (enabled unless {@code enabled: false}, priority 0). */
  public static PolicyDocument of(dev.lattice.api.v1alpha1.CedarPolicy policy, String source) {
    var spec = policy.getSpec() == null ? new dev.lattice.api.v1alpha1.CedarPolicySpec() : policy.getSpec();
    return new PolicyDocument(policy.getMetadata().getName(), policy.getMetadata().getNamespace(), spec.policies,
        !Boolean.FALSE.equals(spec.enabled), spec.priority == null ? 0 : spec.priority, spec.description, source);
  }
}
