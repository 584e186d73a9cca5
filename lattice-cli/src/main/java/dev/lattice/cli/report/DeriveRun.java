package dev.lattice.cli.report;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.SkippedDocument;
import dev.lattice.engine.Derivation;
import dev.lattice.policy.PolicySummary;
import java.util.List;

/** Everything one {@code lattice derive} run found, in the order it is reported. */
public record DeriveRun(
    List<ServiceOutcome> outcomes, List<PolicySummary> policies, List<SkippedDocument> skipped,
    List<InputError> errors) {
  public DeriveRun {
    outcomes = List.copyOf(outcomes);
    policies = List.copyOf(policies);
    skipped = List.copyOf(skipped);
    errors = List.copyOf(errors);
  }

  public long failed() {
    return outcomes.stream().filter(o -> o.derivation() instanceof Derivation.Rejected).count();
  }

  public int exitCode() {
    if (!errors.isEmpty()) {
      return ExitCodes.INPUT_ERROR;
    }
    return failed() > 0 ? ExitCodes.SERVICE_FAILED : ExitCodes.OK;
  }
}
