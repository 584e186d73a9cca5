package dev.lattice.api.hatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * The wire fields every escape hatch kind shares ({@code spec.owner}, {@code spec.reason}, {@code spec.expires},
 * {@code spec.mesh}); LatticeMeshMember and LatticePackage specs extend it. The engine reports a missing field (the
 * CRD does not mark them required, so the message comes from Lattice, not from a bare schema error).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EscapeHatchSpec {
  @JsonPropertyDescription("The team that answers for this escape hatch (required), e.g. team-billing.")
  public String owner;

  @JsonPropertyDescription("Why it exists (required): a ticket or a sentence, e.g. JIRA-123 legacy billing.")
  public String reason;

  @JsonPropertyDescription("Last day the escape hatch is wanted (required), an ISO date such as 2027-01-31. From "
      + "30 days before, the status warns (Expiring); after it and the platform's grace period, derivation stops "
      + "(EscapeHatchExpired) while what runs keeps running.")
  @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T00:00:00Z)?$")
  public String expires;

  @JsonPropertyDescription("Mesh enrolment of the pods: ports, allowed callers, dependencies, egress and the "
      + "service account they run as.")
  public MeshSpec mesh;
}
