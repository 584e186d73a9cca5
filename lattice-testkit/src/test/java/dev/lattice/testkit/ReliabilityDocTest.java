package dev.lattice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md is what the promise table generates, and the table names tests that exist. */
class ReliabilityDocTest {
  private static final Path ROOT = ReliabilityDoc.root(Path.of(""));
  private static final Pattern RECORDS = Pattern.compile("ReliabilityFigures\\.record\\(\\s*\"([A-Za-z0-9]+)\"");

  @Test
  @DisplayName("RELIABILITY.md is generated from docs/reliability/promises.yaml (-Dlattice.golden.update=true rewrites it)")
  void documentIsUpToDate() throws IOException {
    Path doc = ROOT.resolve(ReliabilityDoc.DOC);
    String current = Files.readString(doc);
    SortedMap<String, String> rows = ReliabilityDoc.figuresRows(current);
    if (Boolean.getBoolean("lattice.golden.update")) {
      rows.putAll(ReliabilityDoc.recordedRows(ROOT));
      Files.writeString(doc, ReliabilityDoc.render(ReliabilityDoc.promises(ROOT), rows));
      return;
    }
    assertThat(current)
        .as("RELIABILITY.md is stale: run bench/reliability --no-run (or this test with -Dlattice.golden.update=true)")
        .isEqualTo(ReliabilityDoc.render(ReliabilityDoc.promises(ROOT), rows));
  }

  @Test
  @DisplayName("every test class the promise table names exists under <module>/src/test/java")
  void everyProofExists() throws IOException {
    Set<String> tests = testClasses().keySet();
    for (ReliabilityDoc.Section s : ReliabilityDoc.promises(ROOT).sections()) {
      for (ReliabilityDoc.Promise p : s.promises()) {
        assertThat(p.proof()).as("promise without proof: %s", p.promise()).isNotEmpty();
        assertThat(tests).as("tests of: %s", p.promise()).containsAll(p.testClasses());
      }
    }
  }

  @Test
  @DisplayName("every test that records figures proves a promise of the table")
  void everyRecordingTestIsListed() throws IOException {
    Set<String> listed = new TreeSet<>();
    ReliabilityDoc.promises(ROOT).sections().forEach(s -> s.promises().forEach(p -> listed.addAll(p.testClasses())));
    Set<String> recording = new TreeSet<>();
    for (var e : testClasses().entrySet()) {
      Matcher m = RECORDS.matcher(Files.readString(e.getValue()));
      while (m.find()) {
        recording.add(m.group(1));
      }
    }
    assertThat(recording).as("tests recording figures").isNotEmpty();
    assertThat(listed).containsAll(recording);
  }

  @Test
  @DisplayName("a figures row keeps the test, its date and its counts; rows of tests that did not run are kept")
  void figuresRows() throws IOException {
    var node = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree("{\"test\":\"SoakIT\",\"date\":\"2026-12-02\",\"edits\":300,\"faults\":41}");
    String row = ReliabilityDoc.row(node);
    assertThat(row).isEqualTo("| `SoakIT` | 2026-12-02 | edits 300, faults 41 |");
    String doc = "x\n" + ReliabilityDoc.BEGIN + "\n| Test | Run on | Figures |\n|---|---|---|\n" + row + "\n"
        + ReliabilityDoc.END + "\n";
    assertThat(ReliabilityDoc.figuresRows(doc)).containsExactly(java.util.Map.entry("SoakIT", row));
  }

  /** Simple name to file of every class under {@code <module>/src/test/java}. */
  private static java.util.Map<String, Path> testClasses() throws IOException {
    java.util.Map<String, Path> classes = new java.util.TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path src : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(src)) {
          files.filter(f -> f.toString().endsWith(".java"))
              .forEach(f -> classes.put(f.getFileName().toString().replace(".java", ""), f));
        }
      }
    }
    return classes;
  }
}
