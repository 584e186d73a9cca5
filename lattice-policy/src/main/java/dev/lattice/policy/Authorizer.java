package dev.lattice.policy;

/** Answers access requests. Implementations must be deterministic for a given policy set. */
public interface Authorizer {
  Decision authorize(AccessRequest request);

  /** For a denied request: permits that would match it but for a misspelt name, described for the message. */
  default java.util.List<String> nearMisses(AccessRequest request) {
    return java.util.List.of();
  }

  /** Everything allowed; for tools and tests that only validate or render and never grant access for real. */
  static Authorizer permitAll() {
    return request -> new Decision(request, Decision.Outcome.ALLOWED, java.util.List.of(), "");
  }
}
