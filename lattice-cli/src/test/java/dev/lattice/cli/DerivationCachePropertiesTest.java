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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;

/**
 * A wrong cache hit is a correctness bug: over random sequences of edits (services changed, added, removed;
 * policies and platform settings changed; output files edited, touched or deleted by hand, one keeping its size
 * and time; either cache file damaged or cut short; a file the reader skips added; the report options or the Lattice build
 * changed), every
 * {@code derive --output-dir} into the same directory, cache on, gives byte for byte the files, report and exit
 * status that a run without any cache into an empty directory gives. The read cache is part of it: input files
 * are rewritten only when their text changes, and one edit keeps a file's size and sets its modification time back
 * (its times are trusted at once here, {@code lattice.readCache.settleMillis=0}, so only ctime can give it away).
 * An unchanged re-run is a replay of the last run's report ({@code RunReplayTest}); it is held to the same bytes.
 */
class DerivationCachePropertiesTest {
  private static final List<String> PLATFORMS = List.of(
      "",
      platform("the platform team (#help)", "permit(principal, action, resource);"),
      platform("the platform team (#other)", "permit(principal, action, resource);\n"
          + "forbid(principal, action == Lattice::Action::\"OverrideSecurity\", resource);"),
      platform("the platform team (#help)", "permit(principal, action == Lattice::Action::\"AccessSecret\", "
          + "resource);"));

  @TempDir Path dir;

  @org.junit.jupiter.api.AfterEach
  void settleAsUsual() {
    System.clearProperty("lattice.readCache.settleMillis");
    System.clearProperty("lattice.build.salt");
  }

  private static final List<List<String>> OPTIONS = List.of(List.of(), List.of("--summary"),
      List.of("--report", "json"), List.of("--strict"), List.of("--report", "github", "--summary"));

  @Test
  @DisplayName("cached and uncached runs agree byte for byte over random edit sequences")
  void cachedRunsMatchUncachedRuns() {
    System.setProperty("lattice.readCache.settleMillis", "0");
    qt().withExamples(Integer.getInteger("QT_EXAMPLES", 12))
        .forAll(SpecGenerators.fleets(5, 10), lists().of(SpecGenerators.services(15)).ofSizeBetween(0, 6),
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
    Path input = example.resolve("in");
    Path cached = example.resolve("cached");
    List<Map<String, Object>> services = new ArrayList<>(initial);
    List<Map<String, Object>> pool = new ArrayList<>(extra);
    String platform = PLATFORMS.get(random.nextInt(PLATFORMS.size()));
    List<String> options = OPTIONS.get(random.nextInt(OPTIONS.size()));
    int skipped = 0;
    System.clearProperty("lattice.build.salt");
    int steps = 2 + random.nextInt(6);
    for (int step = 0; step < steps; step++) {
      List<String> edits = new ArrayList<>();
      if (step > 0) {
        switch (random.nextInt(14)) {
          case 0 -> { // a service replaced by another spec under the same name
            if (!services.isEmpty() && !pool.isEmpty()) {
              int i = random.nextInt(services.size());
              Map<String, Object> next = new LinkedHashMap<>(pool.remove(0));
              next.put("metadata", services.get(i).get("metadata"));
              services.set(i, next);
              edits.add("replaced service " + i);
            }
          }
          case 1 -> {
            if (!services.isEmpty()) {
              edits.add("removed service " + services.remove(random.nextInt(services.size())).get("metadata"));
            }
          }
          case 2 -> {
            if (!pool.isEmpty()) {
              services.add(pool.remove(0));
              edits.add("added a service");
            }
          }
          case 3 -> {
            platform = PLATFORMS.get(random.nextInt(PLATFORMS.size()));
            edits.add("platform " + PLATFORMS.indexOf(platform));
          }
          case 4 -> edits.add("edited " + touchOutput(cached, random, false));
          case 5 -> edits.add("deleted " + touchOutput(cached, random, true));
          case 6 -> { // either cache damaged: JSON text (an older release's form), or cut short
            Path cache = cached.resolve(random.nextBoolean() ? ".lattice/derive-cache.smile"
                : ".lattice/read-cache.smile");
            if (Files.exists(cache)) {
              switch (random.nextInt(3)) {
                case 0 -> Files.writeString(cache, "{\"format\": 7");
                case 1 -> Files.writeString(cache, "[]");
                default -> Files.write(cache, java.util.Arrays.copyOf(Files.readAllBytes(cache),
                    (int) (Files.size(cache) / 2)));
              }
              edits.add("damaged " + cache.getFileName());
            }
          }
          case 7 -> edits.add("kept size and time of " + sameSizeEdit(input, random));
          case 8 -> edits.add("kept size and time of output " + sameSizeOutputEdit(cached, random));
          case 9 -> edits.add("touched " + touchTime(cached, random));
          case 10 -> {
            options = OPTIONS.get(random.nextInt(OPTIONS.size()));
            edits.add("options " + options);
          }
          case 11 -> {
            System.setProperty("lattice.build.salt", "build-" + step);
            edits.add("another Lattice build");
          }
          case 12 -> {
            skipped++;
            edits.add("added a file the reader skips");
          }
          default -> edits.add("nothing changed");
        }
      }
      writeInput(input, services, platform, skipped);
      Path fresh = example.resolve("fresh-" + step);
      // A run that wrote no file (every service rejected) keeps no cache, so the next one has nothing to hit.
      boolean hadCache = Files.exists(cached.resolve(".lattice/derive-cache.smile"));
      List<String> cachedArgs = new ArrayList<>(List.of("derive", "--timings", "--output-dir", cached.toString()));
      List<String> freshArgs = new ArrayList<>(List.of("derive", "--no-cache", "--output-dir", fresh.toString()));
      cachedArgs.addAll(options);
      freshArgs.addAll(options);
      cachedArgs.add(input.toString());
      freshArgs.add(input.toString());
      CliRun withCache = CliRun.of(cachedArgs.toArray(String[]::new));
      CliRun without = CliRun.of(freshArgs.toArray(String[]::new));
      String context = "step " + step + " " + edits;
      assertThat(withCache.exitCode()).as(context).isEqualTo(without.exitCode());
      assertThat(withCache.out().replace(cached.toString(), "OUT")).as(context)
          .isEqualTo(without.out().replace(fresh.toString(), "OUT"));
      assertThat(files(cached)).as(context).isEqualTo(files(fresh));
      if (edits.contains("nothing changed")) {
        // No file written or removed (modification times stay), and with a cache every service a hit.
        assertThat(withCache.err()).as(context).containsPattern("files +0 written, \\d+ unchanged, 0 removed");
        if (hadCache) {
          assertThat(withCache.err()).as(context).containsPattern("cache +\\d+ hits, 0 derived")
              .contains("timing replay");
        }
      }
    }
  }

  /** Edits one written file without changing its size, and sets its modification time back; returns which. */
  private static String sameSizeOutputEdit(Path out, Random random) throws IOException {
    List<Path> written = new ArrayList<>(files(out).keySet().stream().map(out::resolve).toList());
    if (written.isEmpty()) {
      return "nothing";
    }
    Path file = written.get(random.nextInt(written.size()));
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
    String text = Files.readString(file);
    int at = text.indexOf("name: ") + "name: ".length();
    if (at < "name: ".length() || at >= text.length()) {
      return "nothing";
    }
    char c = text.charAt(at);
    Files.writeString(file, text.substring(0, at) + (c == 'q' ? 'r' : 'q') + text.substring(at + 1));
    Files.setLastModifiedTime(file, time);
    return out.relativize(file).toString();
  }

  /** Moves one written file's modification time, its bytes unchanged; returns which. */
  private static String touchTime(Path out, Random random) throws IOException {
    List<Path> written = new ArrayList<>(files(out).keySet().stream().map(out::resolve).toList());
    if (written.isEmpty()) {
      return "nothing";
    }
    Path file = written.get(random.nextInt(written.size()));
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(file).toMillis() - 60_000));
    return out.relativize(file).toString();
  }

  /** Edits (or deletes) one derived file by hand, as a user might; returns which. */
  private static String touchOutput(Path out, Random random, boolean delete) throws IOException {
    List<Path> written = new ArrayList<>(files(out).keySet().stream().map(out::resolve).toList());
    if (written.isEmpty()) {
      return "nothing";
    }
    Path file = written.get(random.nextInt(written.size()));
    if (delete) {
      Files.delete(file);
    } else {
      Files.writeString(file, "# edited by hand\n", java.nio.file.StandardOpenOption.APPEND);
    }
    return out.relativize(file).toString();
  }

  /**
   * Edits one service file in place without changing its size (one character of its last line), and sets its
   * modification time back; returns which. The spec in {@code services} no longer matches it, so the next
   * {@link #writeInput} keeps the edited text (it writes only files whose wanted text it did not write before).
   */
  private static String sameSizeEdit(Path input, Random random) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(input)) {
      files = list.filter(p -> p.getFileName().toString().startsWith("service-")).sorted().toList();
    }
    if (files.isEmpty()) {
      return "nothing";
    }
    Path file = files.get(random.nextInt(files.size()));
    java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
    String text = Files.readString(file);
    int at = text.stripTrailing().length() - 1;
    char c = text.charAt(at);
    char replacement = c == 'x' ? 'y' : Character.isDigit(c) ? (c == '7' ? '8' : '7') : 'x';
    Files.writeString(file, text.substring(0, at) + replacement + text.substring(at + 1));
    Files.setLastModifiedTime(file, time);
    return input.relativize(file).toString();
  }

  /** What {@link #writeInput} last wrote, by file: a file is rewritten only when what it should hold changes. */
  private final Map<Path, String> wanted = new java.util.HashMap<>();

  private void writeInput(Path input, List<Map<String, Object>> services, String platform, int skipped)
      throws IOException {
    Map<Path, String> next = new TreeMap<>();
    for (int i = 0; i < skipped; i++) {
      next.put(input.resolve("namespace-" + i + ".yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-"
          + i + "\n");
    }
    for (int i = 0; i < services.size(); i++) {
      next.put(input.resolve("service-" + i + ".yaml"), SpecGenerators.yaml(services.get(i)));
    }
    if (!platform.isEmpty()) {
      next.put(input.resolve("platform.yaml"), platform);
    }
    Files.createDirectories(input);
    try (Stream<Path> list = Files.list(input)) {
      for (Path p : list.toList()) {
        if (!next.containsKey(p)) {
          Files.delete(p);
          wanted.remove(p);
        }
      }
    }
    for (Map.Entry<Path, String> file : next.entrySet()) {
      if (!file.getValue().equals(wanted.get(file.getKey()))) {
        Files.writeString(file.getKey(), file.getValue());
        wanted.put(file.getKey(), file.getValue());
      }
    }
  }

  /** Every file under {@code out} except the cache folder, by relative path, with its text. */
  private static Map<String, String> files(Path out) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(out)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String relative = out.relativize(p).toString();
        if (!relative.startsWith(".lattice")) {
          files.put(relative, Files.readString(p));
        }
      }
    }
    return files;
  }

  private static String platform(String contact, String policies) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lattice-platform\n  namespace: lattice-system\n"
        + "data:\n  contact: \"" + contact + "\"\n---\napiVersion: lattice.dev/v1alpha1\nkind: CedarPolicy\n"
        + "metadata:\n  name: platform\n  namespace: lattice-system\nspec:\n  policies: |\n"
        + policies.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }
}
