package dev.lattice.cli.report;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.SkippedDocument;
import dev.lattice.engine.Derivation;
import dev.lattice.policy.PolicySummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one {@code lattice derive} run found, in the order it is reported. Under {@code strict} (the CI mode
 * of {@code lattice validate --strict} and {@code derive --strict}) a warning fails the run like an error.
 */
public record DeriveRun(
    List<ServiceOutcome> outcomes, List<PolicySummary> policies, List<SkippedDocument> skipped,
    List<InputError> errors, boolean strict, List<String> runWarnings) {
  public DeriveRun {
    runWarnings = List.copyOf(runWarnings);
    outcomes = List.copyOf(outcomes);
    policies = List.copyOf(policies);
    skipped = List.copyOf(skipped);
    errors = List.copyOf(errors);
  }

  public DeriveRun(
      List<ServiceOutcome> outcomes, List<PolicySummary> policies, List<SkippedDocument> skipped,
      List<InputError> errors) {
    this(outcomes, policies, skipped, errors, false, List.of());
  }

  public DeriveRun(
      List<ServiceOutcome> outcomes, List<PolicySummary> policies, List<SkippedDocument> skipped,
      List<InputError> errors, boolean strict) {
    this(outcomes, policies, skipped, errors, strict, List.of());
  }

  public long failed() {
    return outcomes.stream().filter(o -> o.derivation() instanceof Derivation.Rejected).count();
  }

  /**
   * Warnings on services plus CedarPolicy statements skipped because they do not parse, plus warnings about the
   * run as a whole (said once, not per service: no SecretProvider read).
   */
  public long warnings() {
    long diagnostics = outcomes.stream().mapToLong(DeriveRun::warningsOf).sum();
    return diagnostics + policies.stream().mapToLong(p -> p.problems().size()).sum() + runWarnings.size();
  }

  static long warningsOf(ServiceOutcome outcome) {
    return outcome.derivation().diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count();
  }

  /** The service fails the run: it was rejected, or it has a warning and the run is strict. */
  public boolean fails(ServiceOutcome outcome) {
    return outcome.derivation() instanceof Derivation.Rejected || (strict && warningsOf(outcome) > 0);
  }

  /** Services by phase, in the phases' order. */
  public Map<String, Long> countByPhase() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    for (var phase : dev.lattice.engine.ServiceStatus.Phase.values()) {
      long n = outcomes.stream().filter(o -> o.derivation().status().phase() == phase).count();
      if (n > 0) {
        counts.put(phase.name(), n);
      }
    }
    return counts;
  }

  /** Problems (errors and warnings) by reason code, alphabetically. */
  public Map<String, Long> countByReason() {
    Map<String, Long> counts = new TreeMap<>();
    for (ServiceOutcome outcome : outcomes) {
      for (Diagnostic d : outcome.derivation().diagnostics()) {
        counts.merge(d.reason().name(), 1L, Long::sum);
      }
    }
    return counts;
  }

  public int exitCode() {
    if (!errors.isEmpty()) {
      return ExitCodes.INPUT_ERROR;
    }
    if (failed() > 0 || (strict && warnings() > 0)) {
      return ExitCodes.SERVICE_FAILED;
    }
    return ExitCodes.OK;
  }
}
