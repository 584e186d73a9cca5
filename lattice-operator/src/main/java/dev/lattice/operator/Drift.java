package dev.lattice.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Drift correction. The operator watches the derived objects of the core kinds (present in every cluster) and
 * re-reconciles their service when one changes; a field Lattice applies that no longer holds its value is applied
 * again. Only the fields Lattice sets are compared, so what others add (a user's annotation, the replicas an
 * autoscaler owns, defaults the API server fills in) is never a difference and never overwritten.
 */
final class Drift {
  /** Kinds watched for drift: always served, and what a person edits by hand. */
  static final Set<String> WATCHED = Set.of("Deployment", "Service", "ConfigMap", "ServiceAccount",
      "PodDisruptionBudget");

  private Drift() {}

  /** One informer per watched kind, limited to Lattice's objects, mapped to the service by its label. */
  static List<InformerEventSource<GenericKubernetesResource, LatticeService>> sources(
      EventSourceContext<LatticeService> context) {
    return ManagedKinds.ALL.stream().filter(k -> WATCHED.contains(k.kind()))
        .map(k -> new InformerEventSource<>(InformerEventSourceConfiguration
            .from(new GroupVersionKind(k.group(), k.version(), k.kind()), LatticeService.class)
            .withName("drift-" + k.kind().toLowerCase(Locale.ROOT))
            .withLabelSelector(Meta.MANAGED_BY + "=lattice")
            // Lattice's own applies create objects; only a later change by someone else, or a deletion, is drift.
            .withOnAddFilter(added -> false)
            // Objects with a generation change it when their spec does; status updates (every Deployment
            // rollout) are not drift.
            .withOnUpdateFilter((next, previous) -> !lastWrittenByLattice(next)
                && (next.getMetadata().getGeneration() == null
                || !Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || !Objects.equals(next.getMetadata().getLabels(), previous.getMetadata().getLabels())
                || !Objects.equals(next.getMetadata().getAnnotations(), previous.getMetadata().getAnnotations())))
            .withSecondaryToPrimaryMapper(Drift::owner)
            .build(), context))
        .toList();
  }

  /**
   * Lattice's own apply is strictly the newest managedFields entry: the update is the operator's write coming back.
   * Times have whole seconds, so a tie (someone wrote in the same second) counts as someone else's change.
   */
  static boolean lastWrittenByLattice(HasMetadata object) {
    List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
    if (entries == null || entries.isEmpty()) {
      return false;
    }
    Instant lattice = null;
    Instant others = Instant.MIN;
    for (ManagedFieldsEntry entry : entries) {
      Instant time = entry.getTime() == null ? Instant.MIN : Instant.parse(entry.getTime());
      if (Applier.FIELD_MANAGER.equals(entry.getManager()) && "Apply".equals(entry.getOperation())) {
        lattice = time;
      } else if (time.isAfter(others)) {
        others = time;
      }
    }
    return lattice != null && lattice.isAfter(others);
  }

  static Set<ResourceID> owner(GenericKubernetesResource object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String service = labels == null ? null : labels.get(Meta.SERVICE);
    return service == null ? Set.of() : Set.of(new ResourceID(service, object.getMetadata().getNamespace()));
  }

  /** The cached live copy of a derived object, when its kind is watched. */
  static Optional<GenericKubernetesResource> cached(
      List<InformerEventSource<GenericKubernetesResource, LatticeService>> sources, HasMetadata desired) {
    String name = "drift-" + desired.getKind().toLowerCase(Locale.ROOT);
    return sources.stream().filter(s -> s.name().equals(name)).findFirst()
        .flatMap(s -> s.get(new ResourceID(desired.getMetadata().getName(), desired.getMetadata().getNamespace())));
  }

  /**
   * True when every field of {@code desired} has the same value in {@code live}. Lists must have the same length
   * (Lattice owns whole lists it sets); scalars compare as text, so 80 and "80" agree as the API server stores them.
   */
  static boolean covers(JsonNode desired, JsonNode live) {
    return covers(desired, live, false);
  }

  /** Fields whose values are Kubernetes quantities, which the API server stores in canonical form (1024Mi as 1Gi). */
  private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests");
  private static final Set<String> QUANTITIES = Set.of("sizeLimit", "storage");

  private static boolean covers(JsonNode desired, JsonNode live, boolean quantity) {
    if (desired == null || desired.isNull()) {
      return true;
    }
    if (live == null || live.isNull() || live.isMissingNode()) {
      // The API server drops empty lists and maps it is given; that is no difference.
      return desired.isContainerNode() && desired.isEmpty();
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        boolean quantities = QUANTITY_MAPS.contains(key);
        if (!(quantities ? coversQuantities(field.getValue(), live.get(key))
            : covers(field.getValue(), live.get(key), QUANTITIES.contains(key)))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!covers(desired.get(i), live.get(i), false)) {
          return false;
        }
      }
      return true;
    }
    if (desired.asText().equals(live.asText())) {
      return true;
    }
    return quantity && sameQuantity(desired.asText(), live.asText());
  }

  /** A map of quantities (resources.limits, requests): every value compared as a quantity. */
  private static boolean coversQuantities(JsonNode desired, JsonNode live) {
    if (desired == null || !desired.isObject() || live == null || !live.isObject()) {
      return covers(desired, live, false);
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!covers(field.getValue(), live.get(field.getKey()), true)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameQuantity(String desired, String live) {
    try {
      return Quantity.getAmountInBytes(Quantity.parse(desired))
          .compareTo(Quantity.getAmountInBytes(Quantity.parse(live))) == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
