package dev.lattice.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lattice.api.v1alpha1.ResourceSpec;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** An entry of {@code spec.secrets} (v1alpha1: a resource of type secret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Secret {
  @JsonProperty("class")
  @JsonPropertyDescription("Provider-specific class (accepted and kept; not used by derivation yet).")
  public String resourceClass;

  @JsonPropertyDescription("Remote key of the secret in the provider (default: the entry's name).")
  public String id;

  @JsonPropertyDescription("Annotations for the secret (accepted and kept; not used by derivation yet).")
  public ResourceSpec.ResourceMetadata metadata;

  @JsonPropertyDescription("provider, keys, refreshInterval and secretType.")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormParams.class)
  public Map<String, Object> params;
}
