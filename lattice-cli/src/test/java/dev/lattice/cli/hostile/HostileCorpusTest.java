package dev.lattice.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in corpus ({@code src/test/resources/hostile/}): each file's first line says what the report must
 * contain; each is derived beside a good service, with the checks of {@link Hostile}, a second time into the
 * populated output directory, and once with {@code -o yaml}. The watchdog only catches a
 * hang (issue 18 found minutes-long ones); no case is timed.
 */
@Timeout(120)
class HostileCorpusTest {
  @TempDir Path root;

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(HostileCorpusTest.class.getResource("/hostile")).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void corpusFile(Path file) throws IOException {
    String text = Files.readString(file);
    String expect = text.lines().findFirst().orElseThrow().replaceFirst("^# expect: ", "");
    Path in = Files.createDirectory(root.resolve("in"));
    Files.writeString(in.resolve(file.getFileName()), text);

    Hostile run = Hostile.derive(root, in);

    assertThat(run.exitCode).as(run.report).isIn(1, 2);
    assertThat(run.report).contains(expect);

    // Again with OUT already populated, and with the manifests on stdout: the same outcome.
    Hostile again = Hostile.derive(root, in);
    assertThat(again.exitCode).isEqualTo(run.exitCode);
    assertThat(again.report).contains(expect);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = dev.lattice.cli.LatticeCli.run(dev.lattice.cli.Terminal.REDIRECTED, "lattice",
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), "derive", "-o", "yaml", in.toString());
    assertThat(code).as(err.toString()).isEqualTo(run.exitCode);
    assertThat(err.toString()).contains(expect);
    assertThat(out.toString()).contains("name: good");
  }
}
