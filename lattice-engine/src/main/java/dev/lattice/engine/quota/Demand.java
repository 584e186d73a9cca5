package dev.lattice.engine.quota;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one service asks of a quota: its pod's requests (containers and sidecars) times its replicas, autoscaled
 * services at their maximum, since that is what they may come to hold. Malformed quantities count as nothing here:
 * the spec rules already fail them at their field.
 *
 * @param perPod what one replica asks for ({@code replicas} is one)
 */
public record Demand(int replicas, Map<QuotaResource, BigDecimal> perPod, Map<QuotaResource, BigDecimal> total) {
  public static Demand of(ServiceSpec spec) {
    int replicas = spec.autoscaling().map(ServiceSpec.Autoscaling::max).orElse(spec.replicas());
    Map<QuotaResource, BigDecimal> pod = new EnumMap<>(QuotaResource.class);
    pod.put(QuotaResource.CPU, BigDecimal.ZERO);
    pod.put(QuotaResource.MEMORY, BigDecimal.ZERO);
    pod.put(QuotaResource.GPU, BigDecimal.ZERO);
    BigDecimal initCpu = BigDecimal.ZERO;
    BigDecimal initMemory = BigDecimal.ZERO;
    for (Map<String, Container> containers : java.util.List.of(spec.containers(), spec.sidecars())) {
      for (Container c : containers.values()) {
        // Kubernetes requests what the limit says when no request is written.
        BigDecimal cpu = amount(c.resources().requestCpu().or(() -> c.resources().limitCpu()));
        BigDecimal memory = amount(c.resources().requestMemory().or(() -> c.resources().limitMemory()));
        if (c.init()) {
          // Init containers run one at a time before the others: the pod holds the larger of the two.
          initCpu = initCpu.max(cpu);
          initMemory = initMemory.max(memory);
        } else {
          pod.merge(QuotaResource.CPU, cpu, BigDecimal::add);
          pod.merge(QuotaResource.MEMORY, memory, BigDecimal::add);
        }
      }
    }
    pod.merge(QuotaResource.CPU, initCpu, BigDecimal::max);
    pod.merge(QuotaResource.MEMORY, initMemory, BigDecimal::max);
    for (Resource r : spec.resources().values()) {
      if (r.type() == Resource.Type.GPU) {
        pod.merge(QuotaResource.GPU, gpus(r.params().get("count")), BigDecimal::add);
      }
    }
    Map<QuotaResource, BigDecimal> total = new EnumMap<>(QuotaResource.class);
    BigDecimal times = BigDecimal.valueOf(replicas);
    pod.forEach((k, v) -> total.put(k, v.multiply(times)));
    total.put(QuotaResource.REPLICAS, times);
    pod.put(QuotaResource.REPLICAS, BigDecimal.ONE);
    return new Demand(replicas, Map.copyOf(pod), Map.copyOf(total));
  }

  private static BigDecimal amount(Optional<String> quantity) {
    return quantity.map(Demand::parse).orElse(BigDecimal.ZERO);
  }

  static BigDecimal parse(String quantity) {
    try {
      return Quantity.getAmountInBytes(new Quantity(quantity));
    } catch (RuntimeException e) {
      return BigDecimal.ZERO;
    }
  }

  /** A GPU resource's {@code params.count}, one when not given. */
  private static BigDecimal gpus(Object count) {
    if (count == null) {
      return BigDecimal.ONE;
    }
    try {
      return new BigDecimal(count.toString().trim());
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }
}
