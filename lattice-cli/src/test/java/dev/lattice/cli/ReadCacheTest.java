package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read cache of {@code derive --output-dir} ({@code OUT/.lattice/read-cache.smile}): an unchanged file is not
 * parsed again, and no edit (even one that keeps the size and the modification time) is ever missed.
 */
class ReadCacheTest {
  private static final Path COMMERCE = Specs.repoRoot().resolve("examples/commerce");

  @TempDir Path dir;

  @AfterEach
  void settleAsUsual() {
    System.clearProperty("lattice.readCache.settleMillis");
  }

  private Path copyOfCommerce() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    try (var files = Files.list(COMMERCE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, in.resolve(file.getFileName().toString()));
      }
    }
    return in;
  }

  @Test
  @DisplayName("from the first run into OUT on, files that hold only services are recorded, and the next run "
      + "answers them from the cache, with the same report")
  void unchangedFilesAreNotParsed() throws IOException {
    Path in = copyOfCommerce();
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    // Every file of the example is parsed: three services, the namespace, the platform settings and providers.yaml.
    assertThat(first.err()).contains("read cache 0 hits, 6 parsed");
    assertThat(out.resolve(".lattice/read-cache.smile")).isRegularFile();

    // Just written, so the first run could not trust the files' times: this one compares their bytes. (Without
    // the run record: had the times settled meanwhile, as on a slow machine, the run would be a replay.)
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun second = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(second.err()).contains("read cache 3 hits, ").contains("cache      3 hits, 0 derived");
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.exitCode()).isEqualTo(first.exitCode());

    CliRun uncached = CliRun.of("derive", "--timings", "--no-cache", "--output-dir", dir.resolve("fresh").toString(),
        in.toString());
    assertThat(uncached.err()).doesNotContain("read cache");
    assertThat(second.out().replace(out.toString(), "OUT"))
        .isEqualTo(uncached.out().replace(dir.resolve("fresh").toString(), "OUT"));
  }

  @Test
  @DisplayName("an edit that keeps the file's size and modification time is still seen (its ctime changed)")
  void sameSizeSameTimeEditIsSeen() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0"); // trust the times at once, so the stat rule decides
    Path in = copyOfCommerce();
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Files.delete(out.resolve(".lattice/last-run.bin")); // else a replay, which reads no file (and records none)
    CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun hit = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(hit.err()).contains("read cache 3 hits, ");

    Path orders = in.resolve("orders.yaml");
    FileTime before = Files.getLastModifiedTime(orders);
    String text = Files.readString(orders);
    String edited = text.replaceFirst("replicas: (\\d)", "replicas: 7");
    assertThat(edited).isNotEqualTo(text).hasSameSizeAs(text);
    Files.writeString(orders, edited);
    Files.setLastModifiedTime(orders, before);

    CliRun after = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    CliRun uncached = CliRun.of("derive", "--no-cache", "--output-dir", dir.resolve("fresh").toString(),
        in.toString());
    // The record of the run before does not replay: the file's ctime changed.
    assertThat(after.err()).doesNotContain("timing replay").contains("read cache 2 hits, ");
    assertThat(after.out().replace(out.toString(), "OUT"))
        .isEqualTo(uncached.out().replace(dir.resolve("fresh").toString(), "OUT"));
    assertThat(Files.readString(out.resolve("commerce/orders.yaml")))
        .isEqualTo(Files.readString(dir.resolve("fresh/commerce/orders.yaml")));
  }

  @Test
  @DisplayName("a damaged read cache is reported and ignored: every file is parsed, the output is the same")
  void damagedCache() throws IOException {
    Path in = copyOfCommerce();
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    CliRun first = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Path cache = out.resolve(".lattice/read-cache.smile");
    assertThat(cache).isRegularFile();
    Files.writeString(cache, "{\"format\": \"lattice-read-cache/2\", \"files\": {");
    CliRun again = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(again.err()).contains("warning " + cache + " is damaged (")
        .contains("; ignoring it, every file is read.").contains("read cache 0 hits, ");
    assertThat(again.out()).isEqualTo(first.out());
  }

  @Test
  @DisplayName("the lines a report gives for nested fields are kept with the file: a re-run answers them without "
      + "parsing it, and an edit that moves them gives the new lines")
  void nestedLinesAreKeptWithTheFile() throws IOException {
    Path in = copyOfCommerce();
    Path orders = in.resolve("orders.yaml");
    // An unpinned image is denied: the report points at the image's line, below the top level.
    Files.writeString(orders, Files.readString(orders).replaceAll("@sha256:[0-9a-f]+", ""));
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Files.delete(out.resolve(".lattice/last-run.bin")); // else, once the files settled, a replay that reads none
    CliRun recording = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    assertThat(SmileFiles.json(out.resolve(".lattice/read-cache.smile"))).contains("\"lines\":{\"spec.");
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun hit = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(hit.err()).contains("read cache 3 hits, ");
    assertThat(hit.out()).isEqualTo(recording.out()).contains("orders.yaml:");

    // Two lines more above the image: the file is parsed again and the report moves with it, as without a cache.
    Files.writeString(orders, Files.readString(orders).replace("spec:\n", "spec:\n  # moved\n  # down\n"));
    CliRun moved = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    CliRun uncached = CliRun.of("derive", "--no-cache", "--output-dir", dir.resolve("fresh").toString(),
        in.toString());
    assertThat(moved.out()).isNotEqualTo(hit.out());
    assertThat(moved.out().replace(out.toString(), "OUT"))
        .isEqualTo(uncached.out().replace(dir.resolve("fresh").toString(), "OUT"));
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun again = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    assertThat(again.out()).isEqualTo(moved.out());
  }

  @Test
  @DisplayName("a read cache of an older format is dropped without a warning, and one cut short is reported: "
      + "either way every file is parsed and the report is the same")
  void olderOrTruncatedCache() throws IOException {
    Path in = copyOfCommerce();
    Path out = dir.resolve("out");
    CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun first = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Path cache = out.resolve(".lattice/read-cache.smile");
    byte[] written = Files.readAllBytes(cache);
    assertThat(SmileFiles.json(cache)).startsWith("{\"format\":\"lattice-read-cache/3\"");
    // Version 1 kept each service as a nested object, which this version's shape cannot bind.
    SmileFiles.write(cache, "{\"format\":\"lattice-read-cache/1\",\"files\":{\"" + in.resolve("orders.yaml")
        + "\":{\"settled\":true,\"services\":[{\"line\":1,\"service\":{\"intent\":{}}}]}}}");
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun older = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(older.err()).doesNotContain("warning").contains("read cache 0 hits, 6 parsed");
    assertThat(older.out()).isEqualTo(first.out());
    assertThat(older.exitCode()).isEqualTo(first.exitCode());

    Files.write(cache, java.util.Arrays.copyOf(written, written.length / 2));
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun truncated = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(truncated.err()).contains("warning " + cache + " is damaged (").contains("read cache 0 hits, 6 parsed");
    assertThat(truncated.out()).isEqualTo(first.out());
    assertThat(truncated.exitCode()).isEqualTo(first.exitCode());
  }
  @Test
  @DisplayName("the JSON caches of an older release are removed unread (the Smile ones replace them): the report is "
      + "the same")
  void olderJsonCachesAreRemoved() throws IOException {
    Path in = copyOfCommerce();
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    Path oldRead = out.resolve(".lattice/read-cache.json");
    Path oldDerive = out.resolve(".lattice/derive-cache.json");
    Files.writeString(oldRead, "{\"format\":\"lattice-read-cache/2\",\"files\":{}}");
    Files.writeString(oldDerive, "{\"format\":\"lattice-derive-cache/2\",\"entries\":{}}");
    Files.delete(out.resolve(".lattice/last-run.bin"));
    CliRun again = CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(again.err()).doesNotContain("warning").contains("cache      3 hits, 0 derived");
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(oldRead).doesNotExist();
    assertThat(oldDerive).doesNotExist();
    assertThat(out.resolve(".lattice/read-cache.smile")).isRegularFile();
  }
}
