package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** {@code spec} of a SecretProvider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretProviderSpec {
  @JsonPropertyDescription("One External Secrets provider block, copied as it is into spec.provider of the"
      + " ClusterSecretStore of the same name, e.g. vault: {server: https://vault.example.com:8200, path: secret,"
      + " version: v2, auth: {...}}.")
  @Required
  @PreserveUnknownFields
  @SchemaFrom(type = FreeFormParams.class)
  // No CEL rule here: the API server cannot type size() on a free-form object; the operator checks it (status).
  public Map<String, Object> provider;

  @JsonPropertyDescription("URL of the provider's API, e.g. https://vault.example.com:8200. The External Secrets"
      + " controller may reach its host and port (a CiliumNetworkPolicy). Default: the provider block's server,"
      + " url or endpoint.")
  @Pattern("^https?://[^/?#\\s]+([/?#].*)?$")
  public String endpoint;

  @JsonPropertyDescription("What the store holds and who owns it; shown to teams whose secret names no provider.")
  public String description;
}
