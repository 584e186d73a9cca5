package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lattice.api.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one document's tree from a parser's tokens, as {@code ObjectMapper.readTree} does, and also resolves what
 * Jackson leaves to its caller: YAML anchors and aliases ({@code limits: *shared}) and merge keys
 * ({@code <<: *base}, explicit keys winning, earlier merged mappings over later ones). An aliased value is shared,
 * not copied, and counted at its full size, so a document that aliases expand beyond {@link #MAX_VALUES} values (an
 * "alias bomb") is refused before anything walks it. Text holding half of a UTF-16 surrogate pair is noted.
 */
final class YamlTrees {
  /** Values one document may hold once its aliases are expanded; real specs hold hundreds. */
  static final int MAX_VALUES = Limits.ALIAS_EXPANDED_VALUES;

  /** The document cannot be read as written: the 1-based line and the message, fix included. */
  static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;

    Unreadable(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** A text value or key holding a lone surrogate: where (a field path) and on which line. */
  record Surrogate(String fieldPath, int line, String text) {}

  private record Anchored(JsonNode node, int size) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonParser parser;
  private final YAMLParser yaml;
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final List<Surrogate> surrogates = new ArrayList<>();
  private final Map<String, Integer> topLines = new HashMap<>();
  private final int lineOffset;
  private int values;
  private int depth;

  private YamlTrees(JsonParser parser, int lineOffset) {
    this.parser = parser;
    this.lineOffset = lineOffset;
    this.yaml = parser instanceof YAMLParser y ? y : null;
  }

  /**
   * The result of reading one document.
   *
   * @param topLines the line of each key written at the document's top level (merged keys have none): what a
   *     message about {@code apiVersion} or {@code kind} points at, without parsing the document again
   */
  record Document(JsonNode tree, List<Surrogate> surrogates, Map<String, Integer> topLines) {}

  /**
   * Reads the document whose first token is the parser's current one; anchors do not cross documents. Lines are
   * the parser's plus {@code lineOffset} (the lines of the file before the text it reads).
   */
  static Document read(JsonParser parser, int lineOffset) throws IOException {
    YamlTrees trees = new YamlTrees(parser, lineOffset);
    JsonNode tree = trees.value();
    return new Document(tree, List.copyOf(trees.surrogates), trees.topLines);
  }

  private JsonNode value() throws IOException {
    JsonToken token = parser.currentToken();
    String anchor = yaml == null ? null : yaml.getCurrentAnchor();
    int before = values;
    JsonNode node = switch (token) {
      case START_OBJECT -> object();
      case START_ARRAY -> array();
      case VALUE_STRING -> {
        if (yaml != null && yaml.isCurrentAlias()) {
          yield alias(parser.getText());
        }
        yield NODES.textNode(text(parser.getText()));
      }
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
          ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(parser.getEmbeddedObject());
      default -> throw new Unreadable(line(), "unexpected " + token + " in the document.");
    };
    if (!(yaml != null && token == JsonToken.VALUE_STRING && yaml.isCurrentAlias())) {
      values++;
    }
    if (anchor != null) {
      anchors.put(anchor, new Anchored(node, values - before));
    }
    return node;
  }

  private ObjectNode object() throws IOException {
    nest();
    ObjectNode object = NODES.objectNode();
    List<JsonNode> merged = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = text(parser.currentName());
      int line = line();
      parser.nextToken();
      if (yaml != null && key.equals("<<")) {
        JsonNode value = value();
        merged = merged == null ? new ArrayList<>() : merged;
        if (value.isObject()) {
          merged.add(value);
        } else if (value.isArray() && allObjects(value)) {
          value.forEach(merged::add);
        } else {
          throw new Unreadable(line, "the merge key << takes a mapping or a list of mappings, e.g. <<: *base or "
              + "<<: [*base, *probes]; found " + (value.isArray() ? "a list holding other values" : "a single value")
              + ".");
        }
      } else if (object.has(key)) {
        // kubectl refuses a repeated key too; taking either value silently would hide a mistake.
        throw new Unreadable(line, FieldPaths.fromPointer(parser.getParsingContext().pathAsPointer().toString())
            + ": the key '" + dev.lattice.engine.validate.Names.printable(key) + "' appears twice in the same "
            + "mapping. Fix: keep one of them.");
      } else {
        if (depth == 1) {
          topLines.put(key, line);
        }
        object.set(key, value());
      }
    }
    depth--;
    if (merged != null) {
      for (JsonNode source : merged) {
        source.fields().forEachRemaining(field -> {
          if (!object.has(field.getKey())) {
            object.set(field.getKey(), field.getValue());
          }
        });
      }
    }
    return object;
  }

  private static boolean allObjects(JsonNode list) {
    for (JsonNode item : list) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private ArrayNode array() throws IOException {
    nest();
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value());
    }
    depth--;
    return array;
  }

  private JsonNode alias(String name) throws IOException {
    Anchored anchored = anchors.get(name);
    if (anchored == null) {
      throw new Unreadable(line(), "the alias *" + name + " refers to no anchor &" + name + " before it in this "
          + "document. Fix: define the anchor first (e.g. limits: &" + name + " {cpu: 500m}); anchors do not "
          + "reach across '---', and an alias cannot refer to the value that contains it.");
    }
    values += anchored.size();
    if (values > MAX_VALUES) {
      throw new Unreadable(line(), "aliases expand this document to more than " + MAX_VALUES + " values, which "
          + "no LatticeService needs (an alias bomb?); it is not read. Fix: write the shared values out, or alias "
          + "them without nesting aliases of aliases.");
    }
    return anchored.node();
  }

  private void nest() throws Unreadable {
    if (++depth > Limits.NESTING_DEPTH) {
      throw new Unreadable(line(), InputBounds.nesting());
    }
  }

  /** The text, noting where it holds a lone surrogate (the check is a scan with no allocation). */
  private String text(String text) throws IOException {
    if (text.length() > Limits.SCALAR_CHARS) {
      throw new Unreadable(line(), FieldPaths.fromPointer(parser.getParsingContext().pathAsPointer().toString())
          + ": the value has " + text.length() + " characters, more than the " + Limits.SCALAR_CHARS + " Lattice "
          + "reads in one value. Fix: keep large content out of the spec, e.g. in the image or a volume.");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1));
        if (!paired) {
          surrogates.add(new Surrogate(
              FieldPaths.fromPointer(parser.getParsingContext().pathAsPointer().toString()), line(), text));
          return text;
        }
        i++;
      }
    }
    return text;
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr() + lineOffset;
  }
}
