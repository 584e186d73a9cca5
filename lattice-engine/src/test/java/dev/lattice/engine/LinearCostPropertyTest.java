package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.Specs;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cost bounded in the size of the input (issue 18): deriving a spec (or a fleet) k times larger allocates at most
 * about k times more, in each dimension that grows — variables with templates, containers, routes, dependencies
 * (bilateral consent), invalid names (error reporting) and fleet size (graph building). Counted in bytes the
 * deriving thread allocates ({@code com.sun.management.ThreadMXBean}), never timed. The fixed cost of a service (the
 * same spec with the dimension at its smallest) is subtracted first and the rest divided by the units added, so a
 * quadratic term cannot hide behind the fixed cost: each unit of the larger spec may cost at most 1.5 times a unit of
 * the smaller. Input parsing is outside the count (the CLI's side: {@code CostBoundsTest}).
 */
class LinearCostPropertyTest {
  /** How much more a unit may cost in the larger spec: allocation varies a little (JIT, collection sizes). */
  private static final double SLACK = 1.5;
  private static final int WARM_UP = 10;
  private static final AtomicLong PAIRS = new AtomicLong();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());

  /** A dimension: the fleet at size n (the measured service first); {@code max}, the largest k·n, within the limits. */
  enum Dimension {
    VARIABLES(10, 1000, n -> List.of(service("api", "spec: {workload: {containers: {main: {variables: {"
        + join(n, i -> "V" + i + ": \"x-${metadata.name}-${resources.orders.url}-" + i + "\"") + "}}}, "
        + "resources: {orders: {type: service, direction: outbound}}}}"), callee("orders", "api"))),
    CONTAINERS(1, 31, n -> List.of(service("api", "spec: {workload: {containers: {" + join(n, i -> "c" + i
        + ": {image: \"ghcr.io/acme/c:1.0.0@sha256:" + "a".repeat(64) + "\", command: [/c], variables: {A: b}, "
        + "resources: {limits: {cpu: 100m, memory: 64Mi}}}") + "}}}"))),
    ROUTES(1, 64, n -> List.of(service("api", "spec: {ingress: {routes: {" + join(n, i -> "r" + i + ": {hosts: [r"
        + i + ".example.com], rules: [{matches: [{path: {type: PathPrefix, value: /r" + i + "}}]}]}") + "}}}"))),
    DEPENDENCIES(5, 256, n -> {
      List<String> fleet = new ArrayList<>();
      fleet.add(service("api", "spec: {workload: {resources: {" + join(n, i -> "dep" + i + ": {type: service, "
          + "direction: outbound}") + "}}}"));
      IntStream.range(0, n).forEach(i -> fleet.add(callee("dep" + i, "api")));
      return fleet;
    }),
    INVALID_NAMES(10, 1000, n -> List.of(service("api", "spec: {workload: {containers: {main: {variables: {"
        + join(n, i -> "\"bad name " + i + "\": x") + "}}}}}"))),
    /** Every service of a chain (each calls the next) derived in one fleet: the graph's cost per service. */
    FLEET(2, 160, n -> IntStream.range(0, n).mapToObj(i -> service("s" + i, "spec: {workload: {resources: {"
        + (i + 1 < n ? "s" + (i + 1) + ": {type: service, direction: outbound}" : "")
        + (i > 0 ? (i + 1 < n ? ", " : "") + "s" + (i - 1) + ": {type: service, direction: inbound}" : "")
        + "}}}")).toList());

    final int min;
    final int max;
    final IntFunction<List<String>> fleet;

    Dimension(int min, int max, IntFunction<List<String>> fleet) {
      this.min = min;
      this.max = max;
      this.fleet = fleet;
    }
  }

  @AfterAll
  static void record() {
    ReliabilityFigures.record("LinearCostPropertyTest", Map.of("dimensions", (long) Dimension.values().length,
        "pairsCompared", PAIRS.get()));
  }

  @ParameterizedTest(name = "{0}: a spec k times larger allocates at most ~k times more")
  @EnumSource(Dimension.class)
  void costGrowsLinearly(Dimension d) {
    // Warm up first: code the JIT has not compiled yet allocates more (no escape analysis), which would inflate the
    // fixed cost measured first.
    for (int i = 0; i < WARM_UP; i++) {
      cost(d, d.max / 2, d == Dimension.FLEET);
    }
    long base = cost(d, d.min, d == Dimension.FLEET);
    qt().withExamples(Integer.getInteger("QT_EXAMPLES", 6))
        // n from an eighth of the largest size: with a few units only, collection capacities make steps.
        .forAll(integers().between(Math.max(d.min + 2, d.max / 8), d.max / 4), integers().between(2, 4))
        .checkAssert((n, k) -> {
          PAIRS.incrementAndGet();
          // Bytes per unit above the smallest spec: at k·n no more than at n (a quadratic term grows it with n).
          double small = (double) (cost(d, n, d == Dimension.FLEET) - base) / (n - d.min);
          double large = (double) (cost(d, n * k, d == Dimension.FLEET) - base) / (n * k - d.min);
          assertThat(large).as("%s: bytes per unit above the fixed %d bytes, at n=%d: %.0f, at %d×n: %.0f", d, base,
              n, small, k, large).isLessThanOrEqualTo(SLACK * Math.max(small, 1));
        });
  }

  /** The least bytes of three runs deriving the measured service (or, for the fleet, every service). */
  private static long cost(Dimension d, int n, boolean all) {
    List<ServiceInput> inputs = d.fleet.apply(n).stream().map(LinearCostPropertyTest::input).toList();
    Fleet fleet = Fleet.of(inputs);
    List<ServiceInput> measured = all ? inputs : List.of(inputs.get(0));
    assertThat(ENGINE.derive(measured.get(0), fleet)).as("%s at %d derives", d, n)
        .isInstanceOf(d == Dimension.INVALID_NAMES ? Derivation.Rejected.class : Derivation.Derived.class);
    long least = Long.MAX_VALUE;
    for (int run = 0; run < 3; run++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      if (all) {
        Fleet.of(inputs); // building the graph is part of the fleet's cost
      }
      for (ServiceInput s : measured) {
        ENGINE.derive(s, fleet);
      }
      least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    return least;
  }

  private static ServiceInput input(String yaml) {
    MappedIntent mapped = Specs.mapped(yaml);
    return new ServiceInput(mapped.intent(), mapped.diagnostics());
  }

  private static String service(String name, String patch) {
    return Specs.minimalWith("metadata: {name: " + name + "}\n" + patch);
  }

  /** A service that admits {@code caller}'s calls. */
  private static String callee(String name, String caller) {
    return service(name, "spec: {workload: {resources: {" + caller + ": {type: service, direction: inbound}}}}");
  }

  private static String join(int n, IntFunction<String> entry) {
    return IntStream.range(0, n).mapToObj(entry).collect(Collectors.joining(", "));
  }
}
