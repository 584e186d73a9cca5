package dev.lattice.engine.quota;

import dev.lattice.api.v1.LatticeQuota;
import dev.lattice.api.v1.LatticeQuotaSpec;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** LatticeQuota objects (read from files or the cluster) as derivation reads them. */
public final class Quotas {
  private Quotas() {}

  /** Where the platform keeps its quotas: a LatticeQuota anywhere else is refused (CLI and admission alike). */
  public static final String NAMESPACE = "lattice-system";

  /** Why a LatticeQuota outside {@link #NAMESPACE} is refused, and the fix. */
  public static String outsidePlatform(String name, String namespace) {
    return "the LatticeQuota " + name + " is in namespace " + namespace + "; quotas are the platform's and are read"
        + " only from " + NAMESPACE + ". Fix: set metadata.namespace: " + NAMESPACE + ".";
  }

  /** The quota, or empty when its selector names nothing (the CRD admits exactly one of its three fields). */
  public static Optional<Quota> of(LatticeQuota object) {
    LatticeQuotaSpec spec = object.getSpec();
    if (spec == null || spec.selector == null) {
      return Optional.empty();
    }
    Quota.Selector selector = spec.selector.team != null ? new Quota.Selector(Quota.Scope.TEAM, spec.selector.team)
        : spec.selector.namespace != null ? new Quota.Selector(Quota.Scope.NAMESPACE, spec.selector.namespace)
        : spec.selector.service != null ? new Quota.Selector(Quota.Scope.SERVICE, spec.selector.service)
        : null;
    if (selector == null) {
      return Optional.empty();
    }
    String owner = spec.owner == null || spec.owner.isBlank() ? "the platform team" : spec.owner;
    return Optional.of(new Quota(object.getMetadata().getName(), owner, selector, limits(spec.limits),
        limits(spec.perWorkload)));
  }

  private static Map<QuotaResource, BigDecimal> limits(LatticeQuotaSpec.Limits limits) {
    Map<QuotaResource, BigDecimal> out = new EnumMap<>(QuotaResource.class);
    if (limits == null) {
      return out;
    }
    if (limits.cpu != null) {
      out.put(QuotaResource.CPU, Demand.parse(limits.cpu));
    }
    if (limits.memory != null) {
      out.put(QuotaResource.MEMORY, Demand.parse(limits.memory));
    }
    if (limits.gpu != null) {
      out.put(QuotaResource.GPU, BigDecimal.valueOf(limits.gpu));
    }
    if (limits.replicas != null) {
      out.put(QuotaResource.REPLICAS, BigDecimal.valueOf(limits.replicas));
    }
    return out;
  }
}
