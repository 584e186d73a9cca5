package dev.lattice.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * RELIABILITY.md, generated: the promise table ({@code docs/reliability/promises.yaml}) and the figures rows, one per
 * test that recorded counts with {@link ReliabilityFigures}. Rows of tests that did not run this time are kept from
 * the file as it was, so a unit-test-only run does not drop the figures of the last IT run.
 */
public final class ReliabilityDoc {
  public static final String PROMISES = "docs/reliability/promises.yaml";
  public static final String DOC = "RELIABILITY.md";
  static final String BEGIN = "<!-- reliability:begin -->";
  static final String END = "<!-- reliability:end -->";
  private static final int WIDTH = 118;

  /** The YAML file's shape. */
  public record Promises(String title, String intro, List<Section> sections, String figures) {}

  public record Section(String title, List<Promise> promises) {}

  public record Promise(String promise, List<String> proof) {
    /** The test classes named by {@link #proof} (an entry is a class name, optionally followed by a note). */
    public List<String> testClasses() {
      return proof.stream().map(p -> p.split("[ (]", 2)[0]).toList();
    }
  }

  private ReliabilityDoc() {}

  /** The repository root: the nearest directory up from {@code start} that holds the promise table. */
  public static Path root(Path start) {
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(PROMISES))) {
        return p;
      }
    }
    throw new IllegalStateException("no " + PROMISES + " above " + start.toAbsolutePath());
  }

  public static Promises promises(Path root) {
    try {
      return new YAMLMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .readValue(root.resolve(PROMISES).toFile(), Promises.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The figures rows of the document as it stands, by test name (empty when it has none). */
  public static SortedMap<String, String> figuresRows(String doc) {
    SortedMap<String, String> rows = new TreeMap<>();
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    if (begin < 0 || end < begin) {
      return rows;
    }
    for (String line : doc.substring(begin, end).split("\n")) {
      if (line.startsWith("| `")) {
        rows.put(line.substring(3, line.indexOf('`', 3)), line);
      }
    }
    return rows;
  }

  /** One row per {@code <module>/target/reliability/*.json} under {@code root}. */
  public static SortedMap<String, String> recordedRows(Path root) {
    SortedMap<String, String> rows = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path dir : modules.map(m -> m.resolve("target/reliability")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
            JsonNode node = json.readTree(f.toFile());
            rows.put(node.path("test").asText(), row(node));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static String row(JsonNode node) {
    List<String> figures = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("test") && !e.getKey().equals("date")) {
        figures.add(e.getKey() + " " + e.getValue().asText());
      }
    }
    return "| `%s` | %s | %s |".formatted(node.path("test").asText(), node.path("date").asText(),
        String.join(", ", figures));
  }

  /** The whole document. */
  public static String render(Promises p, SortedMap<String, String> figuresRows) {
    StringBuilder out = new StringBuilder("# ").append(p.title()).append("\n\n");
    out.append(wrap(p.intro())).append('\n');
    for (Section s : p.sections()) {
      out.append("\n## ").append(s.title()).append("\n\n| Promise | Proven by |\n|---|---|\n");
      for (Promise row : s.promises()) {
        out.append("| ").append(row.promise().strip()).append(" | ")
            .append(String.join(", ", row.proof().stream().map(ReliabilityDoc::proof).toList())).append(" |\n");
      }
    }
    out.append("\n## Figures of the last run\n\n").append(wrap(p.figures())).append("\n\n").append(BEGIN)
        .append("\n| Test | Run on | Figures |\n|---|---|---|\n");
    figuresRows.values().forEach(r -> out.append(r).append('\n'));
    return out.append(END).append('\n').toString();
  }

  private static String proof(String entry) {
    String[] parts = entry.split(" ", 2);
    return "`" + parts[0] + "`" + (parts.length > 1 ? " " + parts[1] : "");
  }

  private static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    int col = 0;
    for (String word : text.strip().split("\\s+")) {
      if (col > 0 && col + 1 + word.length() > WIDTH) {
        out.append('\n');
        col = 0;
      } else if (col > 0) {
        out.append(' ');
        col++;
      }
      out.append(word);
      col += word.length();
    }
    return out.toString();
  }

  /** Regenerates RELIABILITY.md from the promise table and the figures of the last run (bench/reliability). */
  public static void main(String[] args) throws IOException {
    Path root = root(Path.of(args.length > 0 ? args[0] : "."));
    Path doc = root.resolve(DOC);
    SortedMap<String, String> rows = figuresRows(Files.exists(doc) ? Files.readString(doc) : "");
    rows.putAll(recordedRows(root));
    Files.writeString(doc, render(promises(root), rows));
  }
}
