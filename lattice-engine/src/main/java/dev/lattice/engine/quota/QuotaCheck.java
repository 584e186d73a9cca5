package dev.lattice.engine.quota;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.engine.Fleet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Admission of services against LatticeQuotas, pure and independent of input order. The rule: each quota admits
 * the services it covers one by one in namespace/name order; a service that fits (within the per-workload cap and
 * within what is left) uses its share, one that does not is refused and uses nothing, so services after it may
 * still fit. A service is admitted when every quota covering it admits it. Whether a service fits depends only on
 * the specs of the services before it, never on the order they were read in or on other failures.
 */
public final class QuotaCheck {
  private QuotaCheck() {}

  /**
   * What one quota's pass found: the services it admitted (in admission order), what they use, and the refusal of
   * each refused service.
   */
  public record Usage(Quota quota, List<ServiceRef> admitted, Map<QuotaResource, BigDecimal> used,
      SortedMap<ServiceRef, Diagnostic> refused) {
    /** What is left of each limited resource. */
    public Map<QuotaResource, BigDecimal> remaining() {
      Map<QuotaResource, BigDecimal> left = new EnumMap<>(QuotaResource.class);
      quota.limits().forEach((r, limit) -> left.put(r, limit.subtract(used.getOrDefault(r, BigDecimal.ZERO))));
      return left;
    }
  }

  /** The refusals of {@code ref}, one per quota that refuses it, in quota-name order. */
  public static List<Diagnostic> check(ServiceRef ref, Collection<ServiceIntent> fleet, List<Quota> quotas,
      SortedMap<String, String> teams) {
    return refusals(ref, quotas, teams, quota -> usage(quota, fleet, teams));
  }

  /**
   * {@link #check} against a fleet, each quota's pass made once per fleet (every service it covers reads the same
   * pass, and repeating it per service cost a fleet-wide quota N passes over N services).
   */
  public static List<Diagnostic> check(ServiceRef ref, Fleet fleet, List<Quota> quotas,
      SortedMap<String, String> teams) {
    return refusals(ref, quotas, teams, quota -> fleet.derived(new Pass(quota, teams), f -> usage(quota,
        f.services().stream().map(dev.lattice.engine.ServiceInput::intent).toList(), teams)));
  }

  private static List<Diagnostic> refusals(ServiceRef ref, List<Quota> quotas, SortedMap<String, String> teams,
      java.util.function.Function<Quota, Usage> pass) {
    List<Diagnostic> out = new ArrayList<>();
    for (Quota quota : sorted(quotas)) {
      if (quota.selector().covers(ref, teams)) {
        Optional.ofNullable(pass.apply(quota).refused().get(ref)).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The key of one quota's pass over a fleet: the pass reads the quota, the teams and the fleet. */
  private record Pass(Quota quota, SortedMap<String, String> teams) {}

  /** One quota's pass over the fleet, in namespace/name order. */
  public static Usage usage(Quota quota, Collection<ServiceIntent> fleet, SortedMap<String, String> teams) {
    List<ServiceIntent> covered = fleet.stream()
        .filter(s -> !s.isHatch() && quota.selector().covers(s.ref(), teams))
        .sorted(java.util.Comparator.comparing(ServiceIntent::ref)).toList();
    Map<QuotaResource, BigDecimal> used = new EnumMap<>(QuotaResource.class);
    SortedMap<ServiceRef, Diagnostic> refused = new java.util.TreeMap<>();
    List<ServiceRef> admitted = new ArrayList<>();
    for (ServiceIntent service : covered) {
      Demand demand = Demand.of(service.spec());
      Optional<Diagnostic> refusal = refusal(quota, service.ref(), demand, used);
      if (refusal.isPresent()) {
        refused.put(service.ref(), refusal.get());
      } else {
        admitted.add(service.ref());
        demand.total().forEach((r, v) -> used.merge(r, v, BigDecimal::add));
      }
    }
    return new Usage(quota, List.copyOf(admitted), used, refused);
  }

  private static Optional<Diagnostic> refusal(Quota quota, ServiceRef ref, Demand demand,
      Map<QuotaResource, BigDecimal> used) {
    for (QuotaResource r : QuotaResource.values()) {
      BigDecimal asks = demand.total().getOrDefault(r, BigDecimal.ZERO);
      BigDecimal cap = quota.perWorkload().get(r);
      if (cap != null && asks.compareTo(cap) > 0) {
        return Optional.of(QuotaMessages.overCap(quota, ref, r, demand, cap));
      }
    }
    for (QuotaResource r : QuotaResource.values()) {
      BigDecimal asks = demand.total().getOrDefault(r, BigDecimal.ZERO);
      BigDecimal limit = quota.limits().get(r);
      if (limit == null || asks.signum() == 0) {
        continue;
      }
      BigDecimal left = limit.subtract(used.getOrDefault(r, BigDecimal.ZERO)).max(BigDecimal.ZERO);
      if (asks.compareTo(left) > 0) {
        return Optional.of(QuotaMessages.overLimit(quota, ref, r, demand, left, limit));
      }
    }
    return Optional.empty();
  }

  private static List<Quota> sorted(List<Quota> quotas) {
    return quotas.stream().sorted(java.util.Comparator.comparing(Quota::name)).toList();
  }
}
