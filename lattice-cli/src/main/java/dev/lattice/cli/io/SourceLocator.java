package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the line of a field in a YAML document, so that a message can say {@code payments.yaml:14}. Field paths
 * are dotted ({@code spec.workload.containers.main.files./etc/app.yaml.mode}) and keys may themselves contain dots,
 * so the path is matched against the document's real keys, longest key first.
 */
public final class SourceLocator {
  private final JsonNode document;
  private final Map<String, Integer> lineByPointer;
  private final int documentLine;

  private SourceLocator(JsonNode document, Map<String, Integer> lineByPointer, int documentLine) {
    this.document = document;
    this.lineByPointer = lineByPointer;
    this.documentLine = documentLine;
  }

  /**
   * Reads one document from the parser (positioned on its first token), copying its tokens into {@code copy} and
   * noting the line of every field on the way, so the file is parsed once.
   */
  static Map<String, Integer> scan(JsonParser parser, TokenBuffer copy) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    int depth = 0;
    JsonToken token = parser.currentToken();
    while (token != null) {
      lines.putIfAbsent(
          parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
      copy.copyCurrentEvent(parser);
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
      if (depth == 0) {
        break;
      }
      token = parser.nextToken();
    }
    return lines;
  }

  static SourceLocator of(JsonNode document, Map<String, Integer> lineByPointer, int documentLine) {
    return new SourceLocator(document, lineByPointer, documentLine);
  }

  public int documentLine() {
    return documentLine;
  }

  /** The line of the field, or of its nearest existing ancestor when the field itself is missing. */
  public int lineOf(String fieldPath) {
    JsonNode node = document;
    String pointer = "";
    int best = documentLine;
    String rest = fieldPath;
    while (!rest.isEmpty() && node != null) {
      String segment;
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        segment = close < 0 ? rest.substring(1) : rest.substring(1, close);
        rest = close < 0 ? "" : rest.substring(close + 1);
        node = node.isArray() && segment.matches("\\d+") ? node.get(Integer.parseInt(segment)) : null;
      } else {
        segment = longestKey(node, rest);
        if (segment == null) {
          break;
        }
        rest = rest.substring(segment.length());
        node = node.get(segment);
      }
      if (rest.startsWith(".")) {
        rest = rest.substring(1);
      }
      pointer = pointer + "/" + escape(segment);
      Integer line = lineByPointer.get(pointer);
      if (line != null && node != null) {
        best = line;
      }
    }
    return best;
  }

  private static String longestKey(JsonNode node, String rest) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String best = null;
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      boolean matches = rest.equals(name) || rest.startsWith(name + ".") || rest.startsWith(name + "[");
      if (matches && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    return best;
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
