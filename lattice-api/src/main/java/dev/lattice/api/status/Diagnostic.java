package dev.lattice.api.status;

import java.util.Objects;

/**
 * One problem found in a spec: which field, what is wrong, how to fix it. Never thrown; collected so that every
 * problem of a spec is reported in one pass.
 *
 * @param reason the stable code tooling can match on
 * @param fieldPath dotted path from the document root, e.g. {@code spec.workload.containers.main.image}
 * @param problem what is wrong, in one sentence, naming the offending value where it is not secret
 * @param fix what to change, concretely
 */
public record Diagnostic(Reason reason, String fieldPath, String problem, String fix) {
  public Diagnostic {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  public Severity severity() {
    return reason.severity();
  }

  /** The text shown in a condition message and the CLI report. */
  public String message() {
    return fieldPath + ": " + problem + " Fix: " + fix;
  }
}
