package dev.lattice.policy;

import java.util.List;
import java.util.Objects;

/**
 * Cedar's answer to one request, with what decided it.
 *
 * @param deciding the statements Cedar named as the reason (the forbids for {@link Outcome#FORBIDDEN}, the permits
 *     for {@link Outcome#ALLOWED}); empty for {@link Outcome#NO_PERMIT}
 * @param error what went wrong when Cedar could not evaluate (never a policy author's mistake: those are reported
 *     when loading)
 */
public record Decision(AccessRequest request, Outcome outcome, List<Statement> deciding, String error) {
  public Decision {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(outcome, "outcome");
    deciding = List.copyOf(deciding);
    error = error == null ? "" : error;
  }

  public enum Outcome {
    ALLOWED,
    /** Default deny: no permit statement matched. */
    NO_PERMIT,
    /** A forbid matched; forbid beats permit. */
    FORBIDDEN,
    /** Cedar failed to evaluate; treated as a denial. */
    ERROR
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }
}
