package dev.lattice.cli.io;

import dev.lattice.policy.PolicyDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one file held. Files are read in parallel, each into its own contents, and merged in path order, so the
 * result is deterministic.
 */
final class FileContents {
  final List<SourcedService> services = new ArrayList<>();
  final List<PolicyDocument> policies = new ArrayList<>();
  final Map<String, String> platformSettings = new java.util.TreeMap<>();
  final List<SkippedDocument> skipped = new ArrayList<>();
  final List<InputError> errors = new ArrayList<>();
  final List<dev.lattice.api.v1.SecretProvider> secretProviders = new ArrayList<>();
  final List<dev.lattice.api.v1.ImageProvider> imageProviders = new ArrayList<>();
  final List<SourcedPackage> packages = new ArrayList<>();
  final List<dev.lattice.api.v1.LatticeQuota> quotas = new ArrayList<>();
  /** Namespace to its {@code lattice.dev/team} label, from Namespace documents (which are still listed). */
  final Map<String, String> teams = new java.util.TreeMap<>();

  /** A file that held only these services (a read-cache hit). */
  static FileContents of(List<SourcedService> services) {
    FileContents out = new FileContents();
    out.services.addAll(services);
    return out;
  }

  /** Appends what {@code file} held: lists in order, maps by key. */
  void add(FileContents file) {
    services.addAll(file.services);
    policies.addAll(file.policies);
    platformSettings.putAll(file.platformSettings);
    skipped.addAll(file.skipped);
    errors.addAll(file.errors);
    secretProviders.addAll(file.secretProviders);
    imageProviders.addAll(file.imageProviders);
    packages.addAll(file.packages);
    quotas.addAll(file.quotas);
    teams.putAll(file.teams);
  }
}
