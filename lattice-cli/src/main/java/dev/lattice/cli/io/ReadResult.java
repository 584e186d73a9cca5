package dev.lattice.cli.io;

import dev.lattice.policy.PolicyDocument;
import java.util.List;
import java.util.Map;

/**
 * Everything read from the given paths: services, CedarPolicies, platform settings (the ConfigMap
 * {@code lattice-system/lattice-platform}), skipped documents, unreadable input, the platform's provider objects
 * and LatticePackages.
 */
public record ReadResult(
    List<SourcedService> services,
    List<PolicyDocument> policies,
    Map<String, String> platformSettings,
    List<SkippedDocument> skipped,
    List<InputError> errors,
    ProviderDocuments providers,
    List<SourcedPackage> packages) {
  public ReadResult {
    java.util.Objects.requireNonNull(providers, "providers");
    services = List.copyOf(services);
    policies = List.copyOf(policies);
    platformSettings = Map.copyOf(platformSettings);
    skipped = List.copyOf(skipped);
    errors = List.copyOf(errors);
    packages = List.copyOf(packages);
  }
}
