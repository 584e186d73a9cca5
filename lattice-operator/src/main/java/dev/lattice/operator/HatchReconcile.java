package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two escape-hatch reconcilers (mesh members, packages) do alike around their derivation: read the
 * policies, see the shared fleet, apply and prune a derived hatch under its label, keep everything of a rejected
 * one (a denied package loses its secrets, as a denied service does), write status and events, prune on delete.
 */
final class HatchReconcile {
  /** How long a hatch waits for the fleet's initial lists before it derives (consent needs its peers). */
  static final Duration WAIT_FOR_FLEET = Duration.ofSeconds(1);

  private static final Logger logger = LoggerFactory.getLogger(HatchReconcile.class);

  private final KubernetesClient client;
  private final Applier applier;
  private final Clock clock;
  private final FleetView view;
  private final String label;
  private final String noun;
  private final boolean secretsGoWhenDenied;

  /**
   * @param label the label every derived object of such a hatch carries (its name as value)
   * @param noun how the log names the kind ("meshmember", "package")
   * @param secretsGoWhenDenied true for a kind whose objects hold grants (ExternalSecrets) a denial withdraws
   */
  HatchReconcile(KubernetesClient client, ApplyMode mode, OperatorMetrics metrics, Clock clock, FleetView view,
      String label, String noun, boolean secretsGoWhenDenied) {
    this.client = client;
    this.applier = new Applier(client, mode, metrics);
    this.clock = clock;
    this.view = view;
    this.label = label;
    this.noun = noun;
    this.secretsGoWhenDenied = secretsGoWhenDenied;
  }

  /** True until the fleet holds every service and hatch: derived earlier, consent would look one-sided. */
  boolean waitingForFleet() {
    return !view.isCaughtUp();
  }

  /** The fleet as {@code resource}'s derivation must see it: every peer, and this very version of the hatch. */
  Fleet fleetFor(HasMetadata resource) {
    return view.fleetFor(resource, FleetView.input(resource));
  }

  Clock clock() {
    return clock;
  }

  /** The platform's policies as the cluster holds them now (hatches are few: each reconcile reads them). */
  CedarAuthorizer authorizer() {
    List<CedarPolicy> cached = client.resources(CedarPolicy.class).inNamespace(PolicyLibrary.PLATFORM_NAMESPACE)
        .list().getItems().stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    return new CedarAuthorizer(PolicyLibrary.load(cached.stream()
        .map(p -> PolicyDocument.of(p, "CedarPolicy " + p.getMetadata().getNamespace() + "/"
            + p.getMetadata().getName()))
        .toList()));
  }

  /**
   * Applies a derived hatch (a rejected one prunes nothing: its objects of the last good derivation keep running),
   * then writes the status and its events when they changed.
   *
   * @param detail what the log line adds about the hatch (its chart), may be empty
   */
  <P extends CustomResource<?, LatticeServiceStatus>> UpdateControl<P> finish(P resource, Derivation derivation,
      String detail) {
    ServiceRef ref = derivation.ref();
    LatticeServiceStatus previous = resource.getStatus();
    String appliedHash = previous == null ? null : previous.appliedHash;
    if (derivation instanceof Derivation.Derived derived) {
      String desired = Applier.digestAll(derived.resources());
      Applier.Result result = applier.apply(label, ref, derived.resources());
      logger.info("{}={}{} written={} unchanged={} pruned={}", noun, ref, detail, result.written(),
          result.unchanged(), result.pruned());
      appliedHash = desired;
    } else {
      boolean denied = derivation.status().condition(ConditionType.PolicyAuthorized).map(c -> !c.isTrue())
          .orElse(false);
      String reason = derivation.status().condition(ConditionType.Ready).map(ServiceStatus.StatusCondition::reason)
          .orElse("Unknown");
      if (denied && secretsGoWhenDenied) {
        // Like a denied service: no grant stays, so its secrets go; everything else keeps running.
        applier.delete(label, ref, "ExternalSecret");
        appliedHash = null;
      }
      logger.info("{}={} rejected reason={} (nothing pruned)", noun, ref, reason);
    }
    long generation = resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    LatticeServiceStatus next = Statuses.of(derivation.status(), previous, generation, appliedHash,
        resource.getApiVersion(), Instant.now(clock));
    if (Statuses.same(previous, next)) {
      return UpdateControl.noUpdate();
    }
    ConditionEvents.emit(client, clock, resource, previous, next);
    resource.setStatus(next);
    return UpdateControl.patchStatus(resource);
  }

  /** Prunes every object of the deleted hatch. */
  void cleanup(HasMetadata resource) {
    ServiceRef ref = new ServiceRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    int pruned = applier.prune(label, ref, Set.of());
    logger.info("{}={} deleted pruned={}", noun, ref, pruned);
  }
}
