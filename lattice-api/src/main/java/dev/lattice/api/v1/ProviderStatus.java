package dev.lattice.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code status} of a SecretProvider or ImageProvider: what the operator derived from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderStatus {
  @JsonPropertyDescription("Ready (its objects are applied) or Failed (the message says why).")
  public String phase;

  @JsonPropertyDescription("What was applied, or what is wrong and the fix.")
  public String message;

  @JsonPropertyDescription("host:port the External Secrets controller may reach for this provider.")
  public String endpoint;

  @JsonPropertyDescription("Digest of the objects last applied; equal digests mean a reconcile writes nothing.")
  public String appliedHash;

  @JsonPropertyDescription("metadata.generation this status describes.")
  public Long observedGeneration;
}
