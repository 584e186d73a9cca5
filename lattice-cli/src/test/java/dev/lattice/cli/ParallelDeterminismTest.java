package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are read, derived and written on all cores: the output must not depend on how many threads there are or
 * in which order the input files come.
 */
class ParallelDeterminismTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a generated fleet derives to the same bytes (files and report) on 1 and 4 threads, files in any order")
  void sameBytesWhateverTheThreadsAndOrder() throws Exception {
    Path fleet = dir.resolve("fleet");
    assertThat(CliRun.of("generate-fleet", "--services", "120", "--seed", "7", "--out", fleet.toString())
        .exitCode()).isZero();
    // The same files given one by one in a shuffled order: another read order, another split of the work.
    List<String> files;
    try (Stream<Path> walk = Files.walk(fleet)) {
      files = new ArrayList<>(walk.filter(Files::isRegularFile).map(Path::toString).sorted().toList());
    }
    Collections.shuffle(files, new Random(11));

    CliRun one = run(1, List.of(fleet.toString()), dir.resolve("out-1"));
    CliRun four = run(4, files, dir.resolve("out-4"));
    assertThat(four.exitCode()).isEqualTo(one.exitCode());
    assertThat(four.out().replace(dir.resolve("out-4").toString(), "OUT"))
        .isEqualTo(one.out().replace(dir.resolve("out-1").toString(), "OUT"));
    Map<String, String> expected = files(dir.resolve("out-1"));
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(files(dir.resolve("out-4"))).isEqualTo(expected);
  }

  /** Parallel streams started inside a pool's task run on that pool, so this sets the thread count of the run. */
  private static CliRun run(int threads, List<String> inputs, Path out) throws Exception {
    List<String> args = new ArrayList<>(List.of("derive", "--no-cache", "--output-dir", out.toString()));
    args.addAll(inputs);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(() -> CliRun.of(args.toArray(String[]::new))).get();
    } finally {
      pool.shutdown();
    }
  }

  private static Map<String, String> files(Path out) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (!out.relativize(p).startsWith(".lattice")) {
          files.put(out.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return files;
  }
}
