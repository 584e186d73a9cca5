package dev.lattice.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.bench.Fixture;
import dev.lattice.bench.Tally;
import dev.lattice.cli.generate.FleetGenerator;
import dev.lattice.engine.Engine;
import dev.lattice.engine.ServiceInput;
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
 * One service changed in the derived fleet: {@link Engine#apply} returns the new fleet and the new derivation of
 * every affected service (the service and its graph neighbours). The base fleet is never replaced, so every
 * invocation is "one change to the derived N-service fleet". Changed inputs are prepared in setup, one per service
 * of a pool spread over the fleet, so invocations cycle through different services.
 *
 * <ul>
 *   <li>{@code envChange}: a new environment variable on the main container (a new ConfigMap and config hash; the
 *       graph and Cedar requests are unchanged).
 *   <li>{@code dependencyChange}: the service adds an outbound dependency on another service (a graph change: the
 *       callee becomes a neighbour, one-sided until it agrees).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IncrementalBench {
  private static final int POOL = 64;

  @Param("1000")
  public int services;

  private Fixture fixture;
  private final List<ServiceInput> envChanges = new ArrayList<>();
  private final List<ServiceInput> dependencyChanges = new ArrayList<>();
  private int next;

  @Setup
  public void setup() {
    fixture = Fixture.of(services);
    int step = Math.max(1, services / POOL);
    for (int i = 0; i < services && envChanges.size() < POOL; i += step) {
      ObjectNode env = fixture.serviceDocument(i);
      ((ObjectNode) env.path("spec").path("workload").path("containers").path("main").path("variables"))
          .put("BENCH_REVISION", "r" + i);
      envChanges.add(Fixture.input(env));

      ObjectNode dep = fixture.serviceDocument(i);
      int callee = (i + services / 2 + 1) % services;
      int namespaces = Math.max(1, services / 20);
      ObjectNode resource = ((ObjectNode) dep.path("spec").path("workload").path("resources"))
          .putObject("bench-" + FleetGenerator.service(callee));
      resource.put("type", "service");
      resource.put("id", FleetGenerator.service(callee));
      resource.put("namespace", FleetGenerator.namespace(callee % namespaces));
      resource.put("direction", "outbound");
      dependencyChanges.add(Fixture.input(dep));
    }
  }

  private Engine.Change apply(List<ServiceInput> pool) {
    ServiceInput changed = pool.get(next++ % pool.size());
    Engine.Change change = fixture.engine.apply(fixture.fleet, changed);
    Tally.add("ops", 1);
    Tally.add("rederived", change.rederived().size());
    return change;
  }

  @Benchmark
  public Engine.Change envChange() {
    return apply(envChanges);
  }

  @Benchmark
  public Engine.Change dependencyChange() {
    return apply(dependencyChanges);
  }
}
