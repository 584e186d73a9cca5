package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** {@code spec} of an ImageProvider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageProviderSpec {
  @JsonPropertyDescription("Registry host and optional path prefix of the images it serves, e.g. ghcr.io/acme.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._-]+)*$")
  public String registry;

  @JsonPropertyDescription("Where the pull credentials are: a docker config JSON in a SecretProvider's store.")
  @Required
  public Credentials credentials;

  @JsonPropertyDescription("Who must have signed the registry's images; verified at admission. Empty: not verified.")
  public Trust trust;

  @JsonPropertyDescription("What the registry holds and who owns it.")
  public String description;

  /** {@code spec.credentials}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Credentials {
    @JsonPropertyDescription("Name of the SecretProvider whose store holds the credentials.")
    @Required
    public String secretProvider;

    @JsonPropertyDescription("Key of the credentials in that store, e.g. registry/ghcr-pull.")
    @Required
    public String key;

    @JsonPropertyDescription("Property of the key holding the docker config JSON (default .dockerconfigjson).")
    public String property;
  }

  /** {@code spec.trust}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Trust {
    @JsonPropertyDescription("Signing authorities; an image is admitted when one of them signed it.")
    public List<Authority> authorities;
  }

  /** One signing authority: a public key, or a keyless (Fulcio) identity. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(value = "has(self.publicKey) != has(self.keyless)",
      message = "an authority has exactly one of publicKey and keyless")
  public static class Authority {
    @JsonPropertyDescription("Name of the authority, e.g. release-key.")
    @Required
    public String name;

    @JsonPropertyDescription("PEM public key the images are signed with (cosign).")
    public String publicKey;

    @JsonPropertyDescription("A keyless signer: the OIDC issuer and subject of its certificate.")
    public Keyless keyless;
  }

  /** {@code keyless} of an authority. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Keyless {
    @JsonPropertyDescription("OIDC issuer, e.g. https://token.actions.githubusercontent.com.")
    @Required
    public String issuer;

    @JsonPropertyDescription("Certificate subject, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main.")
    @Required
    public String subject;
  }
}
