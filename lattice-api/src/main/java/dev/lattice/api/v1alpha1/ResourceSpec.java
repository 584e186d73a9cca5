package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.Map;

/** Something the workload uses or accepts: another service, an external endpoint, a secret, a volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceSpec {
  @JsonPropertyDescription("service (default), external-service, secret, volume, gpu, or a custom DNS label.")
  public String type;

  @JsonProperty("class")
  @JsonPropertyDescription("Provider-specific class of the resource.")
  public String resourceClass;

  @JsonPropertyDescription("Service name (default: the resource name), secret remote key, or volume id.")
  public String id;

  @JsonPropertyDescription("outbound (default), inbound or both; for services.")
  public String direction;

  @JsonPropertyDescription("Namespace of the service (default: this service's namespace).")
  public String namespace;

  @JsonPropertyDescription("Annotations for the resource.")
  public ResourceMetadata metadata;

  @JsonPropertyDescription("Type-specific parameters (secret: provider, keys, refreshInterval, secretType; "
      + "external-service: endpoints; volume: size, storageClass, accessMode).")
  @PreserveUnknownFields
  @SchemaFrom(type = Object.class)
  public Map<String, Object> params;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResourceMetadata {
    @JsonPropertyDescription("Annotations, e.g. for a provider.")
    public Map<String, String> annotations;
  }
}
