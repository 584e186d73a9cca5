package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** {@code spec} of a LatticeQuota. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeQuotaSpec {
  @JsonPropertyDescription("What the quota covers: exactly one of team, namespace or service.")
  @Required
  public Selector selector;

  @JsonPropertyDescription("The total the covered services may ask for together (requests x replicas; autoscaled"
      + " services at their maximum).")
  public Limits limits;

  @JsonPropertyDescription("The most one covered service may ask for on its own.")
  public Limits perWorkload;

  @JsonPropertyDescription("Who owns the quota and grants more, e.g. platform-team@example.com; named in every"
      + " QuotaExceeded message.")
  @Required
  public String owner;

  /** {@code spec.selector}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "(has(self.team) ? 1 : 0) + (has(self.namespace) ? 1 : 0) + (has(self.service) ? 1 : 0)"
      + " == 1", message = "a selector has exactly one of team, namespace and service")
  public static class Selector {
    @JsonPropertyDescription("A team: every namespace whose label lattice.dev/team has this value (a namespace"
        + " without the label belongs to the team of its own name).")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    public String team;

    @JsonPropertyDescription("A namespace: every service in it.")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    public String namespace;

    @JsonPropertyDescription("One service, written namespace/name, e.g. shop/checkout.")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    public String service;
  }

  /** {@code spec.limits} and {@code spec.perWorkload}: any resource left out is not limited. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Limits {
    @JsonPropertyDescription("CPU requests, as a Kubernetes quantity, e.g. 8 or 500m.")
    @Pattern("^[0-9]+(\\.[0-9]+)?m?$")
    public String cpu;

    @JsonPropertyDescription("Memory requests, as a Kubernetes quantity, e.g. 16Gi.")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    public String memory;

    @JsonPropertyDescription("GPUs (type: gpu resources' count, per replica).")
    @Min(0)
    public Integer gpu;

    @JsonPropertyDescription("Replicas (autoscaled services count at their maximum).")
    @Min(0)
    public Integer replicas;
  }
}
