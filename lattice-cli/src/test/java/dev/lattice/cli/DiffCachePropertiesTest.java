package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lattice.testkit.SpecGenerators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

/**
 * The record cache of {@code lattice diff} and {@code lattice snapshot} is only a hint: over random sequences of
 * edits to the head side (services replaced, added, removed; policies and settings changed; cache entries damaged;
 * the Lattice build changed), every diff and snapshot with one {@code --cache-dir} gives byte for byte the report,
 * the snapshot and the exit status of a run with {@code --no-cache}.
 */
class DiffCachePropertiesTest {
  private static final List<String> PLATFORMS = List.of(
      "",
      platform("the platform team (#help)", "permit(principal, action, resource);"),
      platform("the platform team (#other)", "permit(principal, action, resource);\n"
          + "forbid(principal, action == Lattice::Action::\"OverrideSecurity\", resource);"),
      platform("the platform team (#help)", "permit(principal, action == Lattice::Action::\"AccessSecret\", "
          + "resource);"));

  @TempDir Path dir;

  @org.junit.jupiter.api.AfterEach
  void sameBuild() {
    System.clearProperty("lattice.build.salt");
  }

  @Test
  @DisplayName("cached and uncached diffs and snapshots agree byte for byte over random edit sequences")
  void cachedDiffsMatchUncachedDiffs() {
    qt().withExamples(Integer.getInteger("QT_EXAMPLES", 4)).withShrinkCycles(0)
        .forAll(SpecGenerators.fleets(5, 10), lists().of(SpecGenerators.services(15)).ofSizeBetween(0, 4),
            Generate.longRange(0, Long.MAX_VALUE))
        .checkAssert((fleet, extra, seed) -> {
          try {
            check(fleet, extra, new Random(seed));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void check(List<Map<String, Object>> initial, List<Map<String, Object>> extra, Random random)
      throws IOException {
    Path example = Files.createTempDirectory(dir, "example");
    Path base = example.resolve("base");
    Path head = example.resolve("head");
    Path cache = example.resolve("cache");
    String platform = PLATFORMS.get(random.nextInt(PLATFORMS.size()));
    write(base, initial, platform);
    List<Map<String, Object>> services = new ArrayList<>(initial);
    List<Map<String, Object>> pool = new ArrayList<>(extra);
    System.clearProperty("lattice.build.salt");
    int steps = 2 + random.nextInt(4);
    for (int step = 0; step < steps; step++) {
      String edit = "nothing changed";
      if (step > 0) {
        switch (random.nextInt(7)) {
          case 0 -> {
            if (!services.isEmpty() && !pool.isEmpty()) {
              int i = random.nextInt(services.size());
              Map<String, Object> next = new LinkedHashMap<>(pool.remove(0));
              next.put("metadata", services.get(i).get("metadata"));
              services.set(i, next);
              edit = "replaced service " + i;
            }
          }
          case 1 -> {
            if (!services.isEmpty()) {
              services.remove(random.nextInt(services.size()));
              edit = "removed a service";
            }
          }
          case 2 -> {
            if (!pool.isEmpty()) {
              services.add(pool.remove(0));
              edit = "added a service";
            }
          }
          case 3 -> {
            platform = PLATFORMS.get(random.nextInt(PLATFORMS.size()));
            edit = "platform " + PLATFORMS.indexOf(platform);
          }
          case 4 -> edit = "damaged " + damage(cache, random);
          case 5 -> {
            System.setProperty("lattice.build.salt", "build-" + step);
            edit = "another Lattice build";
          }
          default -> { }
        }
      }
      write(head, services, platform);
      String context = "step " + step + " " + edit;
      CliRun cached = CliRun.of("diff", "--cache-dir", cache.toString(), "--specs", base.toString(), head.toString());
      CliRun fresh = CliRun.of("diff", "--no-cache", "--specs", base.toString(), head.toString());
      assertThat(cached.exitCode()).as(context + "\n" + cached.err()).isEqualTo(fresh.exitCode());
      assertThat(cached.out()).as(context).isEqualTo(fresh.out());
      if (fresh.exitCode() == 0) {
        assertThat(cached.err()).as(context).contains("cache " + cache + ": ");
        // A repeated diff derives nothing (the snapshot below keeps only the head side's entries).
        CliRun again = CliRun.of("diff", "--cache-dir", cache.toString(), "--specs", base.toString(),
            head.toString());
        assertThat(again.out()).as(context).isEqualTo(fresh.out());
        assertThat(again.err()).as(context).containsPattern(": \\d+ services from the cache, 0 derived");
      }
      Path snapshotCached = example.resolve("cached-" + step + ".snapshot");
      Path snapshotFresh = example.resolve("fresh-" + step + ".snapshot");
      CliRun a = CliRun.of("snapshot", "--cache-dir", cache.toString(), head.toString(), "--out",
          snapshotCached.toString());
      CliRun b = CliRun.of("snapshot", "--no-cache", head.toString(), "--out", snapshotFresh.toString());
      assertThat(a.exitCode()).as(context).isEqualTo(b.exitCode());
      if (b.exitCode() == 0 && fresh.exitCode() == 0) {
        assertThat(Files.readAllBytes(snapshotCached)).as(context).isEqualTo(Files.readAllBytes(snapshotFresh));
        // The diff just cached the head side: the snapshot of it derives nothing, unless an entry was damaged (a
        // diff keeps the entry of a service alike on both sides without reading it; the snapshot reads it).
        if (!edit.startsWith("damaged")) {
          assertThat(a.err()).as(context).containsPattern(": \\d+ services from the cache, 0 derived");
        }
      }
    }
  }

  @Test
  @DisplayName("a damaged cache entry is reported and derived again where it is read; the report is unchanged")
  void damagedEntriesAreDerivedAgain() throws IOException {
    Path fleet = dir.resolve("fleet");
    Path cache = dir.resolve("cache");
    assertThat(CliRun.of("generate-fleet", "--services", "20", "--out", fleet.toString()).exitCode()).isZero();
    CliRun fresh = CliRun.of("diff", "--no-cache", "--specs", fleet.toString(), fleet.toString());
    CliRun first = CliRun.of("diff", "--cache-dir", cache.toString(), "--specs", fleet.toString(), fleet.toString());
    assertThat(first.out()).isEqualTo(fresh.out());
    // Base and head are the same specs: every service has one key on both sides, so it is derived once (for the
    // cache) and not compared.
    assertThat(first.err()).contains(": 0 services from the cache, 20 derived.");
    for (Path entry : entries(cache)) {
      byte[] bytes = Files.readAllBytes(entry);
      bytes[bytes.length / 2] ^= 0x5a;
      Files.write(entry, bytes);
    }
    // A diff of alike sides does not read the entries: the report cannot depend on them.
    CliRun diff = CliRun.of("diff", "--cache-dir", cache.toString(), "--specs", fleet.toString(), fleet.toString());
    assertThat(diff.out()).isEqualTo(fresh.out());
    assertThat(diff.err()).doesNotContain("warning")
        .contains(": 0 services from the cache, 0 derived, 20 alike on both sides (same key: not read, not compared).");
    Path fromCache = dir.resolve("cached.snapshot");
    Path uncached = dir.resolve("fresh.snapshot");
    assertThat(CliRun.of("snapshot", "--no-cache", fleet.toString(), "--out", uncached.toString()).exitCode())
        .isZero();
    CliRun damaged = CliRun.of("snapshot", "--cache-dir", cache.toString(), fleet.toString(), "--out",
        fromCache.toString());
    assertThat(damaged.exitCode()).isZero();
    assertThat(Files.readAllBytes(fromCache)).isEqualTo(Files.readAllBytes(uncached));
    assertThat(damaged.err()).contains("warning cache entry ").contains("is damaged")
        .contains("the service is derived again").contains("more damaged cache entries were derived again")
        .contains(": 0 services from the cache, 20 derived, 20 damaged entries replaced.");
    CliRun again = CliRun.of("snapshot", "--cache-dir", cache.toString(), fleet.toString(), "--out",
        fromCache.toString());
    assertThat(again.err()).doesNotContain("warning").contains(": 20 services from the cache, 0 derived.");
    assertThat(Files.readAllBytes(fromCache)).isEqualTo(Files.readAllBytes(uncached));
  }

  @Test
  @DisplayName("a --cache-dir that holds other files is not used and nothing in it is removed")
  void foreignDirectoryIsLeftAlone() throws IOException {
    Path fleet = dir.resolve("fleet");
    assertThat(CliRun.of("generate-fleet", "--services", "5", "--out", fleet.toString()).exitCode()).isZero();
    Path foreign = Files.createDirectories(dir.resolve("mine"));
    Path precious = Files.writeString(foreign.resolve("a".repeat(64) + ".gz"), "not a cache entry");
    CliRun run = CliRun.of("diff", "--cache-dir", foreign.toString(), "--specs", fleet.toString(),
        fleet.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("is not empty and has no lattice-record-cache file").doesNotContain("cache "
        + foreign + ":");
    assertThat(precious).hasContent("not a cache entry");
    assertThat(CliRun.of("diff", "--no-cache", "--specs", fleet.toString(), fleet.toString()).out())
        .isEqualTo(run.out());
  }

  private static List<Path> entries(Path cache) throws IOException {
    try (Stream<Path> list = Files.list(cache)) {
      return list.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.gz")).sorted().toList();
    }
  }

  /** Flips a byte of, truncates or empties one cache entry; returns what it did. */
  private static String damage(Path cache, Random random) throws IOException {
    if (!Files.isDirectory(cache)) {
      return "nothing";
    }
    List<Path> entries = entries(cache);
    if (entries.isEmpty()) {
      return "nothing";
    }
    Path entry = entries.get(random.nextInt(entries.size()));
    byte[] bytes = Files.readAllBytes(entry);
    switch (random.nextInt(3)) {
      case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
      case 1 -> bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
      default -> bytes = new byte[0];
    }
    Files.write(entry, bytes);
    return entry.getFileName().toString();
  }

  private static void write(Path folder, List<Map<String, Object>> services, String platform) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> list = Files.list(folder)) {
        for (Path p : list.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(folder);
    for (int i = 0; i < services.size(); i++) {
      Files.writeString(folder.resolve("service-" + i + ".yaml"), SpecGenerators.yaml(services.get(i)));
    }
    if (!platform.isEmpty()) {
      Files.writeString(folder.resolve("platform.yaml"), platform);
    }
  }

  private static String platform(String contact, String policies) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lattice-platform\n  namespace: lattice-system\n"
        + "data:\n  contact: \"" + contact + "\"\n---\napiVersion: lattice.dev/v1alpha1\nkind: CedarPolicy\n"
        + "metadata:\n  name: platform\n  namespace: lattice-system\nspec:\n  policies: |\n"
        + policies.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }
}
