package dev.lattice.engine.params;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceSpec;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code type: gpu} resources ask of each pod, together: the counts add up, memory and compute are
 * the largest asked (both are per GPU), and the model is the first one named, by resource name. Values that do not
 * validate are left out (validation rejects the service before anything is rendered).
 *
 * @param count GPUs per pod
 * @param memoryMib GPU memory per GPU in MiB (Volcano vGPU only)
 * @param compute percentage of one GPU's cores (Volcano vGPU only)
 * @param model the {@code nvidia.com/gpu.product} node label value asked for
 */
public record GpuParams(long count, Optional<Long> memoryMib, Optional<Long> compute, Optional<String> model) {
  private static final Pattern MEMORY = Pattern.compile("(\\d+)(Gi|Mi)?");

  /** Empty when the service asks for no GPU. */
  public static Optional<GpuParams> of(ServiceSpec spec) {
    long count = 0;
    Optional<Long> memory = Optional.empty();
    Optional<Long> compute = Optional.empty();
    Optional<String> model = Optional.empty();
    for (Resource r : spec.resources().values()) {
      Optional<GpuParams> one = of(r);
      if (one.isEmpty()) {
        continue;
      }
      count += one.get().count();
      memory = max(memory, one.get().memoryMib());
      compute = max(compute, one.get().compute());
      model = model.or(one.get()::model);
    }
    return count == 0 ? Optional.empty() : Optional.of(new GpuParams(count, memory, compute, model));
  }

  /** One gpu resource's ask; empty for other types and for a count that is not a whole number of at least 1. */
  public static Optional<GpuParams> of(Resource r) {
    if (r.type() != Resource.Type.GPU) {
      return Optional.empty();
    }
    return whole(r.params().get("count")).filter(v -> v > 0).map(count -> new GpuParams(count,
        Optional.ofNullable(r.params().get("memory")).flatMap(m -> mib(String.valueOf(m))),
        whole(r.params().get("compute")).filter(v -> v > 0 && v <= 100),
        Optional.ofNullable(r.params().get("model")).map(String::valueOf).filter(m -> !m.isBlank())));
  }

  /** {@code 20Gi} is 20480, {@code 512Mi} and {@code 512} are 512; empty for anything else. */
  public static Optional<Long> mib(String text) {
    Matcher m = MEMORY.matcher(text.trim());
    if (!m.matches() || m.group(1).length() > 12) {
      return Optional.empty();
    }
    long value = Long.parseLong(m.group(1));
    return Optional.of("Gi".equals(m.group(2)) ? value * 1024 : value);
  }

  private static Optional<Long> max(Optional<Long> a, Optional<Long> b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(Math.max(a.get(), b.get()));
  }

  private static Optional<Long> whole(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Optional.of(((Number) value).longValue());
    }
    return value instanceof BigInteger big && big.bitLength() < 63 ? Optional.of(big.longValue()) : Optional.empty();
  }
}
