package dev.lattice.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator's own Prometheus metrics, next to JOSDK's: reconcile duration, derivations by result and reason,
 * Cedar decisions, writes and skipped no-op writes, and services by phase.
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

  /** The reconcile timer (count, total time, histogram), read by the operator benchmark. */
  public Timer reconcileTimer() {
    return reconcile;
  }


}
