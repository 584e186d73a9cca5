package dev.lattice.operator;

import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles one LatticeMeshMember: the engine derives its mesh policies (default-deny CiliumNetworkPolicy,
 * AuthorizationPolicy, PeerAuthentication) on the operator's clock date, as a node of the fleet the services'
 * controller keeps (so consent with services is two-sided, and a peer's change requeues it), then the same apply,
 * prune, status and events as a package's. A member that does not derive (invalid, denied, expired past the grace
 * period) prunes nothing: its policies of the last good derivation keep the pods covered. The pods themselves are
 * never touched. The periodic resync picks up the day change.
 */
@ControllerConfiguration(name = "latticemeshmember",
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class LatticeMeshMemberReconciler implements Reconciler<LatticeMeshMember>, Cleaner<LatticeMeshMember> {
  /** The label a member's derived policies carry (not lattice.dev/service: a service of the same name never prunes them). */
  public static final String LABEL = "lattice.dev/mesh-member";

  private final PlatformSettings settings;
  private final HatchReconcile hatch;
  private final RequeueSource<LatticeMeshMember> requeues = new RequeueSource<>("fleet-requeues");

  LatticeMeshMemberReconciler(KubernetesClient client, PlatformSettings settings, ApplyMode mode,
      OperatorMetrics metrics, Clock clock, FleetView fleet) {
    this.settings = settings;
    this.hatch = new HatchReconcile(client, mode, metrics, clock, fleet, LABEL, "meshmember", false);
  }

  /** Where the fleet's informers requeue the members a peer's change affects. */
  RequeueSource<LatticeMeshMember> requeues() {
    return requeues;
  }

  @Override
  public List<EventSource<?, LatticeMeshMember>> prepareEventSources(EventSourceContext<LatticeMeshMember> context) {
    return List.of(requeues);
  }

  @Override
  public UpdateControl<LatticeMeshMember> reconcile(LatticeMeshMember resource,
      Context<LatticeMeshMember> context) {
    if (hatch.waitingForFleet()) {
      return UpdateControl.<LatticeMeshMember>noUpdate().rescheduleAfter(HatchReconcile.WAIT_FOR_FLEET);
    }
    Derivation derivation = derive(resource, settings, hatch.authorizer(), LocalDate.now(hatch.clock()),
        hatch.fleetFor(resource));
    return hatch.finish(resource, derivation, "");
  }

  /**
   * The member's derivation as the operator applies it: the engine's as a node of {@code fleet} (what
   * {@code lattice derive} prints, on {@code today}), with every derived object labelled {@link #LABEL} instead of
   * {@code lattice.dev/service}.
   */
  static Derivation derive(LatticeMeshMember resource, PlatformSettings settings,
      dev.lattice.policy.Authorizer authorizer, LocalDate today, Fleet fleet) {
    ServiceInput node = ServiceInput.of(resource.intent());
    Derivation derivation = new Engine(settings, authorizer).on(today).derive(node, fleet);
    if (derivation instanceof Derivation.Derived derived) {
      for (HasMetadata object : derived.resources()) {
        Map<String, String> labels = new TreeMap<>(object.getMetadata().getLabels());
        labels.remove(Meta.SERVICE);
        labels.put(LABEL, derivation.ref().name());
        object.getMetadata().setLabels(labels);
      }
    }
    return derivation;
  }

  @Override
  public DeleteControl cleanup(LatticeMeshMember resource, Context<LatticeMeshMember> context) {
    hatch.cleanup(resource);
    return DeleteControl.defaultDelete();
  }
}
