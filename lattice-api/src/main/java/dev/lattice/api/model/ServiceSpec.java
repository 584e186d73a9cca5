package dev.lattice.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;

/**
 * The intent of a service.
 *
 * @param workloadDeclared false when {@code spec.workload} was missing altogether
 * @param deferred blocks accepted and kept but not derived yet (backup, advertise, topology), raw and sorted
 */
public record ServiceSpec(
    boolean workloadDeclared,
    int replicas,
    Map<String, Container> containers,
    Map<String, Container> sidecars,
    Map<String, Port> ports,
    Map<String, Resource> resources,
    Optional<Autoscaling> autoscaling,
    DeployStrategy strategy,
    Map<String, Object> canary,
    Map<String, Route> routes,
    Optional<String> gatewayClass,
    Observability observability,
    PodSettings pod,
    Map<String, Object> deferred) {
  public ServiceSpec {
    containers = Sorted.map(containers);
    sidecars = Sorted.map(sidecars);
    ports = Sorted.map(ports);
    resources = Sorted.map(resources);
    Objects.requireNonNull(autoscaling, "autoscaling");
    Objects.requireNonNull(strategy, "strategy");
    canary = Sorted.map(canary);
    routes = Sorted.map(routes);
    Objects.requireNonNull(gatewayClass, "gatewayClass");
    Objects.requireNonNull(observability, "observability");
    Objects.requireNonNull(pod, "pod");
    deferred = Sorted.map(deferred);
  }

  public enum DeployStrategy {
    ROLLING("rolling"),
    CANARY("canary");

    private final String wire;

    DeployStrategy(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** {@code spec.autoscaling}: {@code metrics} is never empty (cpu at 80% when none were given). */
  public record Autoscaling(int max, List<MetricTarget> metrics) {
    public Autoscaling {
      metrics = Sorted.list(metrics);
    }
  }

  public record MetricTarget(String metric, double target) {}

  /** {@code spec.observability.metrics}. */
  public record Observability(Map<String, String> mappings, Optional<String> port) {
    public Observability {
      mappings = Sorted.map(mappings);
      Objects.requireNonNull(port, "port");
    }

    public static Observability none() {
      return new Observability(null, Optional.empty());
    }
  }

  /** Pod-wide runtime settings. */
  public record PodSettings(
      Map<String, String> sysctls,
      boolean hostNetwork,
      boolean shareProcessNamespace,
      boolean automountServiceAccountToken,
      List<String> imagePullSecrets) {
    public PodSettings {
      sysctls = Sorted.map(sysctls);
      imagePullSecrets = Sorted.list(imagePullSecrets);
    }

    public static PodSettings defaults() {
      return new PodSettings(null, false, false, false, null);
    }
  }
}
