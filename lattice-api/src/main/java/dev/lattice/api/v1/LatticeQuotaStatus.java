package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * {@code status} of a LatticeQuota, written by the operator from the fleet it holds: what the services it admits use,
 * what is left, and which services it counts and which it refuses (issue 17).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeQuotaStatus {
  @JsonPropertyDescription("Ready (every covered service fits) or Exceeded (at least one is refused with"
      + " QuotaExceeded; refused lists them).")
  public String phase;

  @JsonPropertyDescription("What the quota counts and refuses, in words.")
  public String message;

  @JsonPropertyDescription("Per limited resource, used/limit, e.g. 'cpu 1500m/2, replicas 3/10'.")
  public String usage;

  @JsonPropertyDescription("What the admitted services ask for together, per resource (cpu, memory, gpu, replicas),"
      + " as quantities.")
  public Map<String, String> used;

  @JsonPropertyDescription("What is left of each limited resource (spec.limits minus used).")
  public Map<String, String> remaining;

  @JsonPropertyDescription("The services counted (admitted), namespace/name, in admission order.")
  public List<String> services;

  @JsonPropertyDescription("The services refused with QuotaExceeded, namespace/name, in admission order.")
  public List<String> refused;

  @JsonPropertyDescription("metadata.generation this status describes.")
  public Long observedGeneration;
}
