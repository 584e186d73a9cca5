package dev.lattice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  private static Map<String, Object> row(String scenario, double medianMs, Map<String, Object> perOp) {
    return Map.of("scenario", scenario, "median", medianMs, "min", medianMs, "perOp", perOp,
        "heap", Map.of("maxAfterGcMiB", 100.0, "collections", 3));
  }

  private void results() {
    Results.write(dir.resolve("inproc-010000.json"), Map.of("n", 10000,
        "facts", Map.of("deriveColdMs", 2000.0, "coldEvaluations", 30000, "distinctRequests", 30000,
            "imageRequests", 20000, "objects", 110000, "fixtureLiveMiB", 700.0, "accessRequests", 35000,
            "coldCacheHits", 0, "coldCacheMisses", 35000),
        "rows", List.of(
            row("DeriveBench.parseExcluded", 400, Map.of()),
            row("HelmBench.template", 16000, Map.of("objects", 110000.0, "bytes", 1.0e8)),
            row("RenderBench.manifestsYaml", 2000, Map.of("bytes", 1.0e8)),
            row("RenderBench.plainYaml", 1600, Map.of()),
            row("RenderBench.plainJson", 400, Map.of()),
            row("IncrementalBench.envChange", 4, Map.of("rederived", 5.0)),
            row("IncrementalBench.dependencyChange", 12, Map.of("rederived", 6.0)),
            row("AuthorizeBench.coldSample", 400, Map.of("decisions", 2000.0, "evaluations", 2000.0)),
            row("PolicyChangeBench.permitChange", 300, Map.of("evaluations", 1.0)),
            row("PolicyChangeBench.guardRailChange", 3000, Map.of("evaluations", 20000.0)))));
    Results.write(dir.resolve("e2e.json"), Map.of("startup", Map.of("min", 0.3, "median", 0.35),
        "rows", List.of(Map.of("n", 10000, "min", 3.5, "median", 3.8, "max", 4.2, "cpuSeconds", 6.0,
            "runs", List.of(), "phases", Map.of("read", 1.0), "gcMaxAfterMiB", 800.0))));
  }

  @Test
  void targetsSayMetOrMissedWithTheMargin() throws Exception {
    results();
    String md = new Report(dir).render();
    assertThat(md).contains("| `bin/lattice derive` of 10,000 services to YAML files, Cedar cold, JVM start "
        + "included: ≤ 4 s | 3.80 s | **met** |");
    assertThat(md).contains("One service changed in a derived 10,000-service fleet: ≤ 10 ms to every affected "
        + "service's new state | 4.0 ms (env), 12 ms (dependency) | **missed** (1.2× over) |");
    assertThat(md).contains("| 4.21× (helm 16.00 s) | **met** |");
  }

  @Test
  void writesOnlyBetweenTheMarkers() throws Exception {
    results();
    Path md = dir.resolve("BENCHMARKS.md");
    Files.writeString(md, "# Benchmarks\n\nhand-written\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\ntail\n");
    Report.main(Map.of("results", dir.toString(), "markdown", md.toString()));
    String text = Files.readString(md);
    assertThat(text).startsWith("# Benchmarks\n\nhand-written\n\n" + Report.BEGIN + "\n## Measured results");
    assertThat(text).endsWith(Report.END + "\n\ntail\n").doesNotContain("\nold\n");
  }

  @Test
  void gcLogParsing() throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(log, """
        [0.5s][info][gc] GC(0) Pause Young (Allocation Failure) 34M->12M(123M) 5.1ms
        [0.9s][info][gc] GC(1) Pause Full (Allocation Failure) 1G->512M(2G) 50ms
        """);
    assertThat(EndToEnd.gcLog(log)).containsExactly(512.0, 1024.0, 2.0);
  }
}
