package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-run over an unchanged fleet prints the last run's report from {@code OUT/.lattice/last-run.bin} without
 * reading, deriving or writing anything, and only when nothing it depends on changed.
 */
class RunReplayTest {
  private static final Path COMMERCE = Specs.repoRoot().resolve("examples/commerce");

  @TempDir Path dir;

  @AfterEach
  void asUsual() {
    System.clearProperty("lattice.readCache.settleMillis");
    System.clearProperty("lattice.build.salt");
  }

  @Test
  @DisplayName("an unchanged re-run is a replay: no phase runs, no file changes, the same report and exit status")
  void unchangedRerunReplays() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0");
    Path out = dir.resolve("out");
    CliRun first = derive(out, COMMERCE);
    Map<String, FileTime> times = times(out);
    CliRun second = derive(out, COMMERCE); // the files just written are read once to check their bytes
    assertThat(second.err()).contains("timing replay").contains("(4 read to check their bytes)");
    CliRun third = derive(out, COMMERCE);
    assertThat(third.err()).contains("timing replay").doesNotContain("timing read")
        .contains("files      0 written, 3 unchanged, 0 removed").contains("cache      3 hits, 0 derived")
        .containsPattern("replay     nothing changed since the last run: 6 input and \\d+ output files as recorded "
            + "\\(0 read to check their bytes\\)");
    assertThat(third.out()).isEqualTo(first.out());
    assertThat(third.exitCode()).isEqualTo(first.exitCode());
    Map<String, FileTime> after = times(out);
    after.remove(".lattice/last-run.bin"); // written again by the second run, its files now settled
    times.remove(".lattice/last-run.bin");
    assertThat(after).isEqualTo(times);
  }

  @Test
  @DisplayName("files written moments before are read once to check their bytes, then trusted by their stat")
  void freshOutputsAreCheckedByTheirBytes() throws IOException {
    Path out = dir.resolve("out");
    CliRun first = derive(out, COMMERCE);
    CliRun second = derive(out, COMMERCE); // the files were written just now: their times have not settled
    // Three services' files and the namespace's shared Gateway.
    assertThat(second.err()).contains("timing replay").contains("(4 read to check their bytes)");
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  @DisplayName("the exit status and report of a failing run are replayed as they were")
  void failingRunIsReplayed() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0");
    Path in = copy(COMMERCE);
    Path payments = in.resolve("payments.yaml");
    Files.writeString(payments, Files.readString(payments).replace("replicas:", "replicaz:"));
    Path out = dir.resolve("out");
    CliRun first = CliRun.of("derive", "--strict", "--output-dir", out.toString(), in.toString());
    CliRun second = CliRun.of("derive", "--strict", "--timings", "--output-dir", out.toString(), in.toString());
    assertThat(first.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(second.err()).contains("timing replay");
    assertThat(second.exitCode()).isEqualTo(first.exitCode());
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  @DisplayName("any change a run depends on makes it derive: inputs, outputs, caches, options, date, build")
  void whatARunReadsPreventsAReplay() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0");
    Path in = copy(COMMERCE);
    Path out = dir.resolve("out");
    derive(out, in);
    List<String> replayed = new ArrayList<>();
    Map<String, Runnable> changes = new java.util.LinkedHashMap<>();
    changes.put("input touched", () -> touch(in.resolve("orders.yaml")));
    changes.put("input added", () -> write(in.resolve("more.yaml"), "apiVersion: v1\nkind: Namespace\n"
        + "metadata:\n  name: more\n"));
    changes.put("input removed", () -> delete(in.resolve("more.yaml")));
    changes.put("output touched", () -> touch(out.resolve("commerce/orders.yaml")));
    changes.put("output removed", () -> delete(out.resolve("commerce/orders.yaml")));
    changes.put("file added to the output", () -> write(out.resolve("commerce/notes.txt"), "mine\n"));
    changes.put("derivation cache edited", () -> write(out.resolve(".lattice/derive-cache.smile"), "[]"));
    changes.put("another build", () -> System.setProperty("lattice.build.salt", "next"));
    for (Map.Entry<String, Runnable> change : changes.entrySet()) {
      change.getValue().run();
      CliRun run = derive(out, in);
      if (run.err().contains("timing replay")) {
        replayed.add(change.getKey());
      }
      assertThat(derive(out, in).err()).as("the run after " + change.getKey()).contains("timing replay");
    }
    for (String[] options : List.of(new String[] {"--summary"}, new String[] {"--report", "json"},
        new String[] {"--strict"}, new String[] {"--today", "2031-01-01"},
        new String[] {"--service", "commerce/orders"})) {
      List<String> args = new ArrayList<>(List.of("derive", "--timings", "--output-dir", out.toString()));
      args.addAll(List.of(options));
      args.add(in.toString());
      if (CliRun.of(args.toArray(String[]::new)).err().contains("timing replay")) {
        replayed.add(String.join(" ", options));
      }
    }
    assertThat(replayed).isEmpty();
  }

  @Test
  @DisplayName("the listing: nested folders count, a symbolic link anywhere never replays, the cache's own folders do not count")
  void whatTheListingSees() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0");
    Path in = copy(COMMERCE);
    Path out = dir.resolve("out");
    derive(out, in);
    assertThat(derive(out, in).err()).contains("timing replay");
    Path nested = in.resolve("more/deeper");
    Files.createDirectories(nested);
    write(nested.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: more\n");
    assertThat(derive(out, in).err()).as("a file in a new nested folder").doesNotContain("timing replay");
    assertThat(derive(out, in).err()).contains("timing replay");
    write(nested.resolve("notes.txt"), "not an input\n");
    assertThat(derive(out, in).err()).as("a file that is not an input").contains("timing replay");
    Files.createDirectories(out.resolve(".lattice/scratch"));
    write(out.resolve(".lattice/scratch/x.json"), "{}");
    assertThat(derive(out, in).err()).as("a folder in the cache folder").contains("timing replay");
    Files.createSymbolicLink(nested.resolve("link.yaml"), nested.resolve("ns.yaml"));
    derive(out, in);
    assertThat(derive(out, in).err()).as("a symbolic link among the inputs").doesNotContain("timing replay");
    delete(nested.resolve("link.yaml"));
    derive(out, in);
    assertThat(derive(out, in).err()).contains("timing replay");
    Files.createSymbolicLink(out.resolve("commerce/link.yaml"), out.resolve("commerce/orders.yaml"));
    derive(out, in);
    assertThat(derive(out, in).err()).as("a symbolic link in the output").doesNotContain("timing replay");
  }

  @Test
  @DisplayName("a damaged, cut-short or other-version record is ignored with a note, and the run derives")
  void damagedRecord() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0");
    Path out = dir.resolve("out");
    CliRun first = derive(out, COMMERCE);
    Path record = out.resolve(".lattice/last-run.bin");
    byte[] good = Files.readAllBytes(record);
    Map<byte[], String> damages = new java.util.LinkedHashMap<>();
    damages.put("{\"format\": \"lattice-run-record/2\", \"entries\": {}}".getBytes(StandardCharsets.UTF_8), " is not a run record; ignoring it, every "
        + "file is checked.");
    damages.put(java.util.Arrays.copyOf(good, good.length / 2), " is cut short; ignoring it, every file is checked.");
    byte[] old = good.clone();
    old[21] = 0; // the version, after the 18 bytes of "lattice-run-record"
    damages.put(old, " is a run record of version 0, this Lattice writes 2; ignoring it, every file is checked.");
    for (Map.Entry<byte[], String> damage : damages.entrySet()) {
      Files.write(record, damage.getKey());
      CliRun run = derive(out, COMMERCE);
      assertThat(run.err()).contains("warning " + record + damage.getValue()).contains("timing read");
      assertThat(run.out()).isEqualTo(first.out());
      assertThat(derive(out, COMMERCE).err()).contains("timing replay").doesNotContain("warning");
    }
  }

  @Test
  @DisplayName("-o and --no-cache runs never replay; --no-cache removes the record")
  void printingAndUncachedRunsDerive() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0");
    Path out = dir.resolve("out");
    derive(out, COMMERCE);
    CliRun printed = CliRun.of("derive", "--timings", "-o", "yaml", "--output-dir", out.toString(),
        COMMERCE.toString());
    assertThat(printed.err()).doesNotContain("timing replay");
    assertThat(printed.out()).contains("kind: Deployment");
    // The -o run's record vouches only for the files: the next run derives, the one after it replays.
    assertThat(derive(out, COMMERCE).err()).doesNotContain("timing replay");
    assertThat(derive(out, COMMERCE).err()).contains("timing replay");
    CliRun.of("derive", "--no-cache", "--output-dir", out.toString(), COMMERCE.toString());
    assertThat(out.resolve(".lattice/last-run.bin")).doesNotExist();
  }

  private static CliRun derive(Path out, Path in) {
    return CliRun.of("derive", "--timings", "--output-dir", out.toString(), in.toString());
  }

  private Path copy(Path from) throws IOException {
    Path to = dir.resolve("in");
    Files.createDirectories(to);
    try (Stream<Path> list = Files.list(from)) {
      for (Path file : list.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
    return to;
  }

  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 60_000));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, FileTime> times(Path out) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        times.put(out.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return times;
  }
}
