package dev.lattice.engine;

import java.util.List;
import java.util.Objects;

/**
 * Cluster-wide settings the platform team owns. Passed in, never read from the environment, so that the same
 * inputs always derive the same output.
 *
 * @param clusterName value of {@code ${cluster.name}}
 * @param clusterDomain DNS suffix of in-cluster service names
 * @param topologyKey node label pods are spread over
 * @param metricsQueryAddress Prometheus-compatible address KEDA queries for custom metrics
 * @param platformContact who users are told to contact when a person must act
 * @param systemNamespaces namespaces (or prefixes ending in {@code -*}) no workload may be deployed to
 * @param trustDomain the mesh's SPIFFE trust domain; identities are {@code <trustDomain>/ns/<ns>/sa/<sa>}
 * @param metricsScraper namespace and service account of the metrics scraper allowed on {@code metrics} ports
 * @param serving the ingress gateway class and GPU device plugin (ConfigMap keys {@code ingress.*}, {@code gpu.*})
 * @param providers the platform's SecretProviders and where External Secrets runs (issue 17)
 * @param hatches how long escape hatches may live (ConfigMap keys {@code hatches.*})
 * @param imageVerification the admission controller that verifies images (ConfigMap keys
 *     {@code imageVerification.*})
 * @param cost the rate table for cost estimates (ConfigMap keys {@code cost.*}; none by default: no estimate)
 */
public record PlatformSettings(
    String clusterName,
    String clusterDomain,
    String topologyKey,
    String metricsQueryAddress,
    String platformContact,
    List<String> systemNamespaces,
    String trustDomain,
    dev.lattice.api.model.ServiceRef metricsScraper,
    ServingSettings serving,
    ProviderSettings providers,
    HatchSettings hatches,
    ImageVerificationSettings imageVerification,
    // Prices change no derived object, so they stay out of the settings digest (and Optional has no JSON form).
    @com.fasterxml.jackson.annotation.JsonIgnore CostSettings cost) {
  /**
   * What the platform runs traffic and accelerators with.
   *
   * @param gatewayClass the GatewayClass of a namespace's ingress Gateway when no spec names one
   * @param gpuPlugin the device plugin that exposes GPUs, which decides the resource names pods ask for
   */
  public record ServingSettings(String gatewayClass, GpuPlugin gpuPlugin) {
    public ServingSettings {
      Objects.requireNonNull(gatewayClass, "gatewayClass");
      Objects.requireNonNull(gpuPlugin, "gpuPlugin");
    }
  }

  /** GPU device plugins, by the value of the ConfigMap key {@code gpu.devicePlugin}. */
  public enum GpuPlugin {
    /** NVIDIA's device plugin: whole GPUs as {@code nvidia.com/gpu}. */
    nvidia,
    /** Volcano's vGPU plugin: GPU slices as {@code volcano.sh/vgpu-number}, {@code -memory}, {@code -cores}. */
    volcano
  }

  /**
   * Escape-hatch lifetimes.
   *
   * @param gracePeriodDays days after {@code spec.expires} during which a hatch is still derived (with a warning)
   * @param maxLifetimeDays how far ahead of today {@code spec.expires} may lie without a Cedar
   *     {@code ExtendEscapeHatch} permit
   */
  public record HatchSettings(int gracePeriodDays, int maxLifetimeDays) {
    public static final int EXPIRING_DAYS = 30;

    public static HatchSettings defaults() {
      return new HatchSettings(14, 90);
    }
  }

  public PlatformSettings {
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(providers, "providers");
    Objects.requireNonNull(hatches, "hatches");
    Objects.requireNonNull(imageVerification, "imageVerification");
    Objects.requireNonNull(trustDomain, "trustDomain");
    Objects.requireNonNull(metricsScraper, "metricsScraper");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(topologyKey, "topologyKey");
    Objects.requireNonNull(metricsQueryAddress, "metricsQueryAddress");
    Objects.requireNonNull(platformContact, "platformContact");
    systemNamespaces = List.copyOf(systemNamespaces);
  }

  public static PlatformSettings defaults() {
    return new PlatformSettings(
        "lattice",
        "cluster.local",
        "kubernetes.io/hostname",
        "http://vmsingle-lattice.monitoring.svc:8429",
        "the platform team",
        List.of(
            "kube-system", "kube-public", "kube-node-lease", "lattice-system", "cilium-system", "istio-system",
            "cert-manager", "external-dns", "velero", "capi-*", "rke2-*", "capd-system", "capa-system",
            "capo-system", "capmox-system"),
        "cluster.local",
        new dev.lattice.api.model.ServiceRef("monitoring", "vmagent"),
        new ServingSettings("istio", GpuPlugin.nvidia),
        ProviderSettings.defaults(),
        HatchSettings.defaults(),
        ImageVerificationSettings.defaults(),
        CostSettings.defaults());
  }

  /** These settings with other serving settings (for tests and tools; the rest stays). */
  public PlatformSettings withServing(ServingSettings serving) {
    return new PlatformSettings(clusterName, clusterDomain, topologyKey, metricsQueryAddress, platformContact,
        systemNamespaces, trustDomain, metricsScraper, serving, providers, hatches, imageVerification, cost);
  }

  /** These settings with other escape-hatch lifetimes. */
  public PlatformSettings withHatches(HatchSettings hatches) {
    return new PlatformSettings(clusterName, clusterDomain, topologyKey, metricsQueryAddress, platformContact,
        systemNamespaces, trustDomain, metricsScraper, serving, providers, hatches, imageVerification, cost);
  }

  /**
   * These settings with the values of the platform's settings document (the {@code data} of the ConfigMap
   * {@code lattice-system/lattice-platform}): {@code contact}, {@code clusterName}, {@code clusterDomain},
   * {@code trustDomain} and {@code metricsQueryAddress}; {@code ingress.gatewayClass} and {@code gpu.devicePlugin}
   * ({@code nvidia} or {@code volcano}; another value keeps the current one);
   * {@code hatches.gracePeriodDays} and {@code hatches.maxLifetimeDays}; {@code imageVerification.admissionController}
   * ({@code sigstore} or {@code kyverno}) and {@code imageVerification.operatorUser}. Keys not given (or not a whole number of
   * days) keep their value here.
   */
  public PlatformSettings withOverrides(java.util.Map<String, String> data) {
    return new PlatformSettings(
        data.getOrDefault("clusterName", clusterName),
        data.getOrDefault("clusterDomain", clusterDomain),
        topologyKey,
        data.getOrDefault("metricsQueryAddress", metricsQueryAddress),
        contact(data.getOrDefault("contact", platformContact)),
        systemNamespaces,
        data.getOrDefault("trustDomain", trustDomain),
        metricsScraper,
        new ServingSettings(data.getOrDefault("ingress.gatewayClass", serving.gatewayClass()),
            gpuPlugin(data.get("gpu.devicePlugin"), serving.gpuPlugin())),
        providers.withOverrides(data),
        new HatchSettings(days(data.get("hatches.gracePeriodDays"), hatches.gracePeriodDays()),
            days(data.get("hatches.maxLifetimeDays"), hatches.maxLifetimeDays())),
        imageVerification.withOverrides(data),
        cost.withOverrides(data));
  }

  private static GpuPlugin gpuPlugin(String value, GpuPlugin current) {
    for (GpuPlugin plugin : GpuPlugin.values()) {
      if (plugin.name().equals(value)) {
        return plugin;
      }
    }
    return current;
  }

  /** These settings with other provider settings (tests and callers never need the canonical constructor). */
  public PlatformSettings withProviders(ProviderSettings providers) {
    return new PlatformSettings(clusterName, clusterDomain, topologyKey, metricsQueryAddress, platformContact,
        systemNamespaces, trustDomain, metricsScraper, serving, providers, hatches, imageVerification, cost);
  }

  /** These settings with another image-verification setup. */
  public PlatformSettings withImageVerification(ImageVerificationSettings imageVerification) {
    return new PlatformSettings(clusterName, clusterDomain, topologyKey, metricsQueryAddress, platformContact,
        systemNamespaces, trustDomain, metricsScraper, serving, providers, hatches, imageVerification, cost);
  }

  /** These settings with another rate table (tests and tools never need the canonical constructor). */
  public PlatformSettings withCost(CostSettings cost) {
    return new PlatformSettings(clusterName, clusterDomain, topologyKey, metricsQueryAddress, platformContact,
        systemNamespaces, trustDomain, metricsScraper, serving, providers, hatches, imageVerification, cost);
  }

  private static int days(String text, int fallback) {
    if (text == null || !text.strip().matches("\\d{1,5}")) {
      return fallback;
    }
    return Integer.parseInt(text.strip());
  }

  /** The contact as denials repeat it: one line, cut at {@link dev.lattice.api.Limits#CONTACT_CHARS}. */
  static String contact(String contact) {
    String line = contact.strip().replaceAll("\\s+", " ");
    int limit = dev.lattice.api.Limits.CONTACT_CHARS;
    return line.length() > limit ? line.substring(0, limit) + "..." : line;
  }

  /** True when workloads may not be deployed to {@code namespace}. */
  public boolean isSystemNamespace(String namespace) {
    for (String entry : systemNamespaces) {
      if (entry.endsWith("-*") ? namespace.startsWith(entry.substring(0, entry.length() - 1))
          : entry.equals(namespace)) {
        return true;
      }
    }
    return false;
  }
}
