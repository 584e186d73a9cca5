package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** {@code status} of a LatticeService, following the Kubernetes condition conventions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeServiceStatus {
  @JsonPropertyDescription("Pending, Ready or Failed.")
  public String phase;

  @JsonPropertyDescription("Validated, PolicyAuthorized, BilateralConsent and Ready.")
  public List<Condition> conditions;


  @JsonPropertyDescription("metadata.generation of the spec this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Digest of the objects last applied; a reconcile that would apply the same objects "
      + "writes nothing.")
  public String appliedHash;

  @JsonPropertyDescription("apiVersion the spec was last applied in, e.g. lattice.dev/v1alpha1 (it is stored as "
      + "lattice.dev/v1).")
  public String appliedVersion;

  @JsonPropertyDescription("What the operator observed over the service's life: first seen, first Ready, first "
      + "outcome per generation, failures and their resolution, consent (bounded).")
  public ServiceFacts facts;

  @JsonPropertyDescription("Estimated cost per month from the platform's rate table (cost.* keys of "
      + "lattice-system/lattice-platform), e.g. 46.54 EUR/month: requests x replicas, autoscaled at their maximum; "
      + "absent without a table.")
  public String costEstimate;
}
