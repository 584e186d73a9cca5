package dev.lattice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.lattice.bench.jmh.AuthorizeBench;
import dev.lattice.bench.jmh.DeriveBench;
import dev.lattice.bench.jmh.IncrementalBench;
import dev.lattice.bench.jmh.PolicyChangeBench;
import dev.lattice.bench.jmh.RenderBench;
import dev.lattice.engine.Derivation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every benchmark body runs once on a small fleet (no JMH, no timing), so a change to the engine's API or to the
 * generated fleet breaks {@code mvn verify} here rather than in the middle of {@code bench/run}. Timings are never
 * asserted.
 */
class BenchmarksSmokeTest {
  private static final int SERVICES = 40;

  @TempDir static Path work;

  @BeforeAll
  static void workDir() {
    System.setProperty("lattice.bench.work", work.toString());
  }

  @Test
  void fixtureDerivesTheWholeGeneratedFleet() {
    Fixture fixture = Fixture.of(SERVICES);
    assertThat(fixture.derived).hasSize(SERVICES).allMatch(d -> d instanceof Derivation.Derived);
    assertThat(fixture.requests).isNotEmpty();
    assertThat(fixture.facts).containsKeys("deriveColdMs", "coldEvaluations", "distinctRequests", "imageRequests");
  }

  @Test
  void everyBenchmarkBodyRunsAndCounts() throws Exception {
    Tally.reset();
    DeriveBench derive = new DeriveBench();
    derive.services = SERVICES;
    derive.setup();
    assertThat(derive.parseExcluded()).hasSize(SERVICES);
    assertThat(derive.parseExcludedSequential()).hasSize(SERVICES);
    assertThat(derive.parseIncluded()).hasSize(SERVICES);
    assertThat(derive.parseOnly()).isNotNull();

    IncrementalBench incremental = new IncrementalBench();
    incremental.services = SERVICES;
    incremental.setup();
    assertThat(incremental.envChange().rederived()).isNotEmpty();
    assertThat(incremental.dependencyChange().rederived()).isNotEmpty();

    AuthorizeBench authorize = new AuthorizeBench();
    authorize.services = SERVICES;
    authorize.setup();
    assertThat(authorize.warm()).isPositive();
    assertThat(authorize.coldSample()).isPositive();
    long before = Tally.snapshot().getOrDefault("evaluations", 0L);
    assertThat(authorize.coldNativeSample()).isPositive();
    assertThat(Tally.snapshot().get("evaluations") - before).as("every decision goes to the native engine")
        .isPositive();

    RenderBench render = new RenderBench();
    render.services = SERVICES;
    render.setup();
    assertThat(render.manifestsYaml()).isPositive();
    assertThat(render.plainYaml()).isPositive();
    assertThat(render.canonicalJson()).isPositive();
    assertThat(render.plainJson()).isPositive();
    assertThat(Tally.snapshot()).containsKeys("ops", "decisions", "evaluations", "bytes", "rederived");

    Tally.reset();
    PolicyChangeBench policy = new PolicyChangeBench();
    policy.services = SERVICES;
    policy.setup();
    assertThat(policy.permitChange()).isNotNull();
    assertThat(policy.guardRailChange()).isNotNull();
    assertThat(policy.reloadOnly()).isNotNull();
    assertThat(Tally.snapshot().get("ops")).isEqualTo(3);
    assertThat(Tally.snapshot().get("decisions")).isEqualTo(2L * Fixture.of(SERVICES).requests.size());
  }

  /** The chart produces the same kinds, as many of each, as Lattice derives for the same fleet. */
  @Test
  void helmChartRendersTheSameKindsAsLattice() {
    Fixture fixture = Fixture.of(SERVICES);
    Path chart = HelmChart.writeChart(work.resolve("chart"));
    Path values = HelmChart.writeValues(fixture, work.resolve("values.yaml"));
    String out = new Helm(chart).template().withName("fleet").withNamespace("default").withValuesFile(values).call();

    Map<String, Integer> helmKinds = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^kind: (\\S+)$").matcher(out);
    while (m.find()) {
      helmKinds.merge(m.group(1), 1, Integer::sum);
    }
    Map<String, Integer> latticeKinds = new TreeMap<>();
    for (List<HasMetadata> service : fixture.objects) {
      service.forEach(o -> latticeKinds.merge(o.getKind(), 1, Integer::sum));
    }
    assertThat(helmKinds).isEqualTo(latticeKinds);
    assertThat(HelmChart.countDocuments(out)).isEqualTo(latticeKinds.values().stream().mapToInt(i -> i).sum());
    assertThat(HelmChart.kinds()).containsAll(latticeKinds.keySet());
  }
}
