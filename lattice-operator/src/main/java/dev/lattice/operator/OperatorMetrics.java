package dev.lattice.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's own Prometheus metrics, next to JOSDK's: reconcile duration, derivations by result and reason,
 * Cedar decisions, writes and skipped no-op writes, and services by phase; and the product figures (issue 16)
 * read from the recorded facts: services by team, version and phase, first-try outcomes, open failures, time to
 * resolve, platform-team actions, time to Ready, pending consent and time to consent.
 *
 * <p>Cardinality: {@code team} takes one value per namespace holding a LatticeService (or per distinct
 * {@code lattice.dev/team} label), {@code version} at most the 3 served versions plus {@code unknown}, {@code phase}
 * 3, {@code reason} at most the constants of {@code Reason}, histograms 8 buckets plus +Inf, sum, count and max.
 * So about 70 series per team (12 services, 8 first-try, 24 resolution, 12 time to Ready, 12 time to consent, 3
 * more) plus one per team and open failure reason: some 7,000 series for 100 teams. No
 * series is labelled by service.
 */
public final class OperatorMetrics {
  private final MeterRegistry registry;
  private final Timer reconcile;
  private final Map<String, AtomicInteger> phases = new ConcurrentHashMap<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.reconcile = Timer.builder("lattice_reconcile_duration")
        .description("Time to reconcile one LatticeService (derive, apply, prune, status)")
        .publishPercentileHistogram()
        .register(registry);
    for (String phase : new String[] {"Pending", "Ready", "Failed"}) {
      AtomicInteger count = new AtomicInteger();
      phases.put(phase, count);
      registry.gauge("lattice_services", io.micrometer.core.instrument.Tags.of("phase", phase), count);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void reconciled(Duration duration) {
    reconcile.record(duration);
  }

  public void derivation(String result, String reason) {
    Counter.builder("lattice_derivations_total").description("Derivations by result and reason")
        .tag("result", result).tag("reason", reason).register(registry).increment();
  }

  public void write(String kind) {
    Counter.builder("lattice_apply_writes_total").description("Objects written").tag("kind", kind)
        .register(registry).increment();
  }

  public void skippedWrite(String kind) {
    Counter.builder("lattice_apply_skipped_total").description("Writes skipped because the object was unchanged")
        .tag("kind", kind).register(registry).increment();
  }

  public void prune(String kind) {
    Counter.builder("lattice_prune_deletes_total").description("Objects deleted because no longer derived")
        .tag("kind", kind).register(registry).increment();
  }

  /** Cedar decisions, read from the shared decision cache's counters. */
  public void bindCedar(dev.lattice.policy.DecisionCache cache) {
    io.micrometer.core.instrument.FunctionCounter.builder("lattice_cedar_evaluations", cache,
        dev.lattice.policy.DecisionCache::evaluations).description("Native Cedar evaluations").register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("lattice_cedar_cache_hits", cache,
        dev.lattice.policy.DecisionCache::hits).description("Cedar decisions answered from the cache")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("lattice_cedar_cache_misses", cache,
        dev.lattice.policy.DecisionCache::misses).description("Cedar decisions not in the cache").register(registry);
  }

  /** One service moved from phase {@code from} to {@code to} (either null: it appeared or went). */
  public void phaseChanged(String from, String to) {
    if (from != null && phases.containsKey(from)) {
      phases.get(from).decrementAndGet();
    }
    if (to != null && phases.containsKey(to)) {
      phases.get(to).incrementAndGet();
    }
  }

  /** Bucket bounds of the product histograms: a minute to a week. */
  private static final Duration[] SLOS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
      Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7)};

  private final Map<String, AtomicInteger> levels = new ConcurrentHashMap<>();
  private final Set<String> teams = ConcurrentHashMap.newKeySet();
  private volatile FleetFacts facts;
  private volatile java.time.Clock clock;

  /** The per-team consent gauges read the recorded facts when scraped. */
  public void bindFacts(FleetFacts facts, java.time.Clock clock) {
    this.facts = facts;
    this.clock = clock;
    for (dev.lattice.api.versions.ApiVersion v : dev.lattice.api.versions.ApiVersion.values()) {
      int deprecated = v.deprecated() ? 1 : 0;
      Gauge.builder("lattice_api_version_deprecated", () -> deprecated)
          .description("1 for a deprecated LatticeService version").tag("version", v.version()).register(registry);
    }
  }

  /** One service's recorded state changed from {@code before} to {@code after} (either null: it appeared or went). */
  void serviceMoved(FleetFacts.Service before, FleetFacts.Service after) {
    if (before != null) {
      level("lattice_fleet_services", serviceTags(before), -1);
      if (openReason(before) != null) {
        level("lattice_failures_open", Tags.of("team", before.team(), "reason", openReason(before)), -1);
      }
    }
    if (after != null) {
      level("lattice_fleet_services", serviceTags(after), 1);
      if (openReason(after) != null) {
        level("lattice_failures_open", Tags.of("team", after.team(), "reason", openReason(after)), 1);
      }
      team(after.team());
    }
  }

  private static Tags serviceTags(FleetFacts.Service s) {
    return Tags.of("team", s.team(), "version", s.version(), "phase", s.phase());
  }

  private static String openReason(FleetFacts.Service s) {
    return s.facts() == null || s.facts().failure == null ? null : s.facts().failure.reason;
  }

  private void level(String name, Tags tags, int delta) {
    levels.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicInteger())).addAndGet(delta);
  }

  private void team(String team) {
    FleetFacts bound = facts;
    if (bound == null || !teams.add(team)) {
      return;
    }
    Gauge.builder("lattice_consent_pending", bound, f -> f.pendingConsents(team))
        .description("One-sided declarations waiting for the other side").tag("team", team).register(registry);
    Gauge.builder("lattice_consent_pending_oldest_seconds", bound,
            f -> f.oldestPendingSeconds(team, clock.instant()))
        .description("Age of the team's oldest one-sided declaration").tag("team", team).register(registry);
  }

  /** The first outcome of a spec generation: {@code ready} on the first try, or {@code failed}. */
  void firstOutcome(String team, String version, String outcome) {
    Counter.builder("lattice_first_try_total").description("Spec generations by their first outcome")
        .tags("team", team, "version", version, "outcome", outcome).register(registry).increment();
  }

  /** A failure ended; {@code platformTeam} when a CedarPolicy change was needed. */
  void failureResolved(String team, Duration took, boolean platformTeam) {
    Timer.builder("lattice_failure_resolution").description("Time from a failure to Ready again")
        .tags("team", team, "platform_team", String.valueOf(platformTeam)).serviceLevelObjectives(SLOS)
        .register(registry).record(took);
    if (platformTeam) {
      Counter.builder("lattice_platform_actions_total")
          .description("Failures whose recovery needed a platform-team action (a CedarPolicy change)")
          .tag("team", team).register(registry).increment();
    }
  }

  void timeToReady(String team, Duration took) {
    Timer.builder("lattice_time_to_ready").description("Time from a spec first seen to its first Ready")
        .tag("team", team).serviceLevelObjectives(SLOS).register(registry).record(took);
  }

  void consentAgreed(String team, Duration took) {
    Timer.builder("lattice_consent_time").description("Time from a one-sided declaration to both sides agreeing")
        .tag("team", team).serviceLevelObjectives(SLOS).register(registry).record(took);
  }

  /** The reconcile timer (count, total time, histogram), read by the operator benchmark. */
  public Timer reconcileTimer() {
    return reconcile;
  }


}
