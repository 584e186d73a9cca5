package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.lattice.api.v1alpha1.ResourceSpec;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** An entry of {@code spec.dependencies.outbound} or {@code .inbound}: its map says the direction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Dependency {
  @JsonPropertyDescription("service (default) or external-service (outbound only).")
  public String type;

  @JsonProperty("class")
  @JsonPropertyDescription("Provider-specific class (accepted and kept; not used by derivation yet).")
  public String resourceClass;

  @JsonPropertyDescription("Service name (default: the entry's name).")
  public String id;

  @JsonPropertyDescription("Namespace of the service (default: this service's namespace).")
  public String namespace;

  @JsonPropertyDescription("Annotations for the dependency (accepted and kept; not used by derivation yet).")
  public ResourceSpec.ResourceMetadata metadata;

  @JsonPropertyDescription("Type-specific parameters (external-service: endpoints).")
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormParams.class)
  public Map<String, Object> params;
}
