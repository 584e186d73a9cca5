package dev.lattice.operator;

import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.render.Meta;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one LatticeMeshMember: the engine derives its mesh policies (default-deny CiliumNetworkPolicy,
 * AuthorizationPolicy, PeerAuthentication) on the operator's clock date, then the same apply, prune, status and
 * events as a package's. A member that does not derive (invalid, denied, expired past the grace period) prunes
 * nothing: its policies of the last good derivation keep the pods covered. The pods themselves are never touched.
 * Like a package, its peers are not known here (the services' fleet lives in their reconciler): consent is
 * one-sided, and the periodic resync picks up a CedarPolicy change and the day change.
 */
@ControllerConfiguration(name = "latticemeshmember",
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class LatticeMeshMemberReconciler implements Reconciler<LatticeMeshMember>, Cleaner<LatticeMeshMember> {
  /** The label a member's derived policies carry (not lattice.dev/service: a service of the same name never prunes them). */
  public static final String LABEL = "lattice.dev/mesh-member";

  private static final Logger logger = LoggerFactory.getLogger(LatticeMeshMemberReconciler.class);

  private final KubernetesClient client;
  private final PlatformSettings settings;
  private final Applier applier;
  private final Clock clock;

  public LatticeMeshMemberReconciler(KubernetesClient client, PlatformSettings settings, ApplyMode mode,
      OperatorMetrics metrics, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.applier = new Applier(client, mode, metrics);
  }

  @Override
  public UpdateControl<LatticeMeshMember> reconcile(LatticeMeshMember resource,
      Context<LatticeMeshMember> context) {
    Derivation derivation = derive(resource, settings, new CedarAuthorizer(policies()), LocalDate.now(clock));
    ServiceRef ref = derivation.ref();
    LatticeServiceStatus previous = resource.getStatus();
    String appliedHash = previous == null ? null : previous.appliedHash;
    if (derivation instanceof Derivation.Derived derived) {
      String desired = Applier.digestAll(derived.resources());
      Applier.Result result = applier.apply(LABEL, ref, derived.resources());
      logger.info("meshmember={} written={} unchanged={} pruned={}", ref, result.written(), result.unchanged(),
          result.pruned());
      appliedHash = desired;
    } else {
      String reason = derivation.status().condition(ConditionType.Ready).map(ServiceStatus.StatusCondition::reason)
          .orElse("Unknown");
      logger.info("meshmember={} rejected reason={} (nothing pruned)", ref, reason);
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

  /**
   * The member's derivation as the operator applies it: the engine's (what {@code lattice derive} prints, on
   * {@code today}), with every derived object labelled {@link #LABEL} instead of {@code lattice.dev/service}.
   */
  static Derivation derive(LatticeMeshMember resource, PlatformSettings settings,
      dev.lattice.policy.Authorizer authorizer, LocalDate today) {
    ServiceInput node = ServiceInput.of(resource.intent());
    Derivation derivation = new Engine(settings, authorizer).on(today).derive(node, Fleet.of(List.of(node)));
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
    ServiceRef ref = new ServiceRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    int pruned = applier.prune(LABEL, ref, Set.of());
    logger.info("meshmember={} deleted pruned={}", ref, pruned);
    return DeleteControl.defaultDelete();
  }

  private PolicyLibrary policies() {
    List<CedarPolicy> cached = client.resources(CedarPolicy.class).inNamespace(PolicyLibrary.PLATFORM_NAMESPACE)
        .list().getItems().stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    return PolicyLibrary.load(cached.stream()
        .map(p -> PolicyDocument.of(p, "CedarPolicy " + p.getMetadata().getNamespace() + "/"
            + p.getMetadata().getName()))
        .toList());
  }
}
