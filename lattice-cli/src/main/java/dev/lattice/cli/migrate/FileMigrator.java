package dev.lattice.cli.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Decision;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Migrates the LatticeService documents of one YAML file's text; every other document, and every line between
 * documents, is kept byte for byte. The file changes only when every LatticeService in it converted, and only
 * after the new text, parsed again, gives exactly the converted trees and the untouched documents.
 */
public final class FileMigrator {
  static final String KIND = "LatticeService";
  private static final String GROUP = "lattice.dev/";
  private static final YAMLMapper MAPPER = new YAMLMapper();

  /** What migrating one file gave. */
  public sealed interface Result permits Unchanged, Changed, Undecided, Unreadable, Bug {}

  /** Nothing to convert: no LatticeService, or all already in the target version. */
  public record Unchanged() implements Result {}

  /** The file's new text and how many documents it converted. */
  public record Changed(String text, int converted) implements Result {}

  /** Decisions the team must make; the file is left as it is. */
  public record Undecided(List<Listed> decisions) implements Result {}

  /** The file cannot be read: 1-based line (0 for the whole file) and the message. */
  public record Unreadable(int line, String message) implements Result {}

  /** The rewrite disagrees with the conversion: a bug in Lattice; the file is left as it is. */
  public record Bug(String message) implements Result {}

  /** A decision with the 1-based line of its field. */
  public record Listed(int line, Decision decision) {}

  private final Converter converter;
  private final String targetApiVersion;
  private final Set<String> served;

  /** {@code served}: every served LatticeService apiVersion, e.g. lattice.dev/v1alpha1. */
  public FileMigrator(Converter converter, String targetApiVersion, Set<String> served) {
    this.converter = converter;
    this.targetApiVersion = targetApiVersion;
    this.served = served;
  }

  private record Region(int from, int to, List<String> lines, JsonNode expected) {}

  public Result migrate(String fileText) {
    SourceText text = new SourceText(fileText);
    List<Node> roots = new ArrayList<>();
    try {
      new Yaml(loaderOptions()).composeAll(new StringReader(fileText)).forEach(roots::add);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      return new Unreadable(mark == null ? 0 : mark.getLine() + 1, "invalid YAML: " + e.getProblem() + ".");
    } catch (YAMLException e) {
      return new Unreadable(0, "invalid YAML: " + e.getMessage());
    }
    List<Region> regions = new ArrayList<>();
    List<Listed> decisions = new ArrayList<>();
    List<JsonNode> expected = new ArrayList<>();
    for (Node root : roots) {
      int from = root.getStartMark().getLine();
      int to = Math.min(SourceText.lineAfter(root.getEndMark()), text.size());
      JsonNode tree;
      try {
        tree = MAPPER.readTree(String.join("", text.lines(from, to)));
      } catch (JsonProcessingException e) {
        return new Unreadable(from + 1, "invalid YAML: " + e.getOriginalMessage());
      }
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        continue;
      }
      expected.add(tree);
      if (!tree.path("kind").asText("").equals(KIND) || !tree.path("apiVersion").asText("").startsWith(GROUP)) {
        continue;
      }
      String apiVersion = tree.path("apiVersion").asText();
      if (!served.contains(apiVersion)) {
        return new Unreadable(Paths.line(root, "apiVersion"), "apiVersion " + apiVersion + " is not served for "
            + "LatticeService; served versions: " + String.join(", ", served) + ".");
      }
      if (apiVersion.equals(targetApiVersion)) {
        continue;
      }
      String unsupported = Paths.unsupported(root);
      if (unsupported != null) {
        decisions.add(new Listed(root.getStartMark().getLine() + 1, new Decision("",
            unsupported, "write it out in plain block YAML, then run lattice migrate again")));
        continue;
      }
      ConversionResult outcome = converter.convert((ObjectNode) tree.deepCopy());
      if (outcome instanceof ConversionResult.NeedsDecision needs) {
        needs.decisions().forEach(d -> decisions.add(new Listed(Paths.line(root, d.fieldPath()), d)));
        continue;
      }
      ObjectNode converted = ((ConversionResult.Converted) outcome).document();
      List<SourceEntry> entries = SourceEntry.entries(text, null, List.of(), (MappingNode) root, tree, from, to);
      regions.add(new Region(from, to, DocumentRewriter.rewrite(text, entries, (ObjectNode) tree, converted),
          converted));
      expected.set(expected.size() - 1, converted);
    }
    if (!decisions.isEmpty()) {
      return new Undecided(decisions);
    }
    if (regions.isEmpty()) {
      return new Unchanged();
    }
    List<String> out = new ArrayList<>();
    int line = 0;
    for (Region region : regions) {
      out.addAll(text.lines(line, region.from()));
      out.addAll(region.lines());
      line = region.to();
    }
    out.addAll(text.lines(line, text.size()));
    String migrated = text.join(out);
    String disagreement = disagreement(migrated, expected);
    return disagreement == null ? new Changed(migrated, regions.size()) : new Bug(disagreement);
  }

  /** Why the new text does not read back as the expected documents, or null when it does. */
  static String disagreement(String migrated, List<JsonNode> expected) {
    List<JsonNode> reread = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = MAPPER.readerFor(JsonNode.class).readValues(migrated)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          reread.add(document);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "the rewritten file is not valid YAML (" + e.getMessage() + ")";
    }
    if (reread.size() != expected.size()) {
      return "the rewritten file holds " + reread.size() + " documents instead of " + expected.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      String field = Trees.firstDifference(reread.get(i), expected.get(i));
      if (field != null) {
        // Named by field only: values are never printed.
        return "document " + (i + 1) + " of the rewritten file differs from the conversion at "
            + (field.isEmpty() ? "its root" : field);
      }
    }
    return null;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(256 * 1024 * 1024);
    options.setAllowDuplicateKeys(false);
    return options;
  }

  /** Field paths on the node tree: their lines, and what the rewriter does not handle. */
  static final class Paths {
    private Paths() {}

    /** The 1-based line of a dotted field path (keys may hold dots; the longest key that fits wins). */
    static int line(Node root, String fieldPath) {
      Node node = root;
      int line = root.getStartMark().getLine() + 1;
      String rest = fieldPath;
      while (!rest.isEmpty() && node instanceof MappingNode mapping) {
        org.yaml.snakeyaml.nodes.NodeTuple best = null;
        String bestKey = null;
        for (var tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key) {
            String name = key.getValue();
            boolean fits = rest.equals(name) || rest.startsWith(name + ".") || rest.startsWith(name + "[");
            if (fits && (bestKey == null || name.length() > bestKey.length())) {
              best = tuple;
              bestKey = name;
            }
          }
        }
        if (best == null) {
          break;
        }
        line = best.getKeyNode().getStartMark().getLine() + 1;
        node = best.getValueNode();
        rest = rest.substring(bestKey.length());
        rest = rest.startsWith(".") ? rest.substring(1) : rest;
      }
      return line;
    }

    /** Why a document cannot be rewritten line by line (anchors, aliases, merge keys, complex keys), or null. */
    static String unsupported(Node root) {
      if (!(root instanceof MappingNode mapping) || mapping.getFlowStyle() != FlowStyle.BLOCK) {
        return "the document is written in flow style ({...}), which lattice migrate does not rewrite";
      }
      return unsupported(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static String unsupported(Node node, Set<Node> seen) {
      if (node.getAnchor() != null || !seen.add(node)) {
        return "the document uses YAML anchors or aliases (line " + (node.getStartMark().getLine() + 1) + "), "
            + "which lattice migrate does not rewrite";
      }
      if (node instanceof MappingNode mapping) {
        for (var tuple : mapping.getValue()) {
          if (!(tuple.getKeyNode() instanceof ScalarNode key) || key.getValue().equals("<<")) {
            return "the document uses a merge key or a complex key (line "
                + (tuple.getKeyNode().getStartMark().getLine() + 1) + "), which lattice migrate does not rewrite";
          }
          String inValue = unsupported(tuple.getValueNode(), seen);
          if (inValue != null) {
            return inValue;
          }
        }
      } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
        for (Node item : sequence.getValue()) {
          String inItem = unsupported(item, seen);
          if (inItem != null) {
            return inItem;
          }
        }
      }
      return null;
    }
  }
}
