package dev.lattice.engine;

import dev.lattice.api.status.ConditionType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the engine says about a service: a phase and Kubernetes-convention conditions. */
public record ServiceStatus(Phase phase, List<StatusCondition> conditions) {
  public ServiceStatus {
    Objects.requireNonNull(phase, "phase");
    conditions = List.copyOf(conditions);
  }

  public enum Phase {
    Pending,
    Ready,
    Failed
  }

  public Optional<StatusCondition> condition(ConditionType type) {
    return conditions.stream().filter(c -> c.type() == type).findFirst();
  }

  /**
   * One condition. {@code status} is the Kubernetes string True, False or Unknown; {@code reason} is a stable
   * CamelCase code.
   */
  public record StatusCondition(ConditionType type, String status, String reason, String message) {
    public StatusCondition {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    public boolean isTrue() {
      return "True".equals(status);
    }
  }
}
