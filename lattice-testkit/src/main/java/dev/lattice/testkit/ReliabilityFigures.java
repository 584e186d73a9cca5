package dev.lattice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts a reliability test records for RELIABILITY.md ({@code bench/reliability} gathers them): one small JSON
 * file per test under the module's {@code target/reliability/}, overwritten on every run.
 */
public final class ReliabilityFigures {
  private ReliabilityFigures() {}

  /** Writes {@code figures} (names to whole numbers) as {@code target/reliability/<test>.json}. */
  public static void record(String test, Map<String, Long> figures) {
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("test", test);
    json.put("date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
    json.putAll(new TreeMap<>(figures));
    try {
      Path dir = Files.createDirectories(Path.of("target", "reliability"));
      new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(test + ".json").toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
