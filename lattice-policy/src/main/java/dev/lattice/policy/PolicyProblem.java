package dev.lattice.policy;

/**
 * A problem with a CedarPolicy: a statement that does not parse (with its line), or a document that is ignored.
 * The rest of the policy set still loads.
 */
public record PolicyProblem(String policyName, int line, String message) {
  @Override
  public String toString() {
    return "CedarPolicy " + policyName + (line > 0 ? " line " + line : "") + ": " + message;
  }
}
