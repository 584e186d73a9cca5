package dev.lattice.policy;

import java.util.Objects;

/**
 * One Cedar statement of a CedarPolicy.
 *
 * @param id unique id in the policy set, {@code <policy name>#<index>}
 * @param index 1-based position in the CedarPolicy
 * @param line 1-based line in {@code spec.policies} where the statement starts
 * @param scope the principal/action/resource constraints, for choosing the statements a request needs
 */
public record Statement(
    String id, String policyName, int index, int line, Effect effect, String source, Scope scope) {
  public Statement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scope, "scope");
  }

  /** How messages name it: {@code CedarPolicy deny-prod-secrets, statement 2 (line 7)}. */
  public String describe() {
    return "CedarPolicy " + policyName + ", statement " + index + " (line " + line + ")";
  }
}
