package dev.lattice.cli.io;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.SecretProvider;
import java.util.Comparator;
import java.util.List;

/**
 * The platform's provider objects read from the given paths (issue 17): they are not derived per service, but
 * every service's derivation checks its references against them.
 */
public record ProviderDocuments(List<SecretProvider> secretProviders, List<ImageProvider> imageProviders,
    List<dev.lattice.api.v1.LatticeQuota> quotas, java.util.SortedMap<String, String> teams) {
  public static final ProviderDocuments NONE =
      new ProviderDocuments(List.of(), List.of(), List.of(), new java.util.TreeMap<>());

  public ProviderDocuments(List<SecretProvider> secretProviders, List<ImageProvider> imageProviders) {
    this(secretProviders, imageProviders, List.of(), new java.util.TreeMap<>());
  }

  public ProviderDocuments {
    secretProviders = secretProviders.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    imageProviders = imageProviders.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    quotas = quotas.stream().sorted(Comparator.comparing(q -> q.getMetadata().getName())).toList();
    teams = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(teams));
  }

  /** The LatticeQuotas as derivation reads them. */
  public List<dev.lattice.engine.quota.Quota> engineQuotas() {
    return quotas.stream().flatMap(q -> dev.lattice.engine.quota.Quotas.of(q).stream()).toList();
  }

  /** The ImageProviders as derivation reads them, by name. */
  public java.util.SortedMap<String, dev.lattice.engine.ProviderSettings.ImageSource> imageSources() {
    java.util.SortedMap<String, dev.lattice.engine.ProviderSettings.ImageSource> out = new java.util.TreeMap<>();
    imageProviders.forEach(p -> out.put(p.getMetadata().getName(),
        dev.lattice.engine.providers.ImageProviderObjects.source(p)));
    return out;
  }

  public List<String> secretProviderNames() {
    return secretProviders.stream().map(p -> p.getMetadata().getName()).toList();
  }

  /** What the derivation cache must key on: the names a spec may refer to. */
  public String cacheKey() {
    return "secretProviders=" + String.join(",", secretProviderNames()) + ";imageProviders=" + imageSources()
        + ";quotas=" + engineQuotas() + ";teams=" + teams;
  }
}
