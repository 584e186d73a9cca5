package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lattice.api.v1alpha1.ContainerSpec;
import dev.lattice.api.v1alpha1.ResourceSpec;
import dev.lattice.api.v1alpha1.SharedSpec;
import dev.lattice.api.v1beta1.Secret;
import dev.lattice.api.v1beta1.Volume;
import java.util.Map;

/**
 * {@code spec} of a v1 LatticeService: v1beta1 with the direction of each dependency made explicit by the map it
 * is in, and every image written in the spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeServiceSpec extends SharedSpec {
  @JsonPropertyDescription("Containers by name (at least one). Each names its image; '.' is not accepted.")
  public Map<String, ContainerSpec> containers;

  @JsonPropertyDescription("Ports the service exposes, by name (DNS label, at most 15 characters). A port named "
      + "metrics is scraped.")
  public Map<String, SharedSpec.PortSpec> ports;

  @JsonPropertyDescription("Services this service calls (outbound) and services that may call it (inbound).")
  public Dependencies dependencies;

  @JsonPropertyDescription("Secrets the containers read (environment variables, files, envFrom).")
  public Map<String, Secret> secrets;

  @JsonPropertyDescription("Volumes the containers mount (source: ${resources.<name>}).")
  public Map<String, Volume> volumes;

  @JsonPropertyDescription("Other resources: gpu, or a custom type your platform team registered.")
  public Map<String, ResourceSpec> resources;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Dependencies {
    @JsonPropertyDescription("Services and external services this service calls, by name.")
    public Map<String, Dependency> outbound;

    @JsonPropertyDescription("Services that may call this service, by name. A service in both maps talks both "
        + "ways.")
    public Map<String, Dependency> inbound;
  }
}
