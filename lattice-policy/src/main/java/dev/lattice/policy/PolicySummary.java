package dev.lattice.policy;

import java.util.List;

/** What loading one CedarPolicy found: the numbers its status reports, and its problems. */
public record PolicySummary(
    String name, String namespace, boolean enabled, boolean enforced, int permits, int forbids,
    List<PolicyProblem> problems) {
  public PolicySummary {
    problems = List.copyOf(problems);
  }

  /** The status message, e.g. "3 permit, 1 forbid statements" or "1 parse error(s)". */
  public String message() {
    if (!enforced) {
      return problems.isEmpty() ? "Not enforced." : problems.get(0).message();
    }
    if (!enabled) {
      return "Policy is disabled.";
    }
    String counts = permits + " permit, " + forbids + " forbid statements";
    List<PolicyProblem> skipped = problems.stream().filter(PolicyProblem::skipped).toList();
    List<PolicyProblem> kept = problems.stream().filter(p -> !p.skipped()).toList();
    return counts
        + (skipped.isEmpty() ? "" : "; " + skipped.size() + " statement(s) skipped: " + lines(skipped))
        + (kept.isEmpty() ? "" : "; " + lines(kept));
  }

  private static String lines(List<PolicyProblem> problems) {
    return problems.stream().map(p -> "line " + p.line() + ": " + p.message()).reduce((a, b) -> a + "; " + b)
        .orElse("");
  }
}
