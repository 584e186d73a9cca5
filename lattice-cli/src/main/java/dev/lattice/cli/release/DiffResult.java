package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.engine.output.Manifests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * What a diff found, in report order: services whose phase or access changed, the groups, then (read back from a
 * temporary file, so they are never all in memory) each changed service's unified diffs.
 *
 * @param compared services on either side
 * @param changed services with at least one change
 */
public record DiffResult(
    SnapshotHeader before, SnapshotHeader after, int compared, int changed, List<Flip> flips, List<Group> groups,
    List<Expectation> unmatched, boolean checked, Path serviceDiffs) implements AutoCloseable {
  public DiffResult {
    flips = List.copyOf(flips);
    groups = List.copyOf(groups);
    unmatched = List.copyOf(unmatched);
  }

  /** A service that changed phase or gained or lost an access (mesh edge, secret, override, ...). */
  public record Flip(String service, String phaseBefore, String phaseAfter, List<String> gained, List<String> lost) {
    public Flip {
      gained = List.copyOf(gained);
      lost = List.copyOf(lost);
    }

    public boolean phaseChanged() {
      return !phaseBefore.equals(phaseAfter);
    }
  }

  /**
   * The services with one pattern of change.
   *
   * @param examples the first few services, in fleet order
   * @param uncovered services no declaration explains (only under --check)
   * @param uncoveredExamples the first few of those
   */
  public record Group(GroupKey key, int services, List<String> examples, int uncovered, List<String> uncoveredExamples) {
    public Group {
      examples = List.copyOf(examples);
      uncoveredExamples = List.copyOf(uncoveredExamples);
    }
  }

  /** One object's change within a service, with its unified diff. */
  public record ObjectDiff(String object, String change, String diff) {}

  /** One changed service's object diffs. */
  public record ServiceDiff(String service, List<ObjectDiff> objects) {}

  public boolean empty() {
    return changed == 0;
  }

  /** True when --check found nothing unexplained: every change declared, every declaration used. */
  public boolean explained() {
    return unmatched.isEmpty() && groups.stream().allMatch(g -> g.uncovered() == 0);
  }

  /** Hands each changed service's diffs to {@code each}, in fleet order, reading them back one at a time. */
  public void forEachServiceDiff(Consumer<ServiceDiff> each) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(serviceDiffs)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        JsonNode node = Manifests.jsonMapper().readTree(line);
        List<ObjectDiff> objects = new java.util.ArrayList<>();
        node.path("objects").forEach(o -> objects.add(new ObjectDiff(o.path("object").asText(),
            o.path("change").asText(), o.path("diff").asText())));
        each.accept(new ServiceDiff(node.path("service").asText(), objects));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(serviceDiffs);
  }
}
