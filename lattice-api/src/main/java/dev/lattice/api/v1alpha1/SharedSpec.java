package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.List;
import java.util.Map;

/**
 * The spec fields every served version writes the same way (replicas, autoscaling, deploy, ingress, observability,
 * the deferred blocks, sidecars and the pod settings), with the types they share. Defined once, where they were
 * introduced; a version that changes one of them must stop inheriting it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class SharedSpec {
  @JsonPropertyDescription("Number of pods (default 1). With autoscaling, the minimum.")
  public Integer replicas;

  @JsonPropertyDescription("Scale between replicas and max on the given metrics (default: cpu at 80%).")
  public Autoscaling autoscaling;

  @JsonPropertyDescription("Rollout strategy: rolling (default) or canary.")
  public Deploy deploy;

  @JsonPropertyDescription("Routes from outside the cluster to this service.")
  public dev.lattice.api.v1alpha1.Ingress ingress;

  @JsonPropertyDescription("Metric mappings and the port they are scraped on.")
  public Observability observability;

  @JsonPropertyDescription("Backup schedule, hooks and volume selection (accepted; derived by a later release).")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeForm.class)
  public Map<String, Object> backup;

  @JsonPropertyDescription("Cross-cluster advertisement (accepted; derived by a later release).")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeForm.class)
  public Map<String, Object> advertise;

  @JsonPropertyDescription("Gang-scheduling topology (accepted; derived by a later release).")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeForm.class)
  public Map<String, Object> topology;

  @JsonPropertyDescription("Extra containers in the pod; init sidecars run before the main containers.")
  public Map<String, SidecarSpec> sidecars;

  @JsonPropertyDescription("Namespaced kernel parameters for the pod.")
  public Map<String, String> sysctls;

  @JsonPropertyDescription("Run the pod in the node's network namespace (a security override).")
  public Boolean hostNetwork;

  @JsonPropertyDescription("Share one process namespace between the pod's containers (a security override).")
  public Boolean shareProcessNamespace;

  @JsonPropertyDescription("Mount a Kubernetes API token into the pod (off unless set; a security override).")
  public Boolean automountServiceAccountToken;

  @JsonPropertyDescription("Names of ImageProviders whose registry credentials the pod pulls with.")
  public List<String> imagePullSecrets;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ServicePorts {
    @JsonPropertyDescription("Ports by name (DNS label, at most 15 characters). A port named metrics is scraped.")
    public Map<String, PortSpec> ports;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PortSpec {
    @JsonPropertyDescription("Port the Service listens on.")
    public Integer port;

    @JsonPropertyDescription("Container port traffic goes to (default: port).")
    public Integer targetPort;

    @JsonPropertyDescription("TCP (default), UDP or SCTP.")
    public String protocol;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Autoscaling {
    @JsonPropertyDescription("Most replicas the autoscaler may run.")
    public Integer max;

    @JsonPropertyDescription("Metrics and their targets; cpu and memory are utilisation percentages.")
    public List<MetricTarget> metrics;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MetricTarget {
    @JsonPropertyDescription("cpu, memory or a Prometheus metric name.")
    public String metric;

    @JsonPropertyDescription("Target value (percent for cpu and memory).")
    public Double target;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Deploy {
    @JsonPropertyDescription("rolling (default) or canary.")
    public String strategy;

    @JsonPropertyDescription("Canary parameters (interval, threshold, maxWeight, stepWeight).")
    @PreserveUnknownFields
    @SchemaFrom(type = FreeForm.class)
    public Map<String, Object> canary;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Observability {
    @JsonPropertyDescription("Metric mappings and the scrape port.")
    public Metrics metrics;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Metrics {
    @JsonPropertyDescription("Named PromQL expressions; $SELECTORS is replaced with this service's selector.")
    public Map<String, String> mappings;

    @JsonPropertyDescription("Name of the port to scrape (default: the port named metrics).")
    public String port;
  }
}
