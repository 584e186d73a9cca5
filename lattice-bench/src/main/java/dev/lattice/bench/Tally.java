package dev.lattice.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the benchmarks bump on every invocation (operations, Cedar evaluations, cache hits, bytes written). The
 * suite runs JMH in this JVM (forks 0), resets the tally before a benchmark and reads it after, and divides by
 * {@code ops}: every invocation of a benchmark does the same work, so warm-up invocations do not skew the ratios.
 */
public final class Tally {
  private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

  private Tally() {}

  public static void add(String key, long value) {
    COUNTS.computeIfAbsent(key, k -> new LongAdder()).add(value);
  }

  public static void reset() {
    COUNTS.clear();
  }

  public static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    COUNTS.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
