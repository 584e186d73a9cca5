package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** {@code spec} of a v1alpha1 LatticeService. Field names and shapes follow the reference system. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeServiceSpec extends SharedSpec {
  @JsonPropertyDescription("What runs: containers, the ports it serves and the resources it uses.")
  public Workload workload;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Workload {
    @JsonPropertyDescription("Containers by name (at least one).")
    public Map<String, ContainerSpec> containers;

    @JsonPropertyDescription("Services, external endpoints, secrets and volumes this workload uses or accepts.")
    public Map<String, ResourceSpec> resources;

    @JsonPropertyDescription("Ports the service exposes.")
    public ServicePorts service;
  }

}
