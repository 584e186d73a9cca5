package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.LatticeQuota;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ProviderSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.quota.Quota;
import dev.lattice.engine.quota.Quotas;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The LatticeQuotas as the service controller sees them (issue 17): an informer on lattice-system feeds them into
 * the engine's settings, so a service is admitted with the CLI's rule and message, and says which services to
 * derive again. A quota's change requeues the services it covers, before and after the change (a selector moved
 * away frees the ones it left); a service's change requeues the services its quotas cover after it in
 * namespace/name order, the only ones whose admission can depend on it.
 */
final class QuotaWatch {
  private final FleetView fleet;
  private final Supplier<SortedMap<String, String>> teams;
  /** Per quota, what its last event requeued: JOSDK maps an event more than once, the answer must repeat. */
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private volatile InformerEventSource<LatticeQuota, LatticeService> source;

  private record Seen(String resourceVersion, Optional<Quota> quota, Set<ResourceID> requeued) {}

  QuotaWatch(FleetView fleet, Supplier<SortedMap<String, String>> teams) {
    this.fleet = fleet;
    this.teams = teams;
    fleet.alsoAffected(this::after);
  }

  /** The namespaces' teams for quotas: the operator's namespace informer, or none (tests without one). */
  static Supplier<SortedMap<String, String>> teams(java.util.function.Function<String, String> teams) {
    return teams instanceof Teams watched ? watched::labelled : java.util.TreeMap::new;
  }

  InformerEventSource<LatticeQuota, LatticeService> source(EventSourceContext<LatticeService> context) {
    source = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(LatticeQuota.class, LatticeService.class)
            .withName("latticequotas")
            .withNamespaces(Set.of(Quotas.NAMESPACE))
            // Its own status write changes no admission.
            .withOnUpdateFilter((next, previous) ->
                !Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration()))
            .withSecondaryToPrimaryMapper(this::covered)
            .build(),
        context);
    return source;
  }

  /** The quotas in the cache (a handful, never the fleet). */
  List<Quota> quotas() {
    InformerEventSource<LatticeQuota, LatticeService> current = source;
    return current == null ? List.of()
        : current.list(q -> true).flatMap(q -> Quotas.of(q).stream()).toList();
  }

  /** The settings knowing the cluster's quotas and the namespaces' teams (unchanged when there is no quota). */
  ProviderSettings withQuotas(ProviderSettings providers) {
    List<Quota> quotas = quotas();
    return quotas.isEmpty() ? providers : providers.withQuotas(quotas, teams.get());
  }

  /** The services {@code quota} covers now and covered at its last event; walks the fleet on quota events only. */
  private Set<ResourceID> covered(LatticeQuota quota) {
    String name = quota.getMetadata().getName();
    String version = quota.getMetadata().getResourceVersion();
    Seen last = seen.get(name);
    if (last != null && Objects.equals(last.resourceVersion(), version)) {
      return last.requeued();
    }
    Optional<Quota> now = Quotas.of(quota);
    SortedMap<String, String> labels = teams.get();
    Set<ResourceID> out = new HashSet<>();
    for (ServiceInput input : fleet.fleet().services()) {
      ServiceRef ref = input.intent().ref();
      boolean before = last != null && last.quota().map(q -> q.selector().covers(ref, labels)).orElse(false);
      if (before || now.map(q -> q.selector().covers(ref, labels)).orElse(false)) {
        out.add(new ResourceID(ref.name(), ref.namespace()));
      }
    }
    Set<ResourceID> requeued = Set.copyOf(out);
    seen.put(name, new Seen(version, now, requeued));
    return requeued;
  }

  /** The services a quota covering {@code changed} also covers, after it in namespace/name order. */
  private Set<ServiceRef> after(Fleet fleet, ServiceRef changed) {
    List<Quota> covering = quotas();
    if (covering.isEmpty()) {
      return Set.of();
    }
    SortedMap<String, String> labels = teams.get();
    covering = covering.stream().filter(q -> q.selector().covers(changed, labels)).toList();
    if (covering.isEmpty()) {
      return Set.of();
    }
    Set<ServiceRef> out = new HashSet<>();
    for (ServiceInput input : fleet.services()) {
      ServiceRef ref = input.intent().ref();
      if (ref.compareTo(changed) > 0 && covering.stream().anyMatch(q -> q.selector().covers(ref, labels))) {
        out.add(ref);
      }
    }
    return out;
  }
}
