package dev.lattice.engine.validate;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU and memory quantities in the forms the platform accepts, and their magnitudes for comparisons. */
public final class Quantities {
  private static final Pattern CPU = Pattern.compile("(\\d+(\\.\\d+)?)(m?)");
  private static final Pattern MEMORY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");
  private static final Map<String, BigDecimal> MEMORY_UNITS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("k", BigDecimal.TEN.pow(3)),
          Map.entry("M", BigDecimal.TEN.pow(6)),
          Map.entry("G", BigDecimal.TEN.pow(9)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("E", BigDecimal.TEN.pow(18)),
          Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
          Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
          Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
          Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
          Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
          Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  private Quantities() {}

  /** Cores, for {@code 100m}, {@code 0.5} or {@code 2}; empty when the text is not a CPU quantity. */
  public static Optional<BigDecimal> cpu(String text) {
    Matcher m = CPU.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(m.group(1));
    if (!m.group(3).isEmpty()) {
      if (m.group(2) != null) {
        return Optional.empty(); // "0.5m" is finer than Kubernetes allows
      }
      value = value.movePointLeft(3);
    }
    return Optional.of(value);
  }

  /** Bytes, for an integer with an optional decimal (k, M, G…) or binary (Ki, Mi, Gi…) suffix. */
  public static Optional<BigDecimal> memory(String text) {
    Matcher m = MEMORY.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.empty();
    }
    String unit = m.group(2) == null ? "" : m.group(2);
    return Optional.of(new BigDecimal(m.group(1)).multiply(MEMORY_UNITS.get(unit)));
  }
}
