package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** {@code status} of a CedarPolicy: what loading it found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CedarPolicyStatus {
  @JsonPropertyDescription("Valid, Invalid (some statements skipped), Disabled, or Ignored (not in lattice-system).")
  public String phase;

  @JsonPropertyDescription("Summary, e.g. \"3 permit, 1 forbid statements\".")
  public String message;

  @JsonPropertyDescription("Permit statements loaded.")
  public Integer permitCount;

  @JsonPropertyDescription("Forbid statements loaded.")
  public Integer forbidCount;

  @JsonPropertyDescription("One entry per skipped statement: \"line N: what is wrong\".")
  public List<String> validationErrors;

  @JsonPropertyDescription("metadata.generation this status describes.")
  public Long observedGeneration;
}
