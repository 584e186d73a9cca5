package dev.lattice.policy;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decisions by (slice, request). The key is the digest of exactly the statements in the request's slice, not of the
 * whole policy set, so changing one policy only misses for the requests whose slice contains it. Shared across
 * policy reloads and threads.
 */
public final class DecisionCache {
  record Entry(Decision.Outcome outcome, List<Statement> deciding, String error) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong evaluations = new AtomicLong();

  Entry get(String key) {
    Entry entry = entries.get(key);
    (entry == null ? misses : hits).incrementAndGet();
    return entry;
  }

  void put(String key, Entry entry) {
    entries.put(key, entry);
  }

  void countEvaluation() {
    evaluations.incrementAndGet();
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }

  /** Calls into Cedar's native engine; at most one per distinct (slice, request). */
  public long evaluations() {
    return evaluations.get();
  }

  public int size() {
    return entries.size();
  }
}
