package dev.lattice.bench.jmh;

import dev.lattice.bench.Fixture;
import dev.lattice.bench.Tally;
import dev.lattice.policy.AccessRequest;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.DecisionCache;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A CedarPolicy edited in a derived fleet: reload the {@link PolicyLibrary} with one statement changed, then
 * re-authorize every access request of the fleet through a {@link CedarAuthorizer} that shares the fleet's warm
 * {@link DecisionCache}. Every invocation makes a change no earlier invocation made (the edit carries a counter), so
 * the cache has never seen it. The tally reports native evaluations, hits and misses per change.
 *
 * <ul>
 *   <li>{@code permitChange}: one service's secret permit gains a condition that is always true (its slice
 *       changes; only that service's request can change).
 *   <li>{@code guardRailChange}: the platform-wide image forbid (principal unconstrained) changes its tag; it is in
 *       the slice of every image request, so each of them can change.
 *   <li>{@code reloadOnly}: the library reload alone (native parse of every statement), to separate it out.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyChangeBench {
  private static final AtomicLong EDITS = new AtomicLong();
  private static final String GUARD_TAG = "resource.tag == \"latest\"";

  @Param("1000")
  public int services;

  private Fixture fixture;
  private List<PolicyDocument> documents;
  private int secretsIndex = -1;
  private int guardIndex = -1;
  private String[] permitLines;

  @Setup
  public void setup() {
    fixture = Fixture.of(services);
    documents = fixture.read.policies();
    for (int i = 0; i < documents.size(); i++) {
      if (documents.get(i).name().equals("fleet-secrets")) {
        secretsIndex = i;
      } else if (documents.get(i).policies().contains(GUARD_TAG)) {
        guardIndex = i;
      }
    }
    if (secretsIndex < 0 || guardIndex < 0) {
      throw new IllegalStateException("the generated fleet no longer has the fleet-secrets and guard-rails policies");
    }
    permitLines = documents.get(secretsIndex).policies().split("\n");
  }

  private static PolicyDocument withText(PolicyDocument d, String text) {
    return new PolicyDocument(d.name(), d.namespace(), text, d.enabled(), d.priority(), d.description(), d.source());
  }

  private Object reauthorize(List<PolicyDocument> changed) {
    PolicyLibrary library = PolicyLibrary.load(changed);
    DecisionCache cache = fixture.warmCache;
    long evaluations = cache.evaluations();
    long hits = cache.hits();
    long misses = cache.misses();
    CedarAuthorizer authorizer = new CedarAuthorizer(library, cache);
    int denied = 0;
    for (AccessRequest request : fixture.requests) {
      if (!authorizer.authorize(request).allowed()) {
        denied++;
      }
    }
    Tally.add("ops", 1);
    Tally.add("decisions", fixture.requests.size());
    Tally.add("evaluations", cache.evaluations() - evaluations);
    Tally.add("hits", cache.hits() - hits);
    Tally.add("misses", cache.misses() - misses);
    Tally.add("denied", denied);
    return library;
  }

  @Benchmark
  public Object permitChange() {
    long edit = EDITS.incrementAndGet();
    String[] lines = permitLines.clone();
    int k = (int) (edit % lines.length);
    String line = lines[k].strip();
    if (line.endsWith(";")) {
      lines[k] = line.substring(0, line.length() - 1) + " when { \"e" + edit + "\" == \"e" + edit + "\" };";
    }
    List<PolicyDocument> changed = new ArrayList<>(documents);
    changed.set(secretsIndex, withText(documents.get(secretsIndex), String.join("\n", lines) + "\n"));
    return reauthorize(changed);
  }

  @Benchmark
  public Object guardRailChange() {
    long edit = EDITS.incrementAndGet();
    PolicyDocument guard = documents.get(guardIndex);
    List<PolicyDocument> changed = new ArrayList<>(documents);
    changed.set(guardIndex, withText(guard,
        guard.policies().replace(GUARD_TAG, "resource.tag == \"latest-" + edit + "\"")));
    return reauthorize(changed);
  }

  @Benchmark
  public Object reloadOnly() {
    Tally.add("ops", 1);
    return PolicyLibrary.load(documents);
  }
}
