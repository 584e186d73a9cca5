package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code release/expected-changes.yaml}: the changes a release declares, each with the CHANGELOG.md line that
 * announces it. Reading fails with every problem at once, each naming the field path and the fix.
 */
public record Expectations(List<Expectation> changes) {
  private static final Set<String> CHANGES = Set.of("added", "removed", "changed", "gained", "lost");

  public Expectations {
    changes = List.copyOf(changes);
  }

  /** The file is unusable; the message lists each problem. */
  public static final class ExpectationsException extends IOException {
    public ExpectationsException(String message) {
      super(message);
    }
  }

  public static Expectations none() {
    return new Expectations(List.of());
  }

  /**
   * Reads the declarations and checks that each one's changelog line is in {@code changelog} (whitespace
   * collapsed), so a declared change cannot ship unannounced.
   */
  public static Expectations read(Path file, Path changelog) throws IOException {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ExpectationsException(file + ": no such file. Fix: create it with `changes: []`, or give "
          + "--expected FILE.");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ExpectationsException(file + ": not YAML (" + e.getOriginalMessage() + ").");
    }
    String announced = "";
    if (Files.exists(changelog)) {
      announced = collapse(Files.readString(changelog));
    }
    List<String> problems = new ArrayList<>();
    List<Expectation> changes = new ArrayList<>();
    JsonNode list = root == null ? null : root.path("changes");
    if (list == null || !list.isArray()) {
      throw new ExpectationsException(file + ": changes: must be a list of declared changes (kind, path, change, "
          + "changelog, optional services). Fix: write `changes: []` when the release changes nothing.");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String at = "changes[" + i + "]";
      String kind = text(entry, "kind", at, problems);
      String path = text(entry, "path", at, problems);
      String change = text(entry, "change", at, problems);
      String line = text(entry, "changelog", at, problems);
      String services = entry.path("services").isTextual() ? entry.path("services").asText() : null;
      if (change != null && !CHANGES.contains(change)) {
        problems.add(at + ".change: \"" + change + "\" is not a kind of change. Fix: one of added, removed, "
            + "changed (objects and fields), gained, lost (Access).");
      }
      if (line != null && !announced.contains(collapse(line))) {
        problems.add(at + ".changelog: \"" + line + "\" is not in " + changelog + ". Fix: add that line under "
            + "## Unreleased in " + changelog + ", or quote the line that announces the change.");
      }
      if (kind != null && path != null && change != null && line != null) {
        changes.add(new Expectation(kind, path, change, services, line));
      }
    }
    if (!problems.isEmpty()) {
      throw new ExpectationsException(file + ":\n  " + String.join("\n  ", problems));
    }
    return new Expectations(changes);
  }

  private static String text(JsonNode entry, String field, String at, List<String> problems) {
    JsonNode value = entry.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(at + "." + field + ": missing. Fix: every declaration names kind, path, change and changelog.");
      return null;
    }
    return value.asText();
  }

  private static String collapse(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
