package dev.lattice.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lattice.api.v1alpha1.ResourceSpec;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** An entry of {@code spec.volumes} (v1alpha1: a resource of type volume). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Volume {
  @JsonProperty("class")
  @JsonPropertyDescription("Provider-specific class (accepted and kept; not used by derivation yet).")
  public String resourceClass;

  @JsonPropertyDescription("Volume id; services naming the same id share the volume.")
  public String id;

  @JsonPropertyDescription("Annotations for the volume (accepted and kept; not used by derivation yet).")
  public ResourceSpec.ResourceMetadata metadata;

  @JsonPropertyDescription("size, storageClass and accessMode.")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormParams.class)
  public Map<String, Object> params;
}
