package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code status} of a CedarPolicy: what loading it found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CedarPolicyStatus {
  /** Valid, Invalid (some statements skipped) or Disabled. */
  public String phase;

  public String message;
  public Integer permitCount;
  public Integer forbidCount;

  /** One entry per skipped statement: "line N: what is wrong". */
  public List<String> validationErrors;

  public Long observedGeneration;
}
