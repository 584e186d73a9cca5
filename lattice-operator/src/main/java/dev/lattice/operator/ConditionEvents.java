package dev.lattice.operator;

import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events for a LatticeService's or LatticePackage's status: one per condition that changed. */
final class ConditionEvents {
  private static final Logger logger = LoggerFactory.getLogger(ConditionEvents.class);

  private ConditionEvents() {}

  /** One Kubernetes Event per condition that changed, with the condition's reason. */
  static void emit(KubernetesClient client, Clock clock, HasMetadata resource, LatticeServiceStatus previous,
      LatticeServiceStatus next) {
    for (var condition : next.conditions) {
      var before = previous == null || previous.conditions == null ? null : previous.conditions.stream()
          .filter(c -> c.getType().equals(condition.getType())).findFirst().orElse(null);
      if (before != null && before.getStatus().equals(condition.getStatus())
          && before.getReason().equals(condition.getReason())) {
        continue;
      }
      try {
        String message = condition.getMessage().length() > 1000
            ? condition.getMessage().substring(0, 1000) + "…" : condition.getMessage();
        client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(new EventBuilder()
            .withNewMetadata()
            .withGenerateName(resource.getMetadata().getName() + "-")
            .withNamespace(resource.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
            .withName(resource.getMetadata().getName()).withNamespace(resource.getMetadata().getNamespace())
            .withUid(resource.getMetadata().getUid())
            .endInvolvedObject()
            .withType("True".equals(condition.getStatus()) ? "Normal" : "Warning")
            .withReason(condition.getReason())
            .withMessage(condition.getType() + ": " + message)
            .withReportingComponent("lattice-operator")
            .withFirstTimestamp(Instant.now(clock).toString())
            .withLastTimestamp(Instant.now(clock).toString())
            .withCount(1)
            .build()).create();
      } catch (RuntimeException e) {
        // Events are best effort; the status already carries the same information.
        logger.warn("{}={}/{} event not recorded: {}", resource.getKind(), resource.getMetadata().getNamespace(),
            resource.getMetadata().getName(), e.getMessage());
      }
    }
  }
}
