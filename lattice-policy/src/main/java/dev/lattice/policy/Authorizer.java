package dev.lattice.policy;

/** Answers access requests. Implementations must be deterministic for a given policy set. */
public interface Authorizer {
  Decision authorize(AccessRequest request);

  /** Everything allowed; for tools and tests that only validate or render and never grant access for real. */
  static Authorizer permitAll() {
    return request -> new Decision(request, Decision.Outcome.ALLOWED, java.util.List.of(), "");
  }
}
