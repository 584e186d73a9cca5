package dev.lattice.engine;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The platform's rate table for cost estimates (issue 17), from the ConfigMap keys prefixed {@code cost.}:
 * {@code cost.currency} (e.g. EUR), {@code cost.cpuCoreHour}, {@code cost.memoryGiBHour}, {@code cost.gpuHour} (any
 * model) and {@code cost.gpuHour.<model>} (a {@code nvidia.com/gpu.product} value). Without any price there is no
 * table and no estimate. A price that is not a plain non-negative decimal is ignored.
 *
 * @param gpuHourByModel per-model prices, which win over {@code gpuHour} for a service naming that model
 */
public record CostSettings(String currency, Optional<BigDecimal> cpuCoreHour, Optional<BigDecimal> memoryGiBHour,
    Optional<BigDecimal> gpuHour, SortedMap<String, BigDecimal> gpuHourByModel) {
  public CostSettings {
    Objects.requireNonNull(currency, "currency");
    gpuHourByModel = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(gpuHourByModel));
  }

  public static CostSettings defaults() {
    return new CostSettings("", Optional.empty(), Optional.empty(), Optional.empty(), new TreeMap<>());
  }

  /** True when at least one price is set: only then is anything estimated. */
  public boolean hasTable() {
    return cpuCoreHour.isPresent() || memoryGiBHour.isPresent() || gpuHour.isPresent() || !gpuHourByModel.isEmpty();
  }

  /** These settings with the ConfigMap keys prefixed {@code cost.}; other keys keep their value. */
  CostSettings withOverrides(Map<String, String> data) {
    SortedMap<String, BigDecimal> models = new TreeMap<>(gpuHourByModel);
    data.forEach((key, value) -> {
      if (key.startsWith("cost.gpuHour.") && key.length() > "cost.gpuHour.".length()) {
        price(value).ifPresent(p -> models.put(key.substring("cost.gpuHour.".length()), p));
      }
    });
    return new CostSettings(data.getOrDefault("cost.currency", currency).strip(),
        price(data.get("cost.cpuCoreHour")).or(() -> cpuCoreHour),
        price(data.get("cost.memoryGiBHour")).or(() -> memoryGiBHour),
        price(data.get("cost.gpuHour")).or(() -> gpuHour), models);
  }

  private static Optional<BigDecimal> price(String text) {
    if (text == null || !text.strip().matches("\\d{1,9}(\\.\\d{1,9})?")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text.strip()));
  }
}
