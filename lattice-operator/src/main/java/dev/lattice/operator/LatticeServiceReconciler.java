package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.v1.SecretProvider;
import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.DecisionCache;
import dev.lattice.policy.PolicyLibrary;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one LatticeService: take the fleet ({@link FleetView}, kept from informer events) and the policies
 * (as of the last CedarPolicy event), derive (one engine call), apply and prune, write status and events; no step
 * walks the fleet, so a reconcile costs the same at any fleet size. A reconcile whose derivation digest equals
 * {@code status.appliedHash} and whose status is unchanged makes no API call at all. Neighbours in the service graph are re-reconciled when a service's spec changes (consent is two-sided),
 * and a CedarPolicy change re-reconciles only the services whose decisions it changes.
 */
// A periodic resync is the safety net for any missed event; with nothing changed it writes nothing.
@ControllerConfiguration(name = "latticeservice",
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
// A failed reconcile (an API error, a timeout) is retried without limit, backing off to at most 30 s: JOSDK's
// default gives up after 5 attempts, leaving a service unconverged until the 10-minute resync (FaultsIT).
@io.javaoperatorsdk.operator.processing.retry.GradualRetry(maxAttempts = -1, maxInterval = 30_000)
public final class LatticeServiceReconciler implements Reconciler<LatticeService>, Cleaner<LatticeService> {
  private static final Logger logger = LoggerFactory.getLogger(LatticeServiceReconciler.class);

  private final KubernetesClient client;
  private final PlatformSettings settings;
  private final Applier applier;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Bookkeeping bookkeeping;
  private final DecisionCache decisions = new DecisionCache();
  private final AtomicReference<PolicyState> policies = new AtomicReference<>(PolicyState.EMPTY);
  private final FleetView fleet;
  private final FleetEventSource.Hatches hatches;
  private final QuotaWatch quotas;
  private volatile InformerEventSource<CedarPolicy, LatticeService> policySource;
  private volatile InformerEventSource<SecretProvider, LatticeService> providerSource;
  private volatile InformerEventSource<dev.lattice.api.v1.ImageProvider, LatticeService> imageSource;
  private volatile List<InformerEventSource<GenericKubernetesResource, LatticeService>> driftSources = List.of();

  public LatticeServiceReconciler(
      KubernetesClient client, PlatformSettings settings, ApplyMode mode, OperatorMetrics metrics, Clock clock) {
    this(client, settings, mode, metrics, clock, namespace -> namespace, new FleetFacts(), new FleetView(),
        FleetEventSource.Hatches.NONE);
  }

  /**
   * With the namespace-to-team lookup, the in-memory view of the recorded facts, and the fleet the operator shares
   * with the escape hatches' controllers (which {@code hatches} requeue when a change here alters their consent).
   */
  LatticeServiceReconciler(KubernetesClient client, PlatformSettings settings, ApplyMode mode,
      OperatorMetrics metrics, Clock clock, java.util.function.Function<String, String> teams, FleetFacts facts,
      FleetView fleet, FleetEventSource.Hatches hatches) {
    this.client = client;
    this.fleet = fleet;
    this.hatches = hatches;
    this.bookkeeping = new Bookkeeping(metrics, facts, teams, clock);
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.applier = new Applier(client, mode, metrics);
    this.quotas = new QuotaWatch(fleet, QuotaWatch.teams(teams));
    metrics.bindCedar(decisions);
  }

  @Override
  public List<EventSource<?, LatticeService>> prepareEventSources(EventSourceContext<LatticeService> context) {
    policySource = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(CedarPolicy.class, LatticeService.class)
            .withName("cedarpolicies")
            .withNamespaces(PolicyLibrary.PLATFORM_NAMESPACE)
            // Only a spec change can change a decision; its own status write must not requeue anything.
            .withOnUpdateFilter((next, previous) ->
                !java.util.Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration()))
            .withSecondaryToPrimaryMapper(policy -> affectedByPolicyChange())
            .build(),
        context);
    providerSource = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(SecretProvider.class, LatticeService.class)
            .withName("secretproviders")
            // Only a provider appearing or going changes what a spec may name; its status writes change nothing.
            .withOnUpdateFilter((next, previous) -> false)
            .withSecondaryToPrimaryMapper(provider -> fleet.namingProvider(provider.getMetadata().getName()))
            .build(),
        context);
    imageSource = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(dev.lattice.api.v1.ImageProvider.class, LatticeService.class)
            .withName("imageproviders")
            // Its spec feeds the pull credentials of the services naming it; its status writes change nothing.
            .withOnUpdateFilter((next, previous) ->
                !java.util.Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration()))
            .withSecondaryToPrimaryMapper(provider -> fleet.pullingFrom(provider.getMetadata().getName()))
            .build(),
        context);
    // External Secrets records each write of a Secret it syncs in the ExternalSecret's status: a rotation.
    // Without External Secrets installed there is nothing to rotate (and no kind to watch).
    boolean rotation = client.supports("external-secrets.io/v1", "ExternalSecret");
    if (!rotation) {
      logger.warn("External Secrets (external-secrets.io/v1 ExternalSecret) is not installed: a rotated Secret "
          + "rolls pods only at the next change or resync");
    }
    var synced = !rotation ? null : new InformerEventSource<>(InformerEventSourceConfiguration
        .from(new io.javaoperatorsdk.operator.processing.GroupVersionKind("external-secrets.io", "v1",
            "ExternalSecret"), LatticeService.class)
        .withName("secret-rotation")
        .withLabelSelector(dev.lattice.engine.render.Meta.MANAGED_BY + "=lattice")
        .withOnAddFilter(added -> false)
        .withOnUpdateFilter((next, previous) -> !java.util.Objects.equals(syncedVersion(next), syncedVersion(previous)))
        .withSecondaryToPrimaryMapper(Drift::owner)
        .build(), context);
    driftSources = Drift.sources(context);
    List<EventSource<?, LatticeService>> sources = new ArrayList<>(
        List.of(policySource, providerSource, imageSource,
            new FleetEventSource<>(LatticeService.class, fleet, hatches, context),
            // Escape hatches are fleet nodes too: a service's consent with one follows the hatch's changes.
            new FleetEventSource<>(dev.lattice.api.hatch.LatticeMeshMember.class, fleet, hatches, context),
            new FleetEventSource<>(dev.lattice.api.v1.LatticePackage.class, fleet, hatches, context)));
    sources.add(quotas.source(context));
    if (synced != null) {
      sources.add(synced);
    }
    sources.addAll(driftSources);
    return sources;
  }

  @Override
  public UpdateControl<LatticeService> reconcile(LatticeService resource, Context<LatticeService> context) {
    long start = System.nanoTime();
    try {
      return reconcileService(resource);
    } finally {
      metrics.reconciled(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private UpdateControl<LatticeService> reconcileService(LatticeService resource) {
    logger.debug("service={}/{} reconcile generation={}", resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(), resource.getMetadata().getGeneration());
    ServiceInput input = FleetView.input(resource);
    Engine engine = new Engine(settings(), new CedarAuthorizer(currentPolicies(), decisions));
    Fleet current = fleet.fleetFor(resource, input);
    Derivation derivation = engine.derive(input, current);
    ServiceRef ref = derivation.ref();
    LatticeServiceStatus previous = resource.getStatus();
    long generation = resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();

    String appliedHash = previous == null ? null : previous.appliedHash;
    if (derivation instanceof Derivation.Derived derived) {
      // Secret data the engine cannot see: a rotated Secret changes the config hash, so the pods roll.
      List<HasMetadata> resources = SecretRotation.withSecretData(derived.resources(), name -> java.util.Optional
          .ofNullable(client.secrets().inNamespace(ref.namespace()).withName(name).get()));
      String desired = Applier.digestAll(resources);
      if (!desired.equals(appliedHash) || drifted(resources)) {
        Applier.Result result = applier.apply(ref, resources);
        logger.info("service={} applied written={} unchanged={} pruned={}", ref, result.written(),
            result.unchanged(), result.pruned());
        appliedHash = desired;
      }
      metrics.derivation("derived", "Derived");
    } else {
      String reason = derivation.status().condition(ConditionType.Ready).map(ServiceStatus.StatusCondition::reason)
          .orElse("Unknown");
      boolean denied = derivation.status().condition(ConditionType.PolicyAuthorized)
          .map(c -> !c.isTrue()).orElse(false);
      if (denied) {
        // No grant of any kind for a denied service: its secrets go; the rest keeps running as last derived.
        int deleted = applier.delete(ref, "ExternalSecret");
        logger.info("service={} denied reason={} externalSecretsDeleted={}", ref, reason, deleted);
        appliedHash = null;
      } else {
        // An invalid edit never takes down what runs: the last good objects stay until the spec is fixed.
        logger.info("service={} rejected reason={}", ref, reason);
      }
      metrics.derivation("rejected", reason);
    }

    // Read from the object itself, so an unchanged service yields the same value and the status stays unwritten.
    String appliedVersion = AppliedVersions.of(resource.getMetadata())
        .orElse(previous == null ? null : previous.appliedVersion);
    LatticeServiceStatus next = Statuses.of(derivation.status(), previous, generation, appliedHash, appliedVersion,
        Instant.now(clock));
    // The estimate of what runs: kept from the last good derivation while an invalid edit is rejected.
    next.costEstimate = derivation instanceof Derivation.Derived ? dev.lattice.engine.cost.CostEstimate.of(
        input.intent().spec(), settings.cost()).map(e -> e.text()).orElse(null) : previous == null ? null
        : previous.costEstimate;
    updatePhaseGauges(ref, next.phase);
    next.facts = bookkeeping.record(resource, ref, derivation, current, generation, next.phase,
        previous == null ? null : previous.facts, appliedVersion, Applier.digest(policies.get().versions()));
    if (Statuses.same(previous, next)) {
      return UpdateControl.noUpdate();
    }
    emitEvents(resource, previous, next);
    resource.setStatus(next);
    return UpdateControl.patchStatus(resource);
  }

  /** {@code status.syncedResourceVersion} of an ExternalSecret: the Secret version External Secrets last wrote. */
  private static Object syncedVersion(GenericKubernetesResource externalSecret) {
    Object status = externalSecret.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map ? map.get("syncedResourceVersion") : null;
  }

  /**
   * The settings with the SecretProviders in the informer's cache (a handful; never the fleet). Until the platform
   * has one, provider names are not checked, as for files without the platform's folder.
   */
  private PlatformSettings settings() {
    if (providerSource == null || imageSource == null) {
      return settings;
    }
    List<String> names = providerSource.list(p -> true).map(p -> p.getMetadata().getName()).sorted().toList();
    var providers = names.isEmpty() ? settings.providers() : settings.providers().withSecretProviders(names);
    java.util.SortedMap<String, dev.lattice.engine.ProviderSettings.ImageSource> images = new java.util.TreeMap<>();
    imageSource.list(p -> true).forEach(p -> images.put(p.getMetadata().getName(),
        dev.lattice.engine.providers.ImageProviderObjects.source(p)));
    return settings.withProviders(quotas.withQuotas(providers.withImageProviders(images)));
  }

  /** The fleet view, shared with the LatticeQuota controller (which reads the same fleet). */
  FleetView fleetView() {
    return fleet;
  }

  /** True when a watched derived object is missing from the cache or no longer holds what Lattice applied. */
  private boolean drifted(List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      if (!Drift.WATCHED.contains(object.getKind())) {
        continue;
      }
      var live = Drift.cached(driftSources, object);
      if (live.isEmpty()) {
        return true;
      }
      if (!Drift.covers(Manifests.tree(object), Manifests.jsonMapper().valueToTree(live.get()))) {
        logger.info("drift in {} {}/{}: applying it again", object.getKind(), object.getMetadata().getNamespace(),
            object.getMetadata().getName());
        return true;
      }
    }
    return false;
  }

  @Override
  public DeleteControl cleanup(LatticeService resource, Context<LatticeService> context) {
    ServiceRef ref = new ServiceRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    // Owner references let a real cluster's garbage collector do this too; pruning makes it explicit and works
    // where there is no collector.
    int pruned = applier.prune(ref, Set.of());
    logger.info("service={} deleted pruned={}", ref, pruned);
    bookkeeping.removed(ref);
    String phase = phaseByService.remove(ref);
    if (phase != null) {
      metrics.phaseChanged(phase, null);
    }
    return DeleteControl.defaultDelete();
  }

  /**
   * Reloads the policies and returns the services whose access decisions differ between the old and the new
   * policy set; only those are reconciled again.
   */
  private synchronized Set<ResourceID> affectedByPolicyChange() {
    PolicyState before = policies.get();
    PolicyState after = loadPolicies();
    if (after.versions().equals(before.versions()) && before.loaded()) {
      return before.affected();
    }
    if (!before.loaded()) {
      // The first load: no service has been derived by this operator yet (a reconcile loads the policies before
      // it derives), so there is nothing to re-derive and no fleet to evaluate.
      policies.set(new PolicyState(after.versions(), after.library(), Set.of(), true));
      return Set.of();
    }
    Fleet fleet = this.fleet.fleet();
    Engine engine = new Engine(settings(), new CedarAuthorizer(after.library(), decisions));
    CedarAuthorizer old = new CedarAuthorizer(before.library(), decisions);
    CedarAuthorizer now = new CedarAuthorizer(after.library(), decisions);
    Set<ResourceID> affected = new HashSet<>();
    Set<ServiceRef> members = new HashSet<>();
    Set<ServiceRef> packages = new HashSet<>();
    for (ServiceInput input : fleet.services()) {
      boolean changes = engine.accessRequests(input, fleet).stream()
          .anyMatch(ask -> old.authorize(ask.request()).allowed() != now.authorize(ask.request()).allowed());
      if (changes) {
        switch (FleetView.Kind.of(input)) {
          case SERVICE -> affected.add(new ResourceID(input.intent().ref().name(), input.intent().ref().namespace()));
          case MESH_MEMBER -> members.add(input.intent().ref());
          case PACKAGE -> packages.add(input.intent().ref());
        }
      }
    }
    // The hatches read the policies themselves at each reconcile: a requeue is all they need.
    if (hatches.members() != null) {
      hatches.members().requeue(members);
    }
    if (hatches.packages() != null) {
      hatches.packages().requeue(packages);
    }
    logger.info("cedarpolicies changed statements={} affectedServices={}", after.library().statements().size(),
        affected.size());
    policies.set(new PolicyState(after.versions(), after.library(), Set.copyOf(affected), true));
    return affected;
  }

  /**
   * The policies as of the last CedarPolicy event (O(1), not a reload per reconcile): a newer policy in the cache
   * is about to be evaluated by its event, which then requeues the services it affects. Only before the first
   * event does a reconcile load them, through the same path, so that the affected set it records is still
   * returned to that event and no requeue is swallowed.
   */
  private PolicyLibrary currentPolicies() {
    PolicyState state = policies.get();
    if (!state.loaded()) {
      affectedByPolicyChange();
      state = policies.get();
    }
    return state.library();
  }

  private PolicyState loadPolicies() {
    if (policySource == null) {
      return PolicyState.EMPTY;
    }
    return PolicyState.of(policySource.list(p -> true).toList(), policies.get());
  }

  /** One Kubernetes Event per condition that changed, with the condition's reason. */
  private void emitEvents(LatticeService resource, LatticeServiceStatus previous, LatticeServiceStatus next) {
    ConditionEvents.emit(client, clock, resource, previous, next);
  }

  private final Map<ServiceRef, String> phaseByService = new java.util.concurrent.ConcurrentHashMap<>();

  /** Moves one service between the phase gauges (O(1); counting every service per reconcile was O(N)). */
  private void updatePhaseGauges(ServiceRef ref, String phase) {
    String before = phaseByService.put(ref, phase);
    if (!phase.equals(before)) {
      metrics.phaseChanged(before, phase);
    }
  }

}
