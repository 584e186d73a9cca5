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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Authorization alone: every access request the fleet's specs ask for, through {@link CedarAuthorizer}.
 *
 * <ul>
 *   <li>{@code warm}: all requests of the fleet against the fleet's warm {@link DecisionCache}.
 *   <li>{@code coldSample}: a fresh cache per invocation and an evenly spread sample of the requests
 *       ({@code -Dlattice.bench.coldSample}, default 2,000, or all when the fleet has fewer), so the per-decision
 *       cold cost is measured in bounded time at every N.
 *   <li>{@code coldNativeSample}: the same sample against the fleet's policies with every statement given a
 *       condition that is always true ({@code when { "n" == "n" }}), so no decision can be made without Cedar's
 *       native engine: the cold cost of a decision that does need the native call.
 * </ul>
 * The tally counts decisions, native evaluations, cache hits and misses per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuthorizeBench {
  @Param("1000")
  public int services;

  private Fixture fixture;
  private CedarAuthorizer warm;
  private List<AccessRequest> sample;
  private PolicyLibrary conditional;

  @Setup
  public void setup() {
    fixture = Fixture.of(services);
    warm = new CedarAuthorizer(fixture.library, fixture.warmCache);
    int size = Integer.getInteger("lattice.bench.coldSample", 2000);
    List<AccessRequest> all = fixture.requests;
    if (all.size() <= size) {
      sample = all;
    } else {
      sample = new ArrayList<>(size);
      double step = (double) all.size() / size;
      for (int i = 0; i < size; i++) {
        sample.add(all.get((int) (i * step)));
      }
    }
    List<PolicyDocument> documents = new ArrayList<>();
    for (PolicyDocument d : fixture.read.policies()) {
      String text = d.policies().replaceAll("\\);(\\s*(\\n|$))", ") when { \"n\" == \"n\" };$1");
      documents.add(new PolicyDocument(d.name(), d.namespace(), text, d.enabled(), d.priority(), d.description(),
          d.source()));
    }
    conditional = PolicyLibrary.load(documents);
  }

  private int run(CedarAuthorizer authorizer, List<AccessRequest> requests) {
    DecisionCache cache = authorizer.cache();
    long evaluations = cache.evaluations();
    long hits = cache.hits();
    long misses = cache.misses();
    int allowed = 0;
    for (AccessRequest request : requests) {
      if (authorizer.authorize(request).allowed()) {
        allowed++;
      }
    }
    Tally.add("ops", 1);
    Tally.add("decisions", requests.size());
    Tally.add("evaluations", cache.evaluations() - evaluations);
    Tally.add("hits", cache.hits() - hits);
    Tally.add("misses", cache.misses() - misses);
    return allowed;
  }

  @Benchmark
  public int warm() {
    return run(warm, fixture.requests);
  }

  @Benchmark
  public int coldSample() {
    return run(new CedarAuthorizer(fixture.library, new DecisionCache()), sample);
  }

  @Benchmark
  public int coldNativeSample() {
    return run(new CedarAuthorizer(conditional, new DecisionCache()), sample);
  }
}
