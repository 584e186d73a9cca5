package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code derive --output-dir} leaves unchanged files alone and keeps a cache it never trusts blindly. */
class DeriveCacheTest {
  private static final Path COMMERCE = Specs.repoRoot().resolve("examples/commerce");

  @TempDir Path dir;

  @Test
  @DisplayName("a re-run over an unchanged fleet derives nothing, writes nothing, and reports the same")
  void unchangedRerun() throws IOException {
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(first.err()).contains("files      3 written, 0 unchanged, 0 removed")
        .contains("cache      0 hits, 3 derived");
    Map<String, FileTime> times = times(out);
    CliRun second = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(second.err()).contains("files      0 written, 3 unchanged, 0 removed")
        .contains("cache      3 hits, 0 derived");
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.exitCode()).isEqualTo(first.exitCode());
    assertThat(times(out)).isEqualTo(times);
    assertThat(out.resolve(".lattice/derive-cache.smile")).isRegularFile();
  }

  @Test
  @DisplayName("without a cache, a file whose bytes would not change is not rewritten either")
  void unchangedFilesWithoutCache() throws IOException {
    Path out = dir.resolve("out");
    CliRun.of("derive", "--no-cache", "--output-dir", out.toString(), COMMERCE.toString());
    Map<String, FileTime> times = times(out);
    CliRun again = CliRun.of("derive", "--no-cache", "--timings", "--output-dir", out.toString(),
        COMMERCE.toString());
    assertThat(again.err()).contains("files      0 written, 3 unchanged, 0 removed")
        .contains("cache      0 hits, 3 derived");
    assertThat(times(out)).isEqualTo(times);
  }

  @Test
  @DisplayName("a file edited or deleted by hand since the last run is written again")
  void editedOutputIsRestored() throws IOException {
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), COMMERCE.toString());
    String orders = Files.readString(out.resolve("commerce/orders.yaml"));
    Files.writeString(out.resolve("commerce/orders.yaml"), orders.replace("orders", "0rders"));
    Files.delete(out.resolve("commerce/payments.yaml"));
    CliRun again = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(again.err()).contains("files      2 written, 1 unchanged, 0 removed")
        .contains("cache      1 hits, 2 derived");
    assertThat(Files.readString(out.resolve("commerce/orders.yaml"))).isEqualTo(orders);
    assertThat(out.resolve("commerce/payments.yaml")).isRegularFile();
  }

  @Test
  @DisplayName("a service whose text is not Unicode (a lone surrogate) is not cached but derived again, with the "
      + "report of a run without a cache")
  void textWithoutUtf8FormIsNotCached() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    copy(COMMERCE, in);
    Files.writeString(in.resolve("broken.yaml"), Specs.MINIMAL.replace("metadata: {name: api, namespace: shop}",
        "metadata: {name: \"a\\uD800b\", namespace: shop}"));
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    Files.delete(out.resolve(".lattice/last-run.bin")); // else a replay, which reads no cache
    CliRun again = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    CliRun uncached = CliRun.of("derive", "--no-cache", "--output-dir", dir.resolve("fresh").toString(),
        in.toString());
    assertThat(first.err()).doesNotContain("internal error");
    assertThat(again.err()).doesNotContain("internal error").contains("cache      3 hits, 1 derived");
    assertThat(again.exitCode()).isEqualTo(uncached.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(again.out().replace(out.toString(), "OUT"))
        .isEqualTo(uncached.out().replace(dir.resolve("fresh").toString(), "OUT"));
  }

  @Test
  @DisplayName("a damaged cache is ignored with a warning, and the run derives everything")
  void damagedCache() throws IOException {
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("derive", "--output-dir", out.toString(), COMMERCE.toString());
    Path cache = out.resolve(".lattice/derive-cache.smile");
    Files.writeString(cache, "{\"format\": \"lattice-derive-cache/1\", \"entries\": {");
    CliRun damaged = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(damaged.err()).contains("warning " + cache + " is damaged (")
        .contains("); ignoring it, every service is derived.")
        .contains("cache      0 hits, 3 derived");
    assertThat(damaged.out()).isEqualTo(first.out());
    CliRun repaired = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(repaired.err()).doesNotContain("warning").contains("cache      3 hits, 0 derived");
  }

  @Test
  @DisplayName("a file that is not this cache's format is ignored with a warning")
  void foreignCache() throws IOException {
    Path out = dir.resolve("out");
    Path cache = out.resolve(".lattice/derive-cache.smile");
    Files.createDirectories(cache.getParent());
    SmileFiles.write(cache, "{\"format\": \"something-else/3\", \"entries\": {}}");
    CliRun run = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(run.err()).contains("warning " + cache + " is not a derivation cache of this Lattice (format "
        + "something-else/3); ignoring it, every service is derived.");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  @DisplayName("an entry with a matching key that does not decode is derived again, with a warning")
  void undecodableEntry() throws IOException {
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), COMMERCE.toString());
    Path cache = out.resolve(".lattice/derive-cache.smile");
    SmileFiles.replaceFirst(cache, "Ready", "Bogus");
    CliRun run = CliRun.of("derive", "--timings", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(run.err()).contains("warning the derivation cache had 1 entries this release cannot read; those "
        + "services were derived again.").contains("cache      2 hits, 1 derived");
  }

  @Test
  @DisplayName("a changed policy re-derives every service, a changed spec it and its neighbours, a comment nothing")
  void keysFollowWhatTheDerivationReads() throws IOException {
    Path in = dir.resolve("in");
    copy(COMMERCE, in);
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Path platform = in.resolve("platform.yaml");
    Files.writeString(platform, Files.readString(platform).replace("#platform-help", "#platform"));
    assertThat(CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString()).err())
        .contains("cache      0 hits, 3 derived");
    Path frontend = in.resolve("frontend.yaml");
    Files.writeString(frontend, Files.readString(frontend) + "\n# a comment changes no tree\n");
    assertThat(CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString()).err())
        .contains("cache      3 hits, 0 derived");
    // frontend calls orders and payments, and both accept it: all three read its declarations.
    Files.writeString(frontend, Files.readString(frontend).replace("replicas: 2", "replicas: 3"));
    assertThat(CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString()).err())
        .contains("files      1 written, 2 unchanged, 0 removed").contains("cache      0 hits, 3 derived");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path file : list.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
  }

  private static Map<String, FileTime> times(Path out) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (!out.relativize(p).startsWith(".lattice")) {
          times.put(out.relativize(p).toString(), Files.getLastModifiedTime(p));
        }
      }
    }
    return times;
  }

}
