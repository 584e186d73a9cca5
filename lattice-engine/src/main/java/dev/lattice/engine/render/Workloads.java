package dev.lattice.engine.render;

import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The small objects around the Deployment: identity, the Service, disruption budget, autoscaler, claims. */
public final class Workloads {
  private Workloads() {}

  /** The pod identity; the API token is not mounted unless the spec asks for it. */
  public static ServiceAccount serviceAccount(ServiceContext context) {
    ServiceAccount account = new ServiceAccount();
    account.setMetadata(Meta.of(context, context.name()));
    account.setAutomountServiceAccountToken(context.intent().spec().pod().automountServiceAccountToken());
    return account;
  }

  /** A ClusterIP Service when the workload exposes ports. */
  public static Optional<Service> service(ServiceContext context) {
    ServiceSpec spec = context.intent().spec();
    if (spec.ports().isEmpty()) {
      return Optional.empty();
    }
    List<ServicePort> ports = new ArrayList<>();
    for (var p : spec.ports().values()) {
      ServicePort port = new ServicePort();
      port.setName(p.name());
      port.setPort(p.port());
      port.setTargetPort(new IntOrString(p.targetPort()));
      port.setProtocol(p.protocol().name());
      ports.add(port);
    }
    var serviceSpec = new io.fabric8.kubernetes.api.model.ServiceSpec();
    serviceSpec.setType("ClusterIP");
    serviceSpec.setSelector(new LinkedHashMap<>(Meta.selector(context)));
    serviceSpec.setPorts(ports);
    Service service = new Service();
    service.setMetadata(Meta.of(context, context.name()));
    service.setSpec(serviceSpec);
    return Optional.of(service);
  }

  /** Keeps all but one pod up during voluntary disruptions, once there is more than one pod. */
  public static Optional<PodDisruptionBudget> disruptionBudget(ServiceContext context) {
    int replicas = context.intent().spec().replicas();
    if (replicas < 2) {
      return Optional.empty();
    }
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(new LinkedHashMap<>(Meta.selector(context)));
    PodDisruptionBudgetSpec budgetSpec = new PodDisruptionBudgetSpec();
    budgetSpec.setMinAvailable(new IntOrString(Math.max(replicas - 1, 1)));
    budgetSpec.setSelector(selector);
    PodDisruptionBudget budget = new PodDisruptionBudget();
    budget.setMetadata(Meta.of(context, context.name()));
    budget.setSpec(budgetSpec);
    return Optional.of(budget);
  }

  /** A KEDA ScaledObject: cpu and memory as utilisation, anything else as a per-pod Prometheus query. */
  public static Optional<GenericKubernetesResource> scaledObject(ServiceContext context) {
    ServiceSpec spec = context.intent().spec();
    if (spec.autoscaling().isEmpty()) {
      return Optional.empty();
    }
    ServiceSpec.Autoscaling autoscaling = spec.autoscaling().get();
    List<Map<String, Object>> triggers = new ArrayList<>();
    for (ServiceSpec.MetricTarget metric : autoscaling.metrics()) {
      Map<String, Object> trigger = new LinkedHashMap<>();
      String target = BigDecimal.valueOf(metric.target()).stripTrailingZeros().toPlainString();
      if (metric.metric().equals("cpu") || metric.metric().equals("memory")) {
        trigger.put("type", metric.metric());
        trigger.put("metricType", "Utilization");
        trigger.put("metadata", Map.of("value", target));
      } else {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("serverAddress", context.settings().metricsQueryAddress());
        metadata.put(
            "query",
            "avg(" + metric.metric() + "{namespace=\"" + context.namespace() + "\",pod=~\"" + context.name()
                + "-.*\"})");
        metadata.put("threshold", target);
        trigger.put("type", "prometheus");
        trigger.put("metadata", metadata);
      }
      triggers.add(trigger);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scaleTargetRef", Map.of("name", context.name()));
    body.put("minReplicaCount", spec.replicas());
    body.put("maxReplicaCount", autoscaling.max());
    body.put("triggers", triggers);
    return Optional.of(
        Meta.generic("keda.sh/v1alpha1", "ScaledObject", Meta.of(context, context.name()), Map.of("spec", body)));
  }

  /** VictoriaMetrics scrape of the metrics port (the port named metrics, or observability.metrics.port). */
  public static Optional<GenericKubernetesResource> scrape(ServiceContext context) {
    ServiceSpec spec = context.intent().spec();
    String port = spec.observability().port().orElse("metrics");
    if (!spec.ports().containsKey(port)) {
      return Optional.empty();
    }
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", port);
    endpoint.put("path", "/metrics");
    endpoint.put("interval", "30s");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("selector", Map.of("matchLabels", Meta.selector(context)));
    body.put("endpoints", List.of(endpoint));
    return Optional.of(
        Meta.generic(
            "operator.victoriametrics.com/v1beta1", "VMServiceScrape",
            Meta.of(context, context.name() + "-scrape"), Map.of("spec", body)));
  }

  /** Claims for the volumes this service owns (volume resources with a size). */
  public static List<PersistentVolumeClaim> volumeClaims(ServiceContext context) {
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    context.volumes().forEach(
        (name, params) -> {
          if (!params.owned()) {
            return;
          }
          var resource = context.intent().spec().resources().get(name);
          var claim =
              new PersistentVolumeClaimBuilder()
                  .withMetadata(Meta.of(context, dev.lattice.engine.template.VolumeClaims.claimName(context, resource)))
                  .withNewSpec()
                  .withAccessModes(params.accessMode())
                  .withStorageClassName(params.storageClass().orElse(null))
                  .withNewResources().addToRequests("storage", new Quantity(params.size().orElseThrow()))
                  .endResources()
                  .endSpec();
          claims.add(claim.build());
        });
    return claims;
  }
}
