package dev.lattice.engine.cost;

import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.CostSettings;
import dev.lattice.engine.params.GpuParams;
import dev.lattice.engine.quota.Demand;
import dev.lattice.engine.quota.QuotaResource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A service's estimated cost per month from the platform's rate table, on the demand quotas count (requests, or
 * limits when no request is written, times replicas; autoscaled services at {@code autoscaling.max}, the most they
 * may cost). A month is {@value #HOURS_PER_MONTH} hours; the sum is rounded once, half up, to cents, so the figure is
 * exact and the same on every run. A resource without a price adds nothing.
 *
 * @param monthlyCents the estimate in hundredths of the currency
 */
public record CostEstimate(long monthlyCents, String currency) {
  public static final int HOURS_PER_MONTH = 730;
  private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

  /** The estimate, or empty when the platform has no rate table. */
  public static Optional<CostEstimate> of(ServiceSpec spec, CostSettings rates) {
    if (!rates.hasTable()) {
      return Optional.empty();
    }
    Demand demand = Demand.of(spec);
    BigDecimal hourly = BigDecimal.ZERO;
    BigDecimal cpu = demand.total().getOrDefault(QuotaResource.CPU, BigDecimal.ZERO);
    BigDecimal memoryGib = demand.total().getOrDefault(QuotaResource.MEMORY, BigDecimal.ZERO)
        .divide(GIB, 12, RoundingMode.HALF_UP);
    BigDecimal gpus = demand.total().getOrDefault(QuotaResource.GPU, BigDecimal.ZERO);
    hourly = hourly.add(rates.cpuCoreHour().map(cpu::multiply).orElse(BigDecimal.ZERO));
    hourly = hourly.add(rates.memoryGiBHour().map(memoryGib::multiply).orElse(BigDecimal.ZERO));
    if (gpus.signum() > 0) {
      Optional<String> model = GpuParams.of(spec).flatMap(GpuParams::model);
      Optional<BigDecimal> price = model.map(rates.gpuHourByModel()::get).or(rates::gpuHour);
      hourly = hourly.add(price.map(gpus::multiply).orElse(BigDecimal.ZERO));
    }
    long cents = hourly.multiply(BigDecimal.valueOf(HOURS_PER_MONTH)).movePointRight(2)
        .setScale(0, RoundingMode.HALF_UP).longValueExact();
    return Optional.of(new CostEstimate(cents, rates.currency()));
  }

  /** {@code 1234.50 EUR/month} (the currency left out when the table names none). */
  public String text() {
    return format(monthlyCents, currency) + "/month";
  }

  /** An amount in cents as {@code 1234.50 EUR}. */
  public static String format(long cents, String currency) {
    String amount = BigDecimal.valueOf(cents).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    return currency.isEmpty() ? amount : amount + " " + currency;
  }
}
