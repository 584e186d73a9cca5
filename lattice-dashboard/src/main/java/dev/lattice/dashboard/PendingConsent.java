package dev.lattice.dashboard;

import dev.lattice.api.model.ServiceRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-sided declaration: one service declared the other, the other has not answered yet.
 *
 * @param waitingOn the service whose spec must change (the side that has not declared the edge)
 * @param since when the declaration was first seen waiting; unknown for files
 * @param toComplete the entry the waiting side adds, in the words of {@code lattice graph}
 */
public record PendingConsent(
    ServiceRef caller, ServiceRef callee, ServiceRef waitingOn, Optional<Instant> since, String toComplete) {
  public PendingConsent {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(waitingOn, "waitingOn");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(toComplete, "toComplete");
  }
}
