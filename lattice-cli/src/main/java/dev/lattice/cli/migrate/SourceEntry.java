package dev.lattice.cli.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One {@code key: value} of a block mapping in the original text, with the lines it owns: the comment and blank
 * lines just above its key ({@code leadStart}..{@code keyLine}), its key line and everything up to the next entry's
 * comments ({@code end}). Entries of a block mapping value are its {@code children}, so that a subtree moved to
 * another place can carry its own lines (and comments) along.
 */
final class SourceEntry {
  final SourceEntry parent;
  final List<String> path;
  final String key;
  final NodeTuple tuple;
  final JsonNode value;
  final int leadStart;
  final int keyLine;
  final int end;
  final int column;
  final List<SourceEntry> children = new ArrayList<>();
  boolean used;
  boolean leadEmitted;

  private SourceEntry(SourceEntry parent, List<String> path, String key, NodeTuple tuple, JsonNode value,
      int leadStart, int end) {
    this.parent = parent;
    this.path = path;
    this.key = key;
    this.tuple = tuple;
    this.value = value;
    this.leadStart = leadStart;
    this.keyLine = tuple.getKeyNode().getStartMark().getLine();
    this.end = end;
    this.column = tuple.getKeyNode().getStartMark().getColumn();
  }

  Node valueNode() {
    return tuple.getValueNode();
  }

  boolean blockMapping() {
    return valueNode() instanceof MappingNode m && m.getFlowStyle() == FlowStyle.BLOCK && !m.getValue().isEmpty();
  }

  /** The entries of a block mapping whose own lines start at {@code floor} and end before {@code end}. */
  static List<SourceEntry> entries(SourceText text, SourceEntry parent, List<String> path, MappingNode mapping,
      JsonNode json, int floor, int end) {
    List<NodeTuple> tuples = mapping.getValue();
    int[] leads = new int[tuples.size()];
    int previousEnd = floor;
    for (int i = 0; i < tuples.size(); i++) {
      int lead = tuples.get(i).getKeyNode().getStartMark().getLine();
      while (lead > previousEnd && text.commentOrBlank(lead - 1)) {
        lead--;
      }
      leads[i] = lead;
      previousEnd = contentEnd(tuples.get(i).getValueNode());
    }
    List<SourceEntry> entries = new ArrayList<>();
    for (int i = 0; i < tuples.size(); i++) {
      NodeTuple tuple = tuples.get(i);
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      List<String> childPath = new ArrayList<>(path);
      childPath.add(key);
      int entryEnd = i + 1 < tuples.size() ? leads[i + 1] : end;
      SourceEntry entry = new SourceEntry(parent, List.copyOf(childPath), key, tuple, json.get(key), leads[i],
          entryEnd);
      if (entry.blockMapping()) {
        entry.children.addAll(entries(text, entry, entry.path, (MappingNode) tuple.getValueNode(), entry.value,
            entry.keyLine + 1, entryEnd));
      }
      entries.add(entry);
    }
    return entries;
  }

  /** The first line after a value's own text (a block collection ends with its last item). */
  static int contentEnd(Node node) {
    if (node instanceof MappingNode m && m.getFlowStyle() == FlowStyle.BLOCK && !m.getValue().isEmpty()) {
      return contentEnd(m.getValue().get(m.getValue().size() - 1).getValueNode());
    }
    if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode s && s.getFlowStyle() == FlowStyle.BLOCK
        && !s.getValue().isEmpty()) {
      return contentEnd(s.getValue().get(s.getValue().size() - 1));
    }
    return SourceText.lineAfter(node.getEndMark());
  }

  /** This entry and every entry below it. */
  void collect(List<SourceEntry> all) {
    all.add(this);
    children.forEach(child -> child.collect(all));
  }

  boolean within(SourceEntry ancestor) {
    for (SourceEntry e = this; e != null; e = e.parent) {
      if (e == ancestor) {
        return true;
      }
    }
    return false;
  }
}
