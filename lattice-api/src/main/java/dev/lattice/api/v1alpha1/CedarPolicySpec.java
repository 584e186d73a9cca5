package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code spec} of a CedarPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CedarPolicySpec {
  @JsonPropertyDescription("Cedar statements (permit and forbid), separated by semicolons.")
  public String policies;

  @JsonPropertyDescription("Whether the statements are enforced (default true).")
  public Boolean enabled;

  @JsonPropertyDescription("Order among CedarPolicies in reports (higher first); forbid beats permit regardless.")
  public Integer priority;

  @JsonPropertyDescription("What the policy is for and who owns it.")
  public String description;

  @JsonPropertyDescription("Whether child clusters receive this policy (accepted; used by a later release).")
  public Boolean propagate;
}
