package dev.lattice.engine.quota;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import java.math.BigDecimal;

/** The words of a {@code QuotaExceeded}: the quota, the resource, what the service asks, what is left, the owner. */
final class QuotaMessages {
  private QuotaMessages() {}

  static Diagnostic overLimit(Quota quota, ServiceRef ref, QuotaResource r, Demand demand, BigDecimal left,
      BigDecimal limit) {
    return new Diagnostic(Reason.QuotaExceeded, field(r),
        "service " + ref + " asks for " + asks(r, demand) + ", but LatticeQuota " + quota.name() + " ("
            + quota.selector() + ") has " + r.format(left) + " " + r.wire() + " left of " + r.format(limit)
            + " (services before it in namespace/name order use the rest).",
        fix(r) + ", or ask the quota's owner " + quota.owner() + " to raise spec.limits." + r.wire()
            + " of LatticeQuota " + quota.name() + ".");
  }

  static Diagnostic overCap(Quota quota, ServiceRef ref, QuotaResource r, Demand demand, BigDecimal cap) {
    return new Diagnostic(Reason.QuotaExceeded, field(r),
        "service " + ref + " asks for " + asks(r, demand) + ", but LatticeQuota " + quota.name() + " ("
            + quota.selector() + ") allows one workload at most " + r.format(cap) + " " + r.wire() + ".",
        fix(r) + ", or ask the quota's owner " + quota.owner() + " to raise spec.perWorkload." + r.wire()
            + " of LatticeQuota " + quota.name() + ".");
  }

  /** {@code 3 cpu (1 per replica x 3 replicas)}; replicas are simply counted. */
  private static String asks(QuotaResource r, Demand demand) {
    String total = r.format(demand.total().get(r)) + " " + r.wire();
    if (r == QuotaResource.REPLICAS) {
      return total;
    }
    return total + " (" + r.format(demand.perPod().get(r)) + " per replica x " + demand.replicas() + " "
        + (demand.replicas() == 1 ? "replica" : "replicas") + ")";
  }

  private static String field(QuotaResource r) {
    return switch (r) {
      case CPU, MEMORY -> "spec.workload.containers";
      case GPU -> "spec.workload.resources";
      case REPLICAS -> "spec.replicas";
    };
  }

  private static String fix(QuotaResource r) {
    return switch (r) {
      case CPU, MEMORY -> "lower the " + r.wire() + " requests (resources.requests." + r.wire()
          + ") or the replicas (spec.replicas, or spec.autoscaling.max)";
      case GPU -> "ask for fewer GPUs (params.count) or fewer replicas (spec.replicas, or spec.autoscaling.max)";
      case REPLICAS -> "lower spec.replicas (or spec.autoscaling.max, which counts for autoscaled services)";
    };
  }
}
