package dev.lattice.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.cli.cache.FileStat;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read cache reusing the stats taken for the run record (each input stat-ed once per run): a file edited after
 * those stats is read as it was then in that run, and never trusted as unchanged by a later one.
 */
class ReadCacheStatsTest {
  @TempDir Path dir;

  @AfterEach
  void settleAsUsual() {
    System.clearProperty("lattice.readCache.settleMillis");
  }

  private static dev.lattice.engine.ServiceInput input(ReadResult read) {
    return read.services().get(0).input();
  }

  /** One run as derive makes it: stats and their clock first, then the read through the cache, then the save. */
  private ReadResult run(Path file, Path out, Runnable betweenStatsAndRead) throws IOException {
    long clock = System.currentTimeMillis();
    Optional<FileStat> stat = FileStat.of(file);
    betweenStatsAndRead.run();
    ReadCache cache = ReadCache.open(out, "test", false, warning -> { });
    cache.statsTaken(clock, name -> name.equals(file.toString()) ? stat.orElse(null) : null);
    ReadResult read = new ManifestReader().read(List.of(file), cache);
    cache.save();
    return read;
  }

  @Test
  @DisplayName("a file edited between the run's stats and its read is read again by the next run, never answered "
      + "from its old entry")
  void editAfterTheStatsIsSeenNextRun() throws IOException {
    System.setProperty("lattice.readCache.settleMillis", "0"); // times trusted at once: the stat rule decides
    Path original = Specs.repoRoot().resolve("examples/commerce/orders.yaml");
    Path file = dir.resolve("orders.yaml");
    Files.copy(original, file);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve(".lattice"));
    dev.lattice.engine.ServiceInput before = input(run(file, out, () -> { }));
    String edited = Files.readString(file).replace("replicas: 3", "replicas: 5");

    run(file, out, () -> {
      try {
        Files.writeString(file, edited); // during the run, after its stats were taken
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    ReadResult next = run(file, out, () -> { });

    ReadResult uncached = new ManifestReader().read(List.of(file));
    assertThat(input(next)).isEqualTo(input(uncached)).isNotEqualTo(before);
  }

  @Test
  @DisplayName("a file the run's stats do not name is stat-ed when it is read, and recorded")
  void fileWithoutAStatIsStatedWhenRead() throws IOException {
    Path file = dir.resolve("orders.yaml");
    Files.copy(Specs.repoRoot().resolve("examples/commerce/orders.yaml"), file);
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve(".lattice"));
    ReadCache cache = ReadCache.open(out, "test", false, warning -> { });
    cache.statsTaken(System.currentTimeMillis(), name -> null);
    ReadResult read = new ManifestReader().read(List.of(file), cache);
    assertThat(read.services()).hasSize(1);
    assertThat(cache.counts()).isEqualTo("0 hits, 1 parsed");
    cache.save();
    ReadCache again = ReadCache.open(out, "test", false, warning -> { });
    new ManifestReader().read(List.of(file), again);
    assertThat(again.counts()).isEqualTo("1 hits, 0 parsed");
  }
}
