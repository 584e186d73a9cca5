package dev.lattice.api.hatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** {@code spec} of a LatticeMeshMember: the governance fields, the pod selector and the mesh section. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatticeMeshMemberSpec extends EscapeHatchSpec {
  @JsonPropertyDescription("Labels of the pods to enrol (matchLabels, in this namespace). Required.")
  public Map<String, String> selector;
}
