package dev.lattice.bench;

import dev.lattice.cli.LatticeCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code bench/run --only versions}: the same generated fleet (seed 42) written in lattice.dev/v1alpha1 and in
 * lattice.dev/v1, each derived in process by {@code lattice derive --output-dir} (reading, derivation, writing),
 * in alternating rounds after a warm-up of each, so that load on the machine hits both alike. Reports the median
 * of each and the ratio; the target is v1alpha1 within 5% of v1 (conversion must not show in derive time).
 */
public final class VersionBench {
  private VersionBench() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 1 && args[0].equals("--n") ? Integer.parseInt(args[1]) : 10_000;
    int rounds = args.length > 3 && args[2].equals("--rounds") ? Integer.parseInt(args[3]) : 5;
    // --read-only: time only what differs between the versions (reading and mapping onto the model, where a
    // conversion would show); derivation runs on the model, the same objects for both.
    boolean readOnly = List.of(args).contains("--read-only");
    Path work = Fixture.workDir().resolve("versions-n" + n);
    List<String> versions = List.of("v1alpha1", "v1");
    for (String version : versions) {
      Path fleet = work.resolve(version);
      if (!Files.exists(fleet)) {
        run("generate-fleet", "--services", String.valueOf(n), "--api-version", version, "--out", fleet.toString());
      }
    }
    List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
    for (int round = -1; round < rounds; round++) {
      for (int i = 0; i < versions.size(); i++) {
        // Alternate which goes first, so neither always runs on the other's garbage.
        int v = (round & 1) == 0 ? i : versions.size() - 1 - i;
        Path out = work.resolve("out-" + versions.get(v));
        long t0 = System.nanoTime();
        if (readOnly) {
          var read = new dev.lattice.cli.io.ManifestReader(true).read(List.of(work.resolve(versions.get(v))));
          if (read.services().size() != n) {
            throw new IllegalStateException("read " + read.services().size() + " services, not " + n);
          }
        } else {
          // --no-cache: every round derives and writes (a cache hit would measure the cache, not the versions).
          run("derive", "--no-cache", "--output-dir", out.toString(), work.resolve(versions.get(v)).toString());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (round >= 0) {
          times.get(v).add(ms);
        }
        System.err.printf("round %d %-8s %6d ms%n", round, versions.get(v), ms);
      }
    }
    long alpha = median(times.get(0));
    long v1 = median(times.get(1));
    System.out.printf("%s%n", readOnly ? "read (ManifestReader, with the deprecation warning)" : "lattice derive");
    System.out.printf("| N | rounds | v1alpha1 median (ms) | v1 median (ms) | v1alpha1 / v1 | all v1alpha1 | all v1 |%n");
    System.out.printf("|---|---|---|---|---|---|---|%n");
    System.out.printf("| %,d | %d | %,d | %,d | %.3f | %s | %s |%n", n, rounds, alpha, v1, (double) alpha / v1,
        times.get(0), times.get(1));
  }

  private static void run(String... args) {
    StringWriter err = new StringWriter();
    int status = LatticeCli.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(err), args);
    // derive exits 1 when a generated service fails on purpose (the fleet has one-sided declarations, not failures)
    if (status > 1) {
      throw new IllegalStateException("lattice " + String.join(" ", args) + " failed (" + status + "): " + err);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
