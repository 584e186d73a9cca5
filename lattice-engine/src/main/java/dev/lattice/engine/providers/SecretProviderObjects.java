package dev.lattice.engine.providers;

import dev.lattice.api.v1.SecretProvider;
import dev.lattice.api.v1.SecretProviderSpec;
import dev.lattice.engine.ProviderSettings;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SecretProvider's objects: the ClusterSecretStore of the same name (its provider block copied as it is) and the
 * CiliumNetworkPolicy that lets the External Secrets controller reach the provider's endpoint. Pure: the same
 * SecretProvider and settings give the same objects.
 */
public final class SecretProviderObjects {
  public static final String STORE_API_VERSION = "external-secrets.io/v1";
  public static final String STORE_KIND = "ClusterSecretStore";
  /** Label naming the provider an object was derived from; the operator prunes by it. */
  public static final String PROVIDER_LABEL = "lattice.dev/secret-provider";
  /** Fields of a provider block that hold its API's URL, in the order they are tried. */
  private static final List<String> URL_FIELDS = List.of("server", "url", "endpoint", "host");

  private SecretProviderObjects() {}

  /** The objects, or why there are none (the operator writes that into the SecretProvider's status). */
  public sealed interface Result permits Derived, Failed {}

  /** @param endpoint {@code host:port} the controller may reach */
  public record Derived(List<HasMetadata> objects, String endpoint) implements Result {
    public Derived {
      objects = List.copyOf(objects);
    }
  }

  public record Failed(String message) implements Result {}

  public static Result derive(SecretProvider provider, ProviderSettings settings) {
    String name = provider.getMetadata().getName();
    SecretProviderSpec spec = provider.getSpec();
    if (spec == null || spec.provider == null || spec.provider.size() != 1) {
      return new Failed("spec.provider must hold exactly one External Secrets provider block, e.g. vault: {server: "
          + "https://vault.example.com:8200, ...}. Fix: write the block your store's External Secrets provider "
          + "documents.");
    }
    Optional<Endpoint> endpoint = endpoint(spec);
    if (endpoint.isEmpty()) {
      return new Failed("no endpoint: spec.endpoint is not set and the provider block has no server, url or endpoint "
          + "URL, so the External Secrets controller's egress cannot be derived. Fix: set spec.endpoint to the "
          + "provider's API URL, e.g. endpoint: https://vault.example.com:8200.");
    }
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(store(provider, spec));
    objects.add(egress(provider, endpoint.get(), settings));
    return new Derived(objects, endpoint.get().host() + ":" + endpoint.get().port());
  }

  /** Name of the CiliumNetworkPolicy in the External Secrets namespace for provider {@code name}. */
  public static String egressName(String name) {
    return "secretprovider-" + name + "-egress";
  }

  record Endpoint(String host, int port) {}

  static Optional<Endpoint> endpoint(SecretProviderSpec spec) {
    if (spec.endpoint != null) {
      return parse(spec.endpoint);
    }
    Object block = spec.provider.values().iterator().next();
    if (block instanceof Map<?, ?> fields) {
      for (String field : URL_FIELDS) {
        if (fields.get(field) instanceof String url) {
          Optional<Endpoint> parsed = parse(url);
          if (parsed.isPresent()) {
            return parsed;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** scheme://host[:port][/...]; java.net is off limits to the engine (ArchitectureTest), so a pattern. */
  private static final Pattern URL = Pattern.compile(
      "(https?)://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\\d{1,5}))?([/?#].*)?");

  private static Optional<Endpoint> parse(String url) {
    Matcher m = URL.matcher(url.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int port = m.group(4) != null ? Integer.parseInt(m.group(4)) : m.group(1).equalsIgnoreCase("http") ? 80 : 443;
    return port > 0 && port < 65536 ? Optional.of(new Endpoint(m.group(2), port)) : Optional.empty();
  }

  private static GenericKubernetesResource store(SecretProvider provider, SecretProviderSpec spec) {
    ObjectMeta meta = meta(provider, provider.getMetadata().getName(), null);
    Map<String, Object> storeSpec = new LinkedHashMap<>();
    storeSpec.put("provider", new TreeMap<>(spec.provider));
    return Meta.generic(STORE_API_VERSION, STORE_KIND, meta, Map.of("spec", storeSpec));
  }

  /**
   * Egress of the External Secrets controller: DNS (inspected, so FQDN rules work), the API server it writes the
   * Secrets to, and the provider's endpoint. Selecting the controller makes Cilium deny its other egress, so the
   * first two are repeated in every provider's policy; the union of all of them is what it may reach.
   */
  private static GenericKubernetesResource egress(SecretProvider provider, Endpoint endpoint,
      ProviderSettings settings) {
    String name = provider.getMetadata().getName();
    ObjectMeta meta = meta(provider, egressName(name), settings.externalSecretsNamespace());
    List<Object> egress = new ArrayList<>();
    Map<String, Object> dnsPorts = new LinkedHashMap<>();
    dnsPorts.put("ports", List.of(port(53, "UDP"), port(53, "TCP")));
    dnsPorts.put("rules", Map.of("dns", List.of(Map.of("matchPattern", "*"))));
    Map<String, String> kubeDns = new TreeMap<>();
    kubeDns.put("k8s:io.kubernetes.pod.namespace", "kube-system");
    kubeDns.put("k8s:k8s-app", "kube-dns");
    Map<String, Object> dns = new LinkedHashMap<>();
    dns.put("toEndpoints", List.of(Map.of("matchLabels", kubeDns)));
    dns.put("toPorts", List.of(dnsPorts));
    egress.add(dns);
    egress.add(Map.of("toEntities", List.of("kube-apiserver")));
    Map<String, Object> store = new LinkedHashMap<>();
    if (endpoint.host().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      store.put("toCIDR", List.of(endpoint.host() + "/32"));
    } else if (endpoint.host().startsWith("[")) {
      store.put("toCIDR", List.of(endpoint.host().replace("[", "").replace("]", "") + "/128"));
    } else {
      store.put("toFQDNs", List.of(Map.of("matchName", endpoint.host())));
    }
    store.put("toPorts", List.of(Map.of("ports", List.of(port(endpoint.port(), "TCP")))));
    egress.add(store);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("endpointSelector", Map.of("matchLabels", Map.of("k8s:" + Meta.NAME, settings.externalSecretsName())));
    spec.put("egress", egress);
    return Meta.generic("cilium.io/v2", "CiliumNetworkPolicy", meta, Map.of("spec", spec));
  }

  private static Map<String, Object> port(int number, String protocol) {
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("port", Integer.toString(number));
    port.put("protocol", protocol);
    return port;
  }

  private static ObjectMeta meta(SecretProvider provider, String name, String namespace) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    Map<String, String> labels = new TreeMap<>();
    labels.put(Meta.MANAGED_BY, "lattice");
    labels.put(PROVIDER_LABEL, provider.getMetadata().getName());
    meta.setLabels(labels);
    String uid = provider.getMetadata().getUid();
    if (uid != null) {
      // A cluster-scoped owner may own namespaced objects: deleting the SecretProvider deletes both.
      OwnerReference owner = new OwnerReference();
      owner.setApiVersion(provider.getApiVersion());
      owner.setKind(SecretProvider.KIND);
      owner.setName(provider.getMetadata().getName());
      owner.setUid(uid);
      owner.setController(true);
      owner.setBlockOwnerDeletion(true);
      meta.setOwnerReferences(new ArrayList<>(List.of(owner)));
    }
    return meta;
  }
}
