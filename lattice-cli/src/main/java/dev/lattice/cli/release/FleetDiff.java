package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lattice.engine.output.Manifests;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Compares two service streams, both in fleet order, one service at a time: memory holds one service of each side,
 * the groups (a handful of counters each) and the few services that flip; the per-service diffs go to a temporary
 * file that the report reads back.
 */
public final class FleetDiff {
  /** Services named per group in reports; enough to find one, few enough to read. */
  public static final int EXAMPLES = 3;
  static final String ABSENT = "absent";

  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build())
      .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true)
      .build();

  private final Expectations expectations;
  private final boolean check;
  private final Map<GroupKey, GroupCounter> groups = new TreeMap<>();
  private final Set<Expectation> matched = new LinkedHashSet<>();
  private final List<DiffResult.Flip> flips = new ArrayList<>();

  private FleetDiff(Expectations expectations, boolean check) {
    this.expectations = expectations;
    this.check = check;
  }

  private static final class GroupCounter {
    int services;
    final List<String> examples = new ArrayList<>();
    int uncovered;
    final List<String> uncoveredExamples = new ArrayList<>();
  }

  /** The diff from {@code before} to {@code after}; with {@code check}, every change is held to the declarations. */
  public static DiffResult run(ServiceStream before, ServiceStream after, Expectations expectations, boolean check)
      throws IOException {
    return run(before, after, expectations, check, 0);
  }

  /**
   * @param alike services left out of both streams because both sides derive them under the same key (equal
   *     records): counted as compared, never as changed
   */
  static DiffResult run(ServiceStream before, ServiceStream after, Expectations expectations, boolean check,
      int alike) throws IOException {
    Path spill = Files.createTempFile("lattice-diff-", ".jsonl.gz");
    FleetDiff diff = new FleetDiff(expectations, check);
    int compared = alike;
    int changed = 0;
    try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(spill)))) {
      ServiceRecord a = before.hasNext() ? before.next() : null;
      ServiceRecord b = after.hasNext() ? after.next() : null;
      while (a != null || b != null) {
        int order = a == null ? 1 : b == null ? -1 : ServiceRecord.compareServices(a.service(), b.service());
        ServiceRecord left = order <= 0 ? a : null;
        ServiceRecord right = order >= 0 ? b : null;
        compared++;
        if (diff.service(left, right, out)) {
          changed++;
        }
        if (left != null) {
          a = before.hasNext() ? before.next() : null;
        }
        if (right != null) {
          b = after.hasNext() ? after.next() : null;
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(spill);
      throw e;
    }
    List<DiffResult.Group> groups = new ArrayList<>();
    diff.groups.forEach((key, g) -> groups.add(
        new DiffResult.Group(key, g.services, g.examples, g.uncovered, g.uncoveredExamples)));
    List<Expectation> unmatched = check
        ? expectations.changes().stream().filter(e -> !diff.matched.contains(e)).toList() : List.of();
    return new DiffResult(before.header(), after.header(), compared, changed, diff.flips, groups, unmatched, check,
        spill);
  }

  /** Compares one service (either side may be absent); true when it changed. */
  private boolean service(ServiceRecord before, ServiceRecord after, OutputStream spill) throws IOException {
    String service = before != null ? before.service() : after.service();
    String phaseBefore = before == null ? ABSENT : before.phase();
    String phaseAfter = after == null ? ABSENT : after.phase();
    Map<String, String> accessBefore = before == null ? Map.of() : before.access();
    Map<String, String> accessAfter = after == null ? Map.of() : after.access();
    Set<GroupKey> keys = new LinkedHashSet<>();

    List<String> gained = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    Set<String> asked = new java.util.TreeSet<>(accessBefore.keySet());
    asked.addAll(accessAfter.keySet());
    for (String access : asked) {
      boolean was = "allowed".equals(accessBefore.get(access));
      boolean is = "allowed".equals(accessAfter.get(access));
      if (was != is) {
        (is ? gained : lost).add(access);
        keys.add(new GroupKey("Access", access.substring(0, access.indexOf(' ')), is ? "gained" : "lost"));
      }
    }
    if (!phaseBefore.equals(phaseAfter)) {
      keys.add(new GroupKey("Phase", phaseBefore + "->" + phaseAfter, "changed"));
    }
    if (!gained.isEmpty() || !lost.isEmpty() || !phaseBefore.equals(phaseAfter)) {
      flips.add(new DiffResult.Flip(service, phaseBefore, phaseAfter, gained, lost));
    }

    Map<String, ObjectNode> objectsBefore = before == null ? Map.of() : before.objectsByIdentity();
    Map<String, ObjectNode> objectsAfter = after == null ? Map.of() : after.objectsByIdentity();
    Set<String> ids = new LinkedHashSet<>(objectsBefore.keySet());
    ids.addAll(objectsAfter.keySet());
    List<DiffResult.ObjectDiff> diffs = new ArrayList<>();
    Map<String, List<FieldChange>> changesById = new LinkedHashMap<>();
    boolean substantive = false;
    for (String id : ids) {
      ObjectNode a = objectsBefore.get(id);
      ObjectNode b = objectsAfter.get(id);
      List<FieldChange> changes = a == null ? List.of(new FieldChange("", GroupKey.OBJECT, FieldChange.Change.added))
          : b == null ? List.of(new FieldChange("", GroupKey.OBJECT, FieldChange.Change.removed))
          : TreeDiff.diff(a, b);
      if (!changes.isEmpty()) {
        changesById.put(id, changes);
        substantive |= changes.stream().anyMatch(c -> !c.isHash());
      }
    }
    boolean echoes = substantive;
    // A hash annotation that changes with other fields only echoes them; alone, it is the one sign of a change.
    for (Map.Entry<String, List<FieldChange>> entry : changesById.entrySet()) {
      String id = entry.getKey();
      String kind = id.substring(0, id.indexOf(' '));
      List<FieldChange> shown = entry.getValue().stream().filter(c -> !echoes || !c.isHash()).toList();
      if (shown.isEmpty()) {
        continue;
      }
      shown.forEach(c -> keys.add(new GroupKey(kind, c.pattern(), c.change().name())));
      String change = shown.size() == 1 && shown.get(0).pattern().equals(GroupKey.OBJECT)
          ? shown.get(0).change().name() : "changed";
      diffs.add(new DiffResult.ObjectDiff(id, change, unified(id, objectsBefore.get(id), objectsAfter.get(id))));
    }
    statusChanges(before, after, keys, !changesById.isEmpty() || !keys.isEmpty());

    if (keys.isEmpty()) {
      return false;
    }
    for (GroupKey key : keys) {
      count(key, service);
    }
    ObjectNode line = Manifests.jsonMapper().createObjectNode();
    line.put("service", service);
    ArrayNode objects = line.putArray("objects");
    diffs.forEach(d -> objects.addObject().put("object", d.object()).put("change", d.change()).put("diff", d.diff()));
    spill.write(Manifests.jsonMapper().writeValueAsBytes(line));
    spill.write('\n');
    return true;
  }

  /**
   * Condition changes: a new status or reason always counts; a new message only when nothing else changed (the
   * Ready message counts the derived objects, so it echoes every object added or removed).
   */
  private static void statusChanges(ServiceRecord before, ServiceRecord after, Set<GroupKey> keys, boolean other) {
    Map<String, JsonNode> a = conditions(before);
    Map<String, JsonNode> b = conditions(after);
    Set<String> types = new LinkedHashSet<>(a.keySet());
    types.addAll(b.keySet());
    for (String type : types) {
      JsonNode x = a.get(type);
      JsonNode y = b.get(type);
      if (x == null || y == null) {
        continue; // the service itself appeared or went: its phase says so
      }
      for (String field : new String[] {"status", "reason", "message"}) {
        if (!x.path(field).equals(y.path(field)) && (!field.equals("message") || !other)) {
          keys.add(new GroupKey("Status", "conditions[" + type + "]." + field, "changed"));
        }
      }
    }
  }

  private static Map<String, JsonNode> conditions(ServiceRecord record) {
    Map<String, JsonNode> byType = new LinkedHashMap<>();
    if (record != null) {
      record.conditions().forEach(c -> byType.put(c.path("type").asText(), c));
    }
    return byType;
  }

  private void count(GroupKey key, String service) {
    GroupCounter group = groups.computeIfAbsent(key, k -> new GroupCounter());
    group.services++;
    if (group.examples.size() < EXAMPLES) {
      group.examples.add(service);
    }
    if (!check) {
      return;
    }
    boolean covered = false;
    for (Expectation expectation : expectations.changes()) {
      if (expectation.matches(key, service)) {
        matched.add(expectation);
        covered = true;
      }
    }
    if (!covered) {
      group.uncovered++;
      if (group.uncoveredExamples.size() < EXAMPLES + 2) {
        group.uncoveredExamples.add(service);
      }
    }
  }

  /** The unified diff of the object's normalised YAML, three lines of context. */
  static String unified(String id, ObjectNode before, ObjectNode after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
        before == null ? "/dev/null" : "a/" + id, after == null ? "/dev/null" : "b/" + id, a,
        DiffUtils.diff(a, b), 3);
    return String.join("\n", diff);
  }

  private static List<String> lines(ObjectNode object) {
    if (object == null) {
      return List.of();
    }
    try {
      return YAML.writeValueAsString(TreeDiff.normalise(object)).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
