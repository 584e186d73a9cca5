package dev.lattice.bench.jmh;

import dev.lattice.bench.Fixture;
import dev.lattice.bench.Tally;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyLibrary;
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
 * Full derivation of the fleet in this JVM, Cedar cache warm (the fixture derived the fleet once already).
 * {@code parseExcluded}: the {@link Fleet} is built; services are derived on every core as {@code lattice derive}
 * does ({@link Fixture#deriveParallel}). {@code parseExcludedSequential}: {@link Engine#deriveAll}, one thread.
 * {@code parseIncluded}: the YAML files are read with {@link ManifestReader}, the CedarPolicies loaded and the fleet
 * built first. {@code parseOnly} is that first part alone, so the two can be told apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DeriveBench {
  @Param("1000")
  public int services;

  private Fixture fixture;

  @Setup
  public void setup() {
    fixture = Fixture.of(services);
  }

  @Benchmark
  public List<Derivation> parseExcluded() {
    List<Derivation> out = Fixture.deriveParallel(fixture.engine, fixture.fleet);
    Tally.add("ops", 1);
    Tally.add("services", out.size());
    return out;
  }

  @Benchmark
  public List<Derivation> parseExcludedSequential() {
    List<Derivation> out = fixture.engine.deriveAll(fixture.fleet);
    Tally.add("ops", 1);
    Tally.add("services", out.size());
    return out;
  }

  @Benchmark
  public List<Derivation> parseIncluded() {
    ReadResult read = new ManifestReader().read(List.of(fixture.fleetDir));
    Fleet fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    PolicyLibrary library = PolicyLibrary.load(read.policies());
    Engine engine = new Engine(fixture.settings, new CedarAuthorizer(library, fixture.warmCache));
    List<Derivation> out = Fixture.deriveParallel(engine, fleet);
    Tally.add("ops", 1);
    Tally.add("services", out.size());
    return out;
  }

  @Benchmark
  public Object parseOnly() {
    ReadResult read = new ManifestReader().read(List.of(fixture.fleetDir));
    Fleet fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    PolicyLibrary library = PolicyLibrary.load(read.policies());
    Tally.add("ops", 1);
    Tally.add("services", fleet.size());
    return new Object[] {fleet, library};
  }
}
