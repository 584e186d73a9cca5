package dev.lattice.engine.quota;

import java.math.BigDecimal;
import java.math.BigInteger;

/** What a LatticeQuota limits, with how amounts of it are written back in messages. */
public enum QuotaResource {
  CPU("cpu"),
  MEMORY("memory"),
  GPU("gpu"),
  REPLICAS("replicas");

  private static final BigInteger KI = BigInteger.valueOf(1024);
  private final String wire;

  QuotaResource(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** An amount as a user writes it: cpu in cores or millicores, memory in the largest exact binary unit. */
  public String format(BigDecimal amount) {
    BigDecimal a = amount.stripTrailingZeros();
    return switch (this) {
      case CPU -> a.scale() <= 0 ? a.toBigInteger().toString()
          : a.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).toPlainString() + "m";
      case MEMORY -> memory(a.setScale(0, java.math.RoundingMode.CEILING).toBigInteger());
      case GPU, REPLICAS -> a.toPlainString();
    };
  }

  private static String memory(BigInteger bytes) {
    String[] units = {"", "Ki", "Mi", "Gi", "Ti"};
    int unit = 0;
    BigInteger value = bytes;
    while (unit < units.length - 1 && value.signum() != 0 && value.mod(KI).signum() == 0) {
      value = value.divide(KI);
      unit++;
    }
    return value + units[unit];
  }
}
