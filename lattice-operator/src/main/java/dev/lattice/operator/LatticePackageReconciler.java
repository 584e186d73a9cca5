package dev.lattice.operator;

import dev.lattice.api.v1.LatticePackage;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.operator.packages.ChartRenderer;
import dev.lattice.operator.packages.PackageDeriver;
import dev.lattice.policy.CedarAuthorizer;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles one LatticePackage: plan, render the chart (helm-java), complete, then the same apply, prune, status
 * and events as a service's. Its mesh section is a node of the fleet the services' controller keeps, so consent
 * with services is two-sided and a peer's change requeues it. A package that does not derive (invalid, denied,
 * chart failing to render) prunes nothing: the objects of the version rendered last keep running. Packages are few
 * and rarely change, so each reconcile reads the CedarPolicies itself; a policy change requeues the packages whose
 * decisions it changes, and the periodic resync picks up the day change.
 */
@ControllerConfiguration(name = "latticepackage",
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class LatticePackageReconciler implements Reconciler<LatticePackage>, Cleaner<LatticePackage> {
  private final PlatformSettings settings;
  private final ChartRenderer renderer;
  private final HatchReconcile hatch;
  private final RequeueSource<LatticePackage> requeues = new RequeueSource<>("fleet-requeues");

  /** @param charts what a package's relative local chart folder is resolved against */
  LatticePackageReconciler(KubernetesClient client, PlatformSettings settings, ApplyMode mode,
      OperatorMetrics metrics, Clock clock, Path charts, FleetView fleet) {
    this.settings = settings;
    this.renderer = new ChartRenderer(charts);
    this.hatch = new HatchReconcile(client, mode, metrics, clock, fleet, PackageEngine.LABEL, "package", true);
  }

  /** Where the fleet's informers requeue the packages a peer's change affects. */
  RequeueSource<LatticePackage> requeues() {
    return requeues;
  }

  @Override
  public List<EventSource<?, LatticePackage>> prepareEventSources(EventSourceContext<LatticePackage> context) {
    return List.of(requeues);
  }

  @Override
  public UpdateControl<LatticePackage> reconcile(LatticePackage resource, Context<LatticePackage> context) {
    if (hatch.waitingForFleet()) {
      return UpdateControl.<LatticePackage>noUpdate().rescheduleAfter(HatchReconcile.WAIT_FOR_FLEET);
    }
    PackageIntent intent = PackageIntent.of(resource, resource.getMetadata().getNamespace());
    CedarAuthorizer authorizer = hatch.authorizer();
    PackageEngine engine = new PackageEngine(settings, authorizer, PackageDeriver.KINDS);
    Engine hatches = new Engine(settings, authorizer).on(LocalDate.now(hatch.clock()));
    Derivation derivation = new PackageDeriver(hatches, engine, renderer).derive(intent, hatch.fleetFor(resource));
    return hatch.finish(resource, derivation, " chart=" + intent.chart() + ":" + intent.version());
  }

  @Override
  public DeleteControl cleanup(LatticePackage resource, Context<LatticePackage> context) {
    hatch.cleanup(resource);
    return DeleteControl.defaultDelete();
  }
}
