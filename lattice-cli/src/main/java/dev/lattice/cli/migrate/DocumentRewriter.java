package dev.lattice.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes one converted document by applying the difference between the original tree and the converted tree to
 * the original lines, so that what did not change keeps its exact text. A field that keeps its path is edited in
 * place (a changed scalar keeps its quoting style, a flow mapping keeps its untouched entries' text); a field at a
 * new path takes the lines of the removed field it came from (same name, same or similar value), comments
 * included, re-indented to its new depth, and stands where that field stood; anything else is written fresh.
 * The result is checked by the caller, who parses it again and compares it with the conversion.
 */
final class DocumentRewriter {
  private final SourceText text;
  private final int indent;
  private final YamlEmitter emitter;
  private final ObjectNode target;
  private final List<SourceEntry> candidates = new ArrayList<>();

  private sealed interface Plan permits Moved, Composed, Fresh {}

  private record Moved(SourceEntry source) implements Plan {}

  private record Composed(Map<String, Plan> children) implements Plan {}

  private record Fresh() implements Plan {}

  private DocumentRewriter(SourceText text, int indent, ObjectNode target) {
    this.text = text;
    this.indent = indent;
    this.emitter = new YamlEmitter(text.newline(), indent);
    this.target = target;
  }

  /** The lines of the converted document whose root mapping's entries are {@code entries}. */
  static List<String> rewrite(SourceText text, List<SourceEntry> entries, ObjectNode original, ObjectNode target) {
    List<SourceEntry> all = new ArrayList<>();
    entries.forEach(entry -> entry.collect(all));
    // New mappings are indented as the document indents its own (2 spaces when it has no nested mapping).
    int indent = all.stream().filter(e -> e.parent != null).mapToInt(e -> e.column - e.parent.column)
        .filter(step -> step > 0).findFirst().orElse(2);
    DocumentRewriter rewriter = new DocumentRewriter(text, indent, target);
    for (SourceEntry entry : all) {
      if (at(target, entry.path) == null) {
        rewriter.candidates.add(entry); // gone from its path: its lines may serve a field at a new path
      }
    }
    int column = entries.isEmpty() ? 0 : entries.get(0).column;
    return rewriter.mapping(entries, original, target, column);
  }

  private static JsonNode at(JsonNode tree, List<String> path) {
    JsonNode node = tree;
    for (String key : path) {
      node = node != null && node.isObject() ? node.get(key) : null;
    }
    return node;
  }

  /** The entries of a block mapping, as lines at {@code column}. */
  private List<String> mapping(List<SourceEntry> entries, JsonNode original, JsonNode converted, int column) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    for (Iterator<String> keys = converted.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!original.has(key)) {
        plans.put(key, plan(key, converted.get(key)));
      }
    }
    return place(entries, converted, plans, column);
  }

  /**
   * Kept fields in their original order; each new field sourced from a removed one where that one stood (several
   * in the order of their sources), the others after the field they follow in the conversion.
   */
  private List<String> place(List<SourceEntry> entries, JsonNode converted, Map<String, Plan> plans, int column) {
    List<Map.Entry<String, List<String>>> pieces = new ArrayList<>();
    List<String> placed = new ArrayList<>();
    for (SourceEntry entry : entries) {
      if (converted.has(entry.key) && !plans.containsKey(entry.key)) {
        pieces.add(Map.entry(entry.key, shifted(entry(entry, converted.get(entry.key), entry.key), column
            - entry.column)));
        placed.add(entry.key);
        continue;
      }
      List<String> here = plans.keySet().stream()
          .filter(key -> !placed.contains(key) && firstSource(plans.get(key)) != null
              && firstSource(plans.get(key)).within(entry))
          .sorted(Comparator.comparingInt(key -> firstSource(plans.get(key)).keyLine))
          .toList();
      for (String key : here) {
        pieces.add(Map.entry(key, render(key, converted.get(key), plans.get(key), column)));
        placed.add(key);
      }
    }
    plans.keySet().stream()
        .filter(key -> !placed.contains(key) && firstSource(plans.get(key)) != null)
        .sorted(Comparator.comparingInt(key -> firstSource(plans.get(key)).keyLine))
        .forEach(key -> {
          pieces.add(Map.entry(key, render(key, converted.get(key), plans.get(key), column)));
          placed.add(key);
        });
    String previous = null;
    for (Iterator<String> keys = converted.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!placed.contains(key)) {
        int at = pieces.size();
        for (int i = 0; i < pieces.size(); i++) {
          if (pieces.get(i).getKey().equals(previous)) {
            at = i + 1;
          }
        }
        pieces.add(at, Map.entry(key, render(key, converted.get(key), plans.get(key), column)));
        placed.add(key);
      }
      previous = key;
    }
    List<String> lines = new ArrayList<>();
    pieces.forEach(piece -> lines.addAll(piece.getValue()));
    return lines;
  }

  private List<String> render(String key, JsonNode value, Plan plan, int column) {
    if (plan instanceof Moved moved) {
      List<String> lines = new ArrayList<>(ancestorComments(moved.source(), column));
      lines.addAll(shifted(entry(moved.source(), value, key), column - moved.source().column));
      return lines;
    }
    if (plan instanceof Composed composed) {
      List<String> lines = new ArrayList<>();
      lines.add(" ".repeat(column) + emitter.key(key) + ":" + text.newline());
      lines.addAll(place(List.of(), value, composed.children(), column + indent));
      return lines;
    }
    return emitter.entry(key, value, column);
  }

  /** Where a new field's text comes from: a removed entry, new entries built from removed ones, or nothing. */
  private Plan plan(String key, JsonNode value) {
    SourceEntry best = null;
    int bestScore = 0;
    for (SourceEntry candidate : candidates) {
      int score = available(candidate) ? score(candidate, key, value) : 0;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best != null) {
      List<SourceEntry> taken = new ArrayList<>();
      best.collect(taken);
      taken.forEach(entry -> entry.used = true);
      return new Moved(best);
    }
    if (value.isObject() && !value.isEmpty()) {
      Map<String, Plan> children = new LinkedHashMap<>();
      value.fields().forEachRemaining(field -> children.put(field.getKey(), plan(field.getKey(), field.getValue())));
      if (children.values().stream().anyMatch(p -> !(p instanceof Fresh))) {
        return new Composed(children);
      }
    }
    return new Fresh();
  }

  /** Unused, and neither inside nor around an entry already taken. */
  private boolean available(SourceEntry candidate) {
    for (SourceEntry e = candidate; e != null; e = e.parent) {
      if (e.used) {
        return false;
      }
    }
    List<SourceEntry> below = new ArrayList<>();
    candidate.collect(below);
    return below.stream().noneMatch(e -> e.used);
  }

  /** 3: same name and value; 2: same non-empty collection; 1: same name, most of the value's leaves the same. */
  private static int score(SourceEntry candidate, String key, JsonNode value) {
    boolean sameName = candidate.key.equals(key);
    boolean sameValue = candidate.value != null && Trees.same(candidate.value, value);
    if (sameName && sameValue) {
      return 3;
    }
    if (sameValue && value.isContainerNode() && !value.isEmpty()) {
      return 2;
    }
    return sameName && candidate.value != null && Trees.similarity(candidate.value, value) > 0.5 ? 1 : 0;
  }

  private static SourceEntry firstSource(Plan plan) {
    if (plan instanceof Moved moved) {
      return moved.source();
    }
    if (plan instanceof Composed composed) {
      return composed.children().values().stream().map(DocumentRewriter::firstSource)
          .filter(java.util.Objects::nonNull).min(Comparator.comparingInt(e -> e.keyLine)).orElse(null);
    }
    return null;
  }

  /** The comment and blank lines above removed fields that held a moved one: they travel with the first one out. */
  private List<String> ancestorComments(SourceEntry source, int column) {
    List<SourceEntry> removed = new ArrayList<>();
    for (SourceEntry e = source.parent; e != null && at(target, e.path) == null; e = e.parent) {
      removed.add(0, e);
    }
    List<String> lines = new ArrayList<>();
    for (SourceEntry e : removed) {
      if (!e.leadEmitted) {
        e.leadEmitted = true;
        for (int line = e.leadStart; line < e.keyLine; line++) {
          lines.add(SourceText.indent(text.line(line), column - e.column));
        }
      }
    }
    return lines;
  }

  private static List<String> shifted(List<String> lines, int delta) {
    if (delta == 0) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    lines.forEach(line -> out.add(SourceText.indent(line, delta)));
    return out;
  }

  /** One entry's lines at its original column, for the converted value under {@code key}. */
  private List<String> entry(SourceEntry entry, JsonNode converted, String key) {
    if (key.equals(entry.key) && entry.value != null && Trees.same(entry.value, converted)) {
      return text.lines(entry.leadStart, entry.end);
    }
    List<String> lines = text.lines(entry.leadStart, entry.keyLine);
    String keyLine = text.line(entry.keyLine);
    Node keyNode = entry.tuple.getKeyNode();
    int keyEnd = text.offset(keyNode.getEndMark());
    String prefix = keyLine.substring(0, text.offset(keyNode.getStartMark()))
        + (key.equals(entry.key) ? keyLine.substring(text.offset(keyNode.getStartMark()), keyEnd) : emitter.key(key));
    String afterKey = keyLine.substring(keyEnd);
    Node node = entry.valueNode();
    if (entry.blockMapping() && converted.isObject() && !converted.isEmpty()) {
      lines.add(prefix + afterKey);
      lines.addAll(mapping(entry.children, entry.value, converted, entry.children.get(0).column));
      return lines;
    }
    boolean oneLine = node.getStartMark().getLine() == entry.keyLine && node.getEndMark().getLine() == entry.keyLine;
    String inline = oneLine ? inline(node, entry.value, converted, false) : null;
    if (inline != null) {
      int start = text.offset(node.getStartMark());
      int end = text.offset(node.getEndMark());
      lines.add(prefix + keyLine.substring(keyEnd, start) + inline + keyLine.substring(end));
      lines.addAll(text.lines(entry.keyLine + 1, entry.end)); // comment lines after a one-line value
      return lines;
    }
    List<String> fresh = emitter.entry(key, converted, entry.column);
    fresh.set(0, prefix + fresh.get(0).substring(entry.column + emitter.key(key).length()));
    lines.addAll(fresh);
    return lines;
  }

  /** A one-line value rewritten in its own style, or null when it must be written fresh. */
  private String inline(Node node, JsonNode original, JsonNode converted, boolean inFlow) {
    if (node instanceof ScalarNode scalar && converted.isValueNode()) {
      return emitter.scalar(converted, scalar.getScalarStyle(), inFlow);
    }
    if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.FLOW && converted.isObject()
        && original != null && original.isObject()) {
      List<String> parts = new ArrayList<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = ((ScalarNode) tuple.getKeyNode()).getValue();
        if (converted.has(key)) {
          parts.add(flowPart(tuple.getKeyNode(), tuple.getValueNode(), original.get(key), converted.get(key)));
        }
      }
      converted.fields().forEachRemaining(field -> {
        if (!original.has(field.getKey())) {
          parts.add(emitter.key(field.getKey()) + ": " + emitter.flow(field.getValue()));
        }
      });
      return "{" + String.join(", ", parts) + "}";
    }
    if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == FlowStyle.FLOW && converted.isArray()
        && original != null && original.isArray()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < converted.size(); i++) {
        parts.add(i < sequence.getValue().size()
            ? flowPart(null, sequence.getValue().get(i), original.get(i), converted.get(i))
            : emitter.flow(converted.get(i)));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return null;
  }

  private String flowPart(Node key, Node value, JsonNode original, JsonNode converted) {
    int line = value.getStartMark().getLine();
    String source = text.line(line);
    int from = text.offset(key == null ? value.getStartMark() : key.getStartMark());
    int valueStart = text.offset(value.getStartMark());
    if (original != null && Trees.same(original, converted)) {
      return source.substring(from, text.offset(value.getEndMark()));
    }
    String inline = inline(value, original, converted, true);
    return source.substring(from, valueStart) + (inline != null ? inline : emitter.flow(converted));
  }
}
