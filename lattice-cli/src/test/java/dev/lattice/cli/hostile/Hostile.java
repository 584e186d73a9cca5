package dev.lattice.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.cli.LatticeCli;
import dev.lattice.cli.Terminal;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One hostile run of {@code lattice derive --output-dir OUT} in-process, next to a good service in its own file,
 * and what every such run must show: no internal error (exit 3), the good service still derived, nothing written
 * outside OUT, no parser internals or Java class names in the report, and a report of bounded size.
 */
final class Hostile {
  /** The service that must survive every hostile neighbour. */
  static final String GOOD = Specs.MINIMAL.replace("{name: api, namespace: shop}", "{name: good, namespace: fleet}");
  /** A report longer than this per input file echoes input without bound. */
  static final int REPORT_CHARS = 64 * 1024;

  final int exitCode;
  final String report;

  private Hostile(int exitCode, String report) {
    this.exitCode = exitCode;
    this.report = report;
  }

  /** Derives {@code in} (which holds the hostile files) plus the good service into {@code root/out}. */
  static Hostile derive(Path root, Path in, String... extraArgs) throws IOException {
    Files.writeString(in.resolve("zz-good.yaml"), GOOD);
    Path out = root.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    String[] args = Stream.concat(Stream.of("derive", "--output-dir", out.toString()), Stream.of(extraArgs))
        .toArray(String[]::new);
    String[] all = Stream.concat(Stream.of(args), Stream.of(in.toString())).toArray(String[]::new);
    int code = LatticeCli.run(Terminal.REDIRECTED, "lattice", new PrintWriter(stdout, true),
        new PrintWriter(stderr, true), all);
    Hostile run = new Hostile(code, stdout + "\n" + stderr);
    long files;
    try (Stream<Path> list = Files.list(in)) {
      files = list.count();
    }
    run.assertContained(root, in, out, files * REPORT_CHARS);
    return run;
  }

  private void assertContained(Path root, Path in, Path out, long reportChars) throws IOException {
    assertThat(exitCode).as(report).isNotEqualTo(3).isBetween(0, 2);
    assertThat(out.resolve("fleet/good.yaml")).as("the good service beside the hostile file\n" + report)
        .exists();
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).as("written outside OUT")
          .containsExactlyInAnyOrder(in.getFileName().toString(), "out");
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).toList())
          .allMatch(p -> p.matches("[a-z0-9-]+/[a-z0-9-]+(-ingress\\.gateway)?\\.yaml")
              || p.equals(".lattice/derive-cache.smile") || p.equals(".lattice/read-cache.smile")
              || p.equals(".lattice/last-run.bin"));
    }
    assertThat(report).doesNotContain("org.yaml", "com.fasterxml", "java.lang", "Exception", "\tat ")
        .hasSizeLessThan((int) Math.min(Integer.MAX_VALUE, reportChars));
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }
}
