package dev.lattice.engine;

import java.util.Collection;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the platform's provider objects (SecretProvider, ImageProvider; issue 17) tell the derivation of every service, and where
 * the External Secrets controller runs. Read by the caller (files or informers) and passed in like the settings.
 *
 * @param externalSecretsNamespace namespace of the External Secrets controller (ConfigMap key
 *     {@code providers.externalSecretsNamespace})
 * @param externalSecretsName its pods' {@code app.kubernetes.io/name} ({@code providers.externalSecretsName})
 * @param secretProvidersRead whether the input held any SecretProvider at all; when not (a team deriving its own
 *     files), provider names are not checked and the run says so once
 * @param secretProviders names of the SecretProviders (and so of their ClusterSecretStores)
 * @param imageProviders the ImageProviders by name, for {@code imagePullSecrets}
 * @param quotas the LatticeQuotas every service is admitted against
 * @param teams the {@code lattice.dev/team} label of each Namespace read (a namespace not listed is its own team)
 */
public record ProviderSettings(
    String externalSecretsNamespace,
    String externalSecretsName,
    boolean secretProvidersRead,
    SortedSet<String> secretProviders,
    SortedMap<String, ImageSource> imageProviders,
    java.util.List<dev.lattice.engine.quota.Quota> quotas,
    SortedMap<String, String> teams) {
  /**
   * What a service's derivation needs of an ImageProvider.
   *
   * @param secretProvider the SecretProvider (ClusterSecretStore) holding the pull credentials
   * @param key the credentials' key in that store
   * @param property the key's property holding the docker config JSON
   */
  public record ImageSource(String registry, String secretProvider, String key, String property) {}

  public ProviderSettings {
    imageProviders = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(imageProviders));
    Objects.requireNonNull(externalSecretsNamespace, "externalSecretsNamespace");
    Objects.requireNonNull(externalSecretsName, "externalSecretsName");
    secretProviders = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(secretProviders));
    quotas = quotas.stream().sorted(java.util.Comparator.comparing(dev.lattice.engine.quota.Quota::name)).toList();
    teams = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(teams));
  }

  public static ProviderSettings defaults() {
    return new ProviderSettings("external-secrets", "external-secrets", false, new TreeSet<>(), new TreeMap<>(),
        java.util.List.of(), new TreeMap<>());
  }

  /** These settings with the ConfigMap keys prefixed {@code providers.}; other keys keep their value. */
  ProviderSettings withOverrides(java.util.Map<String, String> data) {
    return new ProviderSettings(
        data.getOrDefault("providers.externalSecretsNamespace", externalSecretsNamespace),
        data.getOrDefault("providers.externalSecretsName", externalSecretsName),
        secretProvidersRead,
        secretProviders,
        imageProviders, quotas, teams);
  }

  /** These settings knowing exactly the SecretProviders {@code names} (the input held SecretProviders). */
  public ProviderSettings withSecretProviders(Collection<String> names) {
    return new ProviderSettings(externalSecretsNamespace, externalSecretsName, true, new TreeSet<>(names),
        imageProviders, quotas, teams);
  }

  /** These settings knowing exactly the ImageProviders {@code providers}, by name. */
  public ProviderSettings withImageProviders(java.util.Map<String, ImageSource> providers) {
    return new ProviderSettings(externalSecretsNamespace, externalSecretsName, secretProvidersRead, secretProviders,
        new TreeMap<>(providers), quotas, teams);
  }

  /** These settings knowing exactly the LatticeQuotas {@code quotas} and the teams of the namespaces read. */
  public ProviderSettings withQuotas(java.util.List<dev.lattice.engine.quota.Quota> quotas,
      java.util.Map<String, String> teams) {
    return new ProviderSettings(externalSecretsNamespace, externalSecretsName, secretProvidersRead, secretProviders,
        imageProviders, quotas, new TreeMap<>(teams));
  }
}
