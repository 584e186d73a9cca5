package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1alpha1.ServiceFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorded facts of every service as of its last reconcile, with its team and version: what the gauges, the
 * daily history and {@code /dashboard} read. Rebuilt from {@code status.facts} as the operator reconciles after a
 * start, so nothing here is the only copy. Updating one service is O(1); the figures walk the map, which only
 * scrapes, the daily tick and the page do, never a reconcile.
 */
public final class FleetFacts {
  /**
   * One service as last reconciled; {@code version} is the short form (v1alpha1), "unknown" before one is seen;
   * {@code fields} the spec fields it sets (for the field-usage audit).
   */
  public record Service(ServiceRef ref, String team, String version, String phase, ServiceFacts facts,
      java.util.SortedSet<String> fields) {
    public Service(ServiceRef ref, String team, String version, String phase, ServiceFacts facts) {
      this(ref, team, version, phase, facts, new java.util.TreeSet<>());
    }
  }

  /** Fleet-wide figures at one moment (shares are 0..1, NaN when nothing was counted). */
  public record Figures(int services, int ready, int failed, int generations, int firstTryReady,
      int resolved, double meanResolveSeconds, int platformActions, int pendingConsents,
      long oldestPendingSeconds, Map<String, Integer> servicesByVersion) {
    public double firstTryShare() {
      return generations == 0 ? Double.NaN : (double) firstTryReady / generations;
    }

    /** Share of recorded generations whose way to Ready needed no platform-team action. */
    public double autonomyShare() {
      return generations == 0 ? Double.NaN : 1.0 - (double) platformActions / generations;
    }
  }

  private final Map<ServiceRef, Service> services = new ConcurrentHashMap<>();

  /** Records a service and returns what was recorded for it before (empty when it is new). */
  Optional<Service> put(Service service) {
    return Optional.ofNullable(services.put(service.ref(), service));
  }

  Optional<Service> remove(ServiceRef ref) {
    return Optional.ofNullable(services.remove(ref));
  }

  /** Every service, in namespace/name order. */
  public List<Service> services() {
    return services.values().stream().sorted(java.util.Comparator.comparing(Service::ref)).toList();
  }

  public Optional<Service> service(ServiceRef ref) {
    return Optional.ofNullable(services.get(ref));
  }

  /** Age in seconds of the oldest one-sided declaration of the team's services (0 when none). */
  long oldestPendingSeconds(String team, Instant now) {
    return oldestPending(services.values().stream().filter(s -> s.team().equals(team)).toList(), now);
  }

  int pendingConsents(String team) {
    return services.values().stream().filter(s -> s.team().equals(team))
        .mapToInt(s -> pending(s.facts()).size()).sum();
  }

  public Figures figures(Instant now) {
    Collection<Service> all = services.values();
    int ready = 0;
    int failed = 0;
    int generations = 0;
    int firstTry = 0;
    int resolved = 0;
    long resolveSeconds = 0;
    int platform = 0;
    int pending = 0;
    Map<String, Integer> byVersion = new java.util.TreeMap<>();
    for (Service s : all) {
      ready += "Ready".equals(s.phase()) ? 1 : 0;
      failed += "Failed".equals(s.phase()) ? 1 : 0;
      byVersion.merge(s.version(), 1, Integer::sum);
      ServiceFacts f = s.facts();
      if (f == null) {
        continue;
      }
      if (f.generations != null) {
        generations += f.generations.size();
        firstTry += (int) f.generations.stream().filter(g -> "Ready".equals(g.outcome)).count();
      }
      if (f.resolved != null) {
        for (ServiceFacts.ResolvedFailure r : f.resolved) {
          resolved++;
          resolveSeconds += r.seconds == null ? 0 : r.seconds;
          platform += Boolean.TRUE.equals(r.neededPlatformTeam) ? 1 : 0;
        }
      }
      pending += pending(f).size();
    }
    return new Figures(all.size(), ready, failed, generations, firstTry, resolved,
        resolved == 0 ? Double.NaN : (double) resolveSeconds / resolved, platform, pending,
        oldestPending(all, now), Map.copyOf(byVersion));
  }

  private static long oldestPending(Collection<Service> services, Instant now) {
    long oldest = 0;
    for (Service s : services) {
      for (ServiceFacts.PendingConsent p : pending(s.facts())) {
        oldest = Math.max(oldest, Math.max(0, Duration.between(Instant.parse(p.since), now).getSeconds()));
      }
    }
    return oldest;
  }

  private static List<ServiceFacts.PendingConsent> pending(ServiceFacts facts) {
    return facts == null || facts.pendingConsent == null ? List.of() : facts.pendingConsent;
  }
}
