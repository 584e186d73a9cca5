package dev.lattice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorReportTest {
  @TempDir Path dir;

  @Test
  void writesItsTableBetweenItsOwnMarkers() throws Exception {
    Results.write(dir.resolve("operator.json"), Map.of("rows", List.of(
        Map.ofEntries(Map.entry("n", 100), Map.entry("readySeconds", 80.0), Map.entry("ready", 100),
            Map.entry("settledSeconds", 81.0), Map.entry("writesPerService", 17.0),
            Map.entry("startupWrites", new java.util.TreeMap<>(Map.of("derived objects", 1097, "status", 100))),
            Map.entry("startupReconcilesPerService", 1.0), Map.entry("startupMeanMs", 300.0),
            Map.entry("startupP50Ms", 268.4), Map.entry("startupP99Ms", 805.3), Map.entry("startupMaxMs", 900.0),
            Map.entry("heapOperatorMiB", 14.0), Map.entry("heapTotalMiB", 30.0), Map.entry("resyncWrites", Map.of()),
            Map.entry("resyncP50Ms", 156.6), Map.entry("resyncP99Ms", 447.4)),
        Map.of("n", 5000, "skipped", "predicted 9000 s, over the 420 s cap"))));
    Path md = dir.resolve("BENCHMARKS.md");
    Files.writeString(md, "# Benchmarks\n\n" + OperatorReport.BEGIN + "\nold\n" + OperatorReport.END + "\ntail\n");

    OperatorReport.main(Map.of("results", dir.toString(), "markdown", md.toString()));

    String text = Files.readString(md);
    assertThat(text).doesNotContain("old").endsWith(OperatorReport.END + "\ntail\n")
        .contains("| 100 | 80.0 s (100 of 100 Ready) | 81.0 s | 17.00 (derived objects 1097, status 100) | 1.00 "
            + "| 300 ms / ≤ 268 ms / ≤ 805 ms / 900 ms | 14 MiB (JVM with mock server and fleet: 30 MiB) "
            + "| 0 (none) | ≤ 157 ms / ≤ 447 ms |")
        .contains("| 5,000 | skipped: predicted 9000 s, over the 420 s cap |");
  }

  @Test
  void writesAreGroupedByWhatTheyWrite() {
    assertThat(OperatorBench.WriteCounter.kind("/apis/lattice.dev/v1alpha1/namespaces/a/latticeservices/b/status"))
        .isEqualTo("status");
    assertThat(OperatorBench.WriteCounter.kind("/apis/lattice.dev/v1alpha1/namespaces/a/latticeservices/b"))
        .isEqualTo("LatticeService (finalizer)");
    assertThat(OperatorBench.WriteCounter.kind("/api/v1/namespaces/a/events")).isEqualTo("events");
    assertThat(OperatorBench.WriteCounter.kind("/apis/apps/v1/namespaces/a/deployments/b"))
        .isEqualTo("derived objects");
  }
}
