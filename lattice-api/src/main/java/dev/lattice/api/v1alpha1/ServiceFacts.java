package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * {@code status.facts}: what the operator has observed of a service over its life, for the product figures
 * (adoption, first-try success, time to resolve, platform-team actions, consent). Kept in the API so nothing is lost
 * on restart; every list is capped (the newest entries win), so the status stays small. Times are RFC 3339.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceFacts {
  /** Entries kept per list; older ones only survive in the totals and in Prometheus. */
  public static final int MAX_ENTRIES = 10;

  @JsonPropertyDescription("When the operator first saw the spec.")
  public String firstSeen;

  @JsonPropertyDescription("When the service first became Ready.")
  public String firstReady;

  @JsonPropertyDescription("First outcome of each spec generation, newest last (at most 10).")
  public List<GenerationOutcome> generations;

  @JsonPropertyDescription("The failure still open: since when and why.")
  public OpenFailure failure;

  @JsonPropertyDescription("Failures that ended, newest last (at most 10).")
  public List<ResolvedFailure> resolved;

  @JsonPropertyDescription("Failures that ended, all time.")
  public Integer resolvedTotal;

  @JsonPropertyDescription("Of those, failures whose recovery needed a platform-team action (a CedarPolicy change).")
  public Integer platformActionsTotal;

  @JsonPropertyDescription("One-sided declarations this service made that wait for the other side.")
  public List<PendingConsent> pendingConsent;

  @JsonPropertyDescription("Declarations of this service the other side agreed to, newest last (at most 10).")
  public List<AgreedConsent> agreedConsent;

  /** The first outcome of one spec generation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class GenerationOutcome {
    @JsonPropertyDescription("metadata.generation of the spec.")
    public Long generation;

    @JsonPropertyDescription("When the operator first derived it.")
    public String at;

    @JsonPropertyDescription("Ready (first try) or Failed.")
    public String outcome;

    @JsonPropertyDescription("Reason code of the failure, when it failed.")
    public String reason;
  }

  /** A failure that has not ended yet. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class OpenFailure {
    @JsonPropertyDescription("When the service became Failed.")
    public String since;

    @JsonPropertyDescription("Reason code the failure began with.")
    public String reason;

    @JsonPropertyDescription("True when Cedar denied the service: its fix names the platform team.")
    public Boolean policyDenied;

    @JsonPropertyDescription("Digest of the CedarPolicies in force when the failure began.")
    public String policyDigest;
  }

  /** A failure that ended with the service Ready again. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ResolvedFailure {
    @JsonPropertyDescription("When the service became Failed.")
    public String began;

    @JsonPropertyDescription("When it was Ready again.")
    public String ended;

    @JsonPropertyDescription("Reason code the failure began with.")
    public String reason;

    @JsonPropertyDescription("Seconds from began to ended.")
    public Long seconds;

    @JsonPropertyDescription("True when a CedarPolicy changed between the denial and the recovery.")
    public Boolean neededPlatformTeam;
  }

  /** A one-sided declaration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PendingConsent {
    @JsonPropertyDescription("The calling service, namespace/name.")
    public String caller;

    @JsonPropertyDescription("The called service, namespace/name.")
    public String callee;

    @JsonPropertyDescription("The service whose declaration is missing, namespace/name.")
    public String waitsFor;

    @JsonPropertyDescription("When the operator first saw the declaration one-sided.")
    public String since;
  }

  /** A declaration both sides agreed to. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AgreedConsent {
    @JsonPropertyDescription("The calling service, namespace/name.")
    public String caller;

    @JsonPropertyDescription("The called service, namespace/name.")
    public String callee;

    @JsonPropertyDescription("When the declaration was first seen one-sided.")
    public String since;

    @JsonPropertyDescription("When the other side agreed.")
    public String agreed;

    @JsonPropertyDescription("Seconds from since to agreed.")
    public Long seconds;
  }
}
