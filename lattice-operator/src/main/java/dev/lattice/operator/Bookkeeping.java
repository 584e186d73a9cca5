package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.v1alpha1.ServiceFacts;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.output.Manifests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/** The reconciler's product bookkeeping: {@link Facts} per reconcile, into {@link FleetFacts} and the metrics. */
final class Bookkeeping {
  private final OperatorMetrics metrics;
  private final FleetFacts facts;
  private final Function<String, String> teams;
  private final Clock clock;

  Bookkeeping(OperatorMetrics metrics, FleetFacts facts, Function<String, String> teams, Clock clock) {
    this.metrics = metrics;
    this.facts = facts;
    this.teams = teams;
    this.clock = clock;
  }

  void removed(ServiceRef ref) {
    facts.remove(ref).ifPresent(gone -> metrics.serviceMoved(gone, null));
  }

  /**
   * The product facts after this reconcile ({@link Facts}, at the operator's clock), recorded in the in-memory view
   * and the metrics. Reads only this service's edges, so it stays O(1) in the fleet size.
   */
  ServiceFacts record(LatticeService resource, ServiceRef ref, Derivation derivation, Fleet current,
      long generation, String phase, ServiceFacts previous, String appliedVersion, String policyDigest) {
    List<Facts.Edge> pending = new ArrayList<>();
    Set<String> active = new HashSet<>();
    for (var edge : current.graph().edgesFrom(ref)) {
      if (edge.state() == dev.lattice.graph.EdgeState.PENDING_CALLEE) {
        pending.add(new Facts.Edge(edge.caller().toString(), edge.callee().toString(), edge.callee().toString()));
      } else if (edge.active()) {
        active.add(edge.caller() + ">" + edge.callee());
      }
    }
    for (var edge : current.graph().edgesTo(ref)) {
      if (edge.state() == dev.lattice.graph.EdgeState.PENDING_CALLER) {
        pending.add(new Facts.Edge(edge.caller().toString(), edge.callee().toString(), edge.caller().toString()));
      } else if (edge.active()) {
        active.add(edge.caller() + ">" + edge.callee());
      }
    }
    String reason = derivation.status().condition(ConditionType.Ready).map(ServiceStatus.StatusCondition::reason)
        .orElse("Unknown");
    boolean denied = derivation.status().condition(ConditionType.PolicyAuthorized).map(c -> !c.isTrue())
        .orElse(false);
    // The base is what this operator last recorded, when it has: the informer may still hold the status before its
    // last write (a requeue right after it), and counting a transition twice would skew the counters.
    var known = facts.service(ref);
    ServiceFacts base = known.isPresent() ? known.get().facts() : previous;
    Facts.Step step = Facts.next(base, new Facts.Observation(generation,
        phase, reason, denied, policyDigest, pending, active, Instant.now(clock)));
    String team = teams.apply(ref.namespace());
    String version = appliedVersion == null ? "unknown"
        : dev.lattice.api.versions.ApiVersion.of(appliedVersion).map(v -> v.version()).orElse("unknown");
    // The field-usage audit's fields, worked out again only when the spec changed.
    java.util.SortedSet<String> fields = known.isPresent() && generationOf(known.get()) == generation
        ? known.get().fields()
        : dev.lattice.dashboard.SpecFields.ofV1Spec(Manifests.jsonMapper().valueToTree(resource.getSpec()));
    FleetFacts.Service now = new FleetFacts.Service(ref, team, version, phase, step.facts(), fields);
    metrics.serviceMoved(facts.put(now).orElse(null), now);
    if (step.firstOutcome() != null) {
      metrics.firstOutcome(team, version, step.firstOutcome().outcome.toLowerCase(java.util.Locale.ROOT));
    }
    if (step.resolved() != null) {
      metrics.failureResolved(team, Duration.ofSeconds(step.resolved().seconds), step.resolved().neededPlatformTeam);
      LoggerFactory.getLogger(LatticeServiceReconciler.class).info("service={} failure resolved reason={} seconds={} neededPlatformTeam={}", ref,
          step.resolved().reason, step.resolved().seconds, step.resolved().neededPlatformTeam);
    }
    if (step.timeToFirstReady() != null) {
      metrics.timeToReady(team, step.timeToFirstReady());
    }
    step.agreed().forEach(a -> metrics.consentAgreed(team, Duration.ofSeconds(a.seconds)));
    return step.facts();
  }

  private static long generationOf(FleetFacts.Service service) {
    var generations = service.facts() == null ? null : service.facts().generations;
    return generations == null || generations.isEmpty() ? -1 : generations.get(generations.size() - 1).generation;
  }

}
