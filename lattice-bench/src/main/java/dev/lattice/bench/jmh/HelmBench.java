package dev.lattice.bench.jmh;

import com.marcnuri.helm.Helm;
import dev.lattice.bench.Fixture;
import dev.lattice.bench.HelmChart;
import dev.lattice.bench.Tally;
import java.nio.file.Path;
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
 * The alternative a platform team would use: {@code helm template} (helm-java, native helm in this process) of one
 * chart ranging over a values list of the same N services, producing the same kinds of objects (see
 * {@link HelmChart}). The chart and values are written in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HelmBench {
  @Param("1000")
  public int services;

  private Path chart;
  private Path values;
  private int documents = -1;

  @Setup
  public void setup() {
    Fixture fixture = Fixture.of(services);
    chart = HelmChart.writeChart(fixture.dir.resolve("helm-chart"));
    values = HelmChart.writeValues(fixture, fixture.dir.resolve("helm-values.yaml"));
  }

  @Benchmark
  public int template() {
    String out = new Helm(chart).template().withName("fleet").withNamespace("default").withValuesFile(values).call();
    Tally.add("ops", 1);
    Tally.add("bytes", out.length());
    if (documents < 0) {
      documents = HelmChart.countDocuments(out);
    }
    Tally.add("objects", documents);
    return out.length();
  }
}
