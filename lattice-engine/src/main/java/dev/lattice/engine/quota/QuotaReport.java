package dev.lattice.engine.quota;

import dev.lattice.api.model.ServiceRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a LatticeQuota's status says, from one pass of {@link QuotaCheck#usage}: the same rule that fails a service
 * with {@code QuotaExceeded}, so the quota's numbers and the services' statuses always agree. Quantities are written
 * as {@link QuotaResource#format} writes them in the messages.
 *
 * @param phase {@code Ready} when every covered service fits, {@code Exceeded} when one is refused
 * @param used what the admitted services ask for, per resource in {@link QuotaResource} order
 * @param remaining what is left of each limited resource
 * @param usage one line for the printer column: {@code cpu 1500m/2, replicas 3/10} (limited resources only)
 */
public record QuotaReport(String phase, String message, String usage, Map<String, String> used,
    Map<String, String> remaining, List<String> services, List<String> refused) {
  public QuotaReport {
    used = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(used));
    remaining = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(remaining));
    services = List.copyOf(services);
    refused = List.copyOf(refused);
  }

  public static QuotaReport of(QuotaCheck.Usage usage) {
    Quota quota = usage.quota();
    Map<String, String> used = new LinkedHashMap<>();
    Map<String, String> remaining = new LinkedHashMap<>();
    List<String> line = new ArrayList<>();
    var left = usage.remaining();
    for (QuotaResource r : QuotaResource.values()) {
      BigDecimal amount = usage.used().getOrDefault(r, BigDecimal.ZERO);
      used.put(r.wire(), r.format(amount));
      BigDecimal limit = quota.limits().get(r);
      if (limit != null) {
        remaining.put(r.wire(), r.format(left.get(r).max(BigDecimal.ZERO)));
        line.add(r.wire() + " " + r.format(amount) + "/" + r.format(limit));
      }
    }
    List<String> services = usage.admitted().stream().map(ServiceRef::toString).toList();
    List<String> refused = usage.refused().keySet().stream().map(ServiceRef::toString).toList();
    String counted = services.size() + (services.size() == 1 ? " service" : " services") + " counted";
    String message = refused.isEmpty()
        ? counted + " (" + quota.selector() + "); every covered service fits."
        : counted + ", " + refused.size() + " refused with QuotaExceeded (" + quota.selector() + "): "
            + String.join(", ", refused) + ". Their statuses say what each asks and what is left; the owner "
            + quota.owner() + " can raise the limits.";
    return new QuotaReport(refused.isEmpty() ? "Ready" : "Exceeded", message,
        line.isEmpty() ? "no limits" : line.stream().collect(Collectors.joining(", ")), used, remaining, services,
        refused);
  }
}
