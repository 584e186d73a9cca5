package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1.LatticePackage;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.operator.packages.ChartRenderer;
import dev.lattice.operator.packages.PackageDeriver;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one LatticePackage: plan, render the chart (helm-java), complete, then the same apply, prune, status
 * and events as a service's. A package that does not derive (invalid, denied, chart failing to render) prunes
 * nothing: the objects of the version rendered last keep running. Packages are few and rarely change, so each
 * reconcile reads the CedarPolicies itself; the periodic resync picks up a policy change.
 */
@ControllerConfiguration(name = "latticepackage",
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class LatticePackageReconciler implements Reconciler<LatticePackage>, Cleaner<LatticePackage> {
  private static final Logger logger = LoggerFactory.getLogger(LatticePackageReconciler.class);

  private final KubernetesClient client;
  private final PlatformSettings settings;
  private final Applier applier;
  private final Clock clock;
  private final ChartRenderer renderer;

  /** @param charts what a package's relative local chart folder is resolved against */
  public LatticePackageReconciler(KubernetesClient client, PlatformSettings settings, ApplyMode mode,
      OperatorMetrics metrics, Clock clock, Path charts) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.applier = new Applier(client, mode, metrics);
    this.renderer = new ChartRenderer(charts);
  }

  @Override
  public UpdateControl<LatticePackage> reconcile(LatticePackage resource, Context<LatticePackage> context) {
    PackageIntent intent = PackageIntent.of(resource, resource.getMetadata().getNamespace());
    CedarAuthorizer authorizer = new CedarAuthorizer(policies());
    PackageEngine engine = new PackageEngine(settings, authorizer, PackageDeriver.KINDS);
    // Its mesh peers are not known here (the services' fleet lives in their reconciler): consent is one-sided.
    dev.lattice.engine.Engine hatches = new dev.lattice.engine.Engine(settings, authorizer)
        .on(java.time.LocalDate.now(clock));
    Derivation derivation = new PackageDeriver(hatches, engine, renderer).derive(intent);
    ServiceRef ref = derivation.ref();
    LatticeServiceStatus previous = resource.getStatus();
    String appliedHash = previous == null ? null : previous.appliedHash;
    if (derivation instanceof Derivation.Derived derived) {
      String desired = Applier.digestAll(derived.resources());
      Applier.Result result = applier.apply(PackageEngine.LABEL, ref, derived.resources());
      logger.info("package={} chart={}:{} written={} unchanged={} pruned={}", ref, intent.chart(),
          intent.version(), result.written(), result.unchanged(), result.pruned());
      appliedHash = desired;
    } else {
      boolean denied = derivation.status().condition(ConditionType.PolicyAuthorized).map(c -> !c.isTrue())
          .orElse(false);
      String reason = derivation.status().condition(ConditionType.Ready).map(ServiceStatus.StatusCondition::reason)
          .orElse("Unknown");
      if (denied) {
        // Like a denied service: no grant stays, so its secrets go; everything else keeps running.
        applier.delete(PackageEngine.LABEL, ref, "ExternalSecret");
        appliedHash = null;
      }
      logger.info("package={} rejected reason={} (nothing pruned)", ref, reason);
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

  @Override
  public DeleteControl cleanup(LatticePackage resource, Context<LatticePackage> context) {
    ServiceRef ref = new ServiceRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    int pruned = applier.prune(PackageEngine.LABEL, ref, Set.of());
    logger.info("package={} deleted pruned={}", ref, pruned);
    return DeleteControl.defaultDelete();
  }

  private PolicyLibrary policies() {
    List<CedarPolicy> cached = client.resources(CedarPolicy.class).inNamespace(PolicyLibrary.PLATFORM_NAMESPACE)
        .list().getItems().stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    List<PolicyDocument> documents = cached.stream()
        .map(p -> PolicyDocument.of(p, "CedarPolicy " + p.getMetadata().getNamespace() + "/"
            + p.getMetadata().getName()))
        .toList();
    return PolicyLibrary.load(documents);
  }
}
