package dev.lattice.bench;

import dev.lattice.cli.command.ReportInputs;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.RawDocuments;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.dashboard.FleetInputs;
import dev.lattice.dashboard.FleetReport;
import dev.lattice.dashboard.ReportRenderer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The fleet report after derivation (issue 16's target: under a second for 10,000 services): the fleet is read and
 * its report inputs computed once, untimed; then the report is built and rendered as JSON and as the page, five
 * times, each timed in wall-clock and in this thread's CPU time (the machine is shared, so CPU time is the
 * steadier figure). Run once by hand, not a test:
 *
 * <p>{@code lattice generate-fleet --services 10000 --out FLEET; java -cp ... dev.lattice.bench.ReportBench FLEET}
 */
public final class ReportBench {
  private ReportBench() {}

  public static void main(String[] args) {
    List<Path> paths = List.of(Path.of(args[0]));
    ReadResult read = new ManifestReader().read(paths);
    FleetInputs inputs = ReportInputs.of(read, RawDocuments.read(paths), LocalDate.parse("2026-12-02"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("%d services, %d hatches, %d pending consents%n", inputs.services().size(),
        inputs.hatches().size(), inputs.pending().size());
    for (int run = 1; run <= 5; run++) {
      long wall = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      FleetReport report = FleetReport.build(inputs);
      long built = threads.getCurrentThreadCpuTime();
      int json = ReportRenderer.json(report).length();
      long jsonDone = threads.getCurrentThreadCpuTime();
      int html = ReportRenderer.html(report).length();
      long end = threads.getCurrentThreadCpuTime();
      System.out.printf("run %d: %4d ms wall, %4d ms CPU (build %d, json %d, html %d); json %d KiB, html %d KiB%n",
          run, (System.nanoTime() - wall) / 1_000_000, (end - cpu) / 1_000_000, (built - cpu) / 1_000_000,
          (jsonDone - built) / 1_000_000, (end - jsonDone) / 1_000_000, json / 1024, html / 1024);
    }
  }
}
