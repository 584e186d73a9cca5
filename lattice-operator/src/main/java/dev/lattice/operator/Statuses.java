package dev.lattice.operator;

import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import dev.lattice.engine.ServiceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the engine's status into the resource's status, following the Kubernetes condition conventions: a
 * condition's lastTransitionTime changes only when its status does, and every condition names the generation it
 * describes. Equal statuses are detected so that a reconcile with nothing new writes nothing.
 */
final class Statuses {
  /** Condition messages are capped like Kubernetes caps event messages; the CLI shows the full text. */
  static final int MAX_MESSAGE = 32 * 1024;

  private Statuses() {}

  static LatticeServiceStatus of(
      ServiceStatus derived, LatticeServiceStatus previous, long generation, String appliedHash,
      String appliedVersion, Instant now) {
    LatticeServiceStatus status = new LatticeServiceStatus();
    status.phase = derived.phase().name();
    status.observedGeneration = generation;
    status.appliedHash = appliedHash;
    status.appliedVersion = appliedVersion;
    status.conditions = new ArrayList<>();
    for (ServiceStatus.StatusCondition c : derived.conditions()) {
      Condition before = find(previous, c.type().name());
      boolean same = before != null && c.status().equals(before.getStatus());
      status.conditions.add(new ConditionBuilder()
          .withType(c.type().name())
          .withStatus(c.status())
          .withReason(c.reason())
          .withMessage(c.message().length() > MAX_MESSAGE ? c.message().substring(0, MAX_MESSAGE) + "…"
              : c.message())
          .withObservedGeneration(generation)
          .withLastTransitionTime(same ? before.getLastTransitionTime() : now.toString())
          .build());
    }
    return status;
  }

  private static Condition find(LatticeServiceStatus status, String type) {
    if (status == null || status.conditions == null) {
      return null;
    }
    return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** True when writing {@code next} over {@code previous} would change nothing a user can see. */
  static boolean same(LatticeServiceStatus previous, LatticeServiceStatus next) {
    if (previous == null) {
      return false;
    }
    return Objects.equals(previous.phase, next.phase)
        && Objects.equals(previous.observedGeneration, next.observedGeneration)
        && Objects.equals(previous.appliedHash, next.appliedHash)
        && Objects.equals(previous.appliedVersion, next.appliedVersion)
        && Objects.equals(previous.costEstimate, next.costEstimate)
        && Objects.equals(strip(previous.conditions), strip(next.conditions))
        && Facts.same(previous.facts, next.facts);
  }

  private static List<String> strip(List<Condition> conditions) {
    List<String> out = new ArrayList<>();
    if (conditions != null) {
      conditions.forEach(c -> out.add(c.getType() + "|" + c.getStatus() + "|" + c.getReason() + "|" + c.getMessage()
          + "|" + c.getObservedGeneration()));
    }
    return out;
  }
}
