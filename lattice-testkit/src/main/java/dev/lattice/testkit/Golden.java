package dev.lattice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Approval-style golden files. A golden file is reviewed once and checked in; a change to derived output shows up
 * as a failing test with the difference, and is accepted only by re-running with {@code -Dlattice.golden.update=true}
 * and reviewing the diff (plus a CHANGELOG line saying what changed for users).
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("lattice.golden.update");
  }

  /** Asserts {@code actual} equals the golden file, or rewrites the file when updating. */
  public static void assertMatches(Path golden, String actual) {
    try {
      if (updating()) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(golden)
          .withFailMessage(
              "golden file %s is missing; run the test with -Dlattice.golden.update=true, review it, commit it",
              golden)
          .exists();
      assertThat(actual)
          .as("derived output differs from %s (if the change is intended, re-run with "
              + "-Dlattice.golden.update=true, review the diff and add a CHANGELOG line)", golden)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that directory {@code actual} holds exactly the files of directory {@code golden}, with equal contents
   * (or replaces the golden directory when updating).
   */
  public static void assertDirectoryMatches(Path golden, Path actual) {
    try {
      if (updating()) {
        if (Files.exists(golden)) {
          try (Stream<Path> old = Files.walk(golden)) {
            for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
        }
      }
      List<Path> actualFiles = relativeFiles(actual);
      if (!updating()) {
        assertThat(relativeFiles(golden)).as("files under %s", golden).isEqualTo(actualFiles);
      }
      for (Path file : actualFiles) {
        assertMatches(golden.resolve(file.toString()), Files.readString(actual.resolve(file.toString())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> relativeFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      // .lattice/ holds lattice derive's cache (DerivationCache), not derived output.
      return walk.filter(Files::isRegularFile).map(dir::relativize)
          .filter(p -> !p.startsWith(".lattice")).sorted().toList();
    }
  }
}
