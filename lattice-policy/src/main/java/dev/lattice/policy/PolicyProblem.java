package dev.lattice.policy;

/**
 * A problem with a CedarPolicy: a statement that does not parse (with its line), or a document that is ignored.
 * The rest of the policy set still loads.
 *
 * @param skipped false for a statement that is enforced as written but names something Lattice never uses
 */
public record PolicyProblem(String policyName, int line, String message, boolean skipped) {
  public PolicyProblem(String policyName, int line, String message) {
    this(policyName, line, message, true);
  }

  @Override
  public String toString() {
    return "CedarPolicy " + policyName + (line > 0 ? " line " + line : "") + ": " + message;
  }
}
