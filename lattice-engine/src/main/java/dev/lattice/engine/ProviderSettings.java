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
 */
public record ProviderSettings(
    String externalSecretsNamespace,
    String externalSecretsName,
    boolean secretProvidersRead,
    SortedSet<String> secretProviders,
    SortedMap<String, ImageSource> imageProviders) {
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
  }

  public static ProviderSettings defaults() {
    return new ProviderSettings("external-secrets", "external-secrets", false, new TreeSet<>(), new TreeMap<>());
  }

  /** These settings with the ConfigMap keys prefixed {@code providers.}; other keys keep their value. */
  ProviderSettings withOverrides(java.util.Map<String, String> data) {
    return new ProviderSettings(
        data.getOrDefault("providers.externalSecretsNamespace", externalSecretsNamespace),
        data.getOrDefault("providers.externalSecretsName", externalSecretsName),
        secretProvidersRead,
        secretProviders,
        imageProviders);
  }

  /** These settings knowing exactly the SecretProviders {@code names} (the input held SecretProviders). */
  public ProviderSettings withSecretProviders(Collection<String> names) {
    return new ProviderSettings(externalSecretsNamespace, externalSecretsName, true, new TreeSet<>(names),
        imageProviders);
  }

  /** These settings knowing exactly the ImageProviders {@code providers}, by name. */
  public ProviderSettings withImageProviders(java.util.Map<String, ImageSource> providers) {
    return new ProviderSettings(externalSecretsNamespace, externalSecretsName, secretProvidersRead, secretProviders,
        new TreeMap<>(providers));
  }
}
