package dev.lattice.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lattice.api.v1alpha1.ContainerSpec;
import dev.lattice.api.v1alpha1.ResourceSpec;
import dev.lattice.api.v1alpha1.SharedSpec;
import java.util.Map;

/**
 * {@code spec} of a v1beta1 LatticeService: v1alpha1's {@code spec.workload} flattened, its resources split by
 * purpose. Every other field is the v1alpha1 one ({@link SharedSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeServiceSpec extends SharedSpec {
  @JsonPropertyDescription("Containers by name (at least one).")
  public Map<String, ContainerSpec> containers;

  @JsonPropertyDescription("Ports the service exposes, by name (DNS label, at most 15 characters). A port named "
      + "metrics is scraped.")
  public Map<String, SharedSpec.PortSpec> ports;

  @JsonPropertyDescription("Services this service calls or that call it, and external services it calls.")
  public Map<String, Dependency> dependencies;

  @JsonPropertyDescription("Secrets the containers read (environment variables, files, envFrom).")
  public Map<String, Secret> secrets;

  @JsonPropertyDescription("Volumes the containers mount (source: ${resources.<name>}); without one, a container volume is an emptyDir.")
  public Map<String, Volume> volumes;

  @JsonPropertyDescription("Other resources: gpu, or a custom type your platform team registered.")
  public Map<String, ResourceSpec> resources;
}
