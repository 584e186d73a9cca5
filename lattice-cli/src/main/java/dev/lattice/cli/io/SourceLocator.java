package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the line of a field in a YAML document, so that a message can say {@code payments.yaml:14}. Field paths
 * are dotted ({@code spec.workload.containers.main.files./etc/app.yaml.mode}) and keys may themselves contain dots,
 * so the path is matched against the document's real keys, longest key first.
 */
public final class SourceLocator {
  private final JsonNode document;
  private final int documentLine;
  private final TextFrom fileText;
  private final int documentIndex;
  private final JsonFactory yaml;
  private Map<String, Integer> lineByPointer;
  private final Map<JsonNode, Map<Integer, List<String>>> keysByHash = new IdentityHashMap<>();
  private final AtomicLong operations = new AtomicLong();

  private SourceLocator(JsonNode document, int documentLine, TextFrom fileText, int documentIndex, JsonFactory yaml) {
    this.document = document;
    this.documentLine = documentLine;
    this.fileText = fileText;
    this.documentIndex = documentIndex;
    this.yaml = yaml;
  }

  /**
   * A locator for the {@code documentIndex}-th mapping document of {@code fileText} (the file's text from the line
   * its parser started on, after a syntax error in an earlier document). Lines are only worked out when
   * a message asks for one (a clean fleet never pays for it), by parsing that document again.
   */
  static SourceLocator of(JsonNode document, int documentLine, TextFrom fileText, int documentIndex, JsonFactory yaml) {
    return new SourceLocator(document, documentLine, fileText, documentIndex, yaml);
  }

  /** The document as read (for a List, the whole List): what the derivation cache digests as the input. */
  public JsonNode document() {
    return document;
  }

  private synchronized Map<String, Integer> lines() {
    if (lineByPointer == null) {
      lineByPointer = new HashMap<>();
      try (JsonParser parser = fileText.open(yaml)) {
        int index = -1;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
          if (token == JsonToken.START_OBJECT && ++index == documentIndex) {
            scan(parser, lineByPointer, fileText.lineOffset());
            break;
          }
          parser.skipChildren();
        }
      } catch (IOException e) {
        // The file parsed a moment ago; if it cannot be read again, messages fall back to the document's line.
      }
    }
    return lineByPointer;
  }

  private static void scan(JsonParser parser, Map<String, Integer> lines, int lineOffset) throws IOException {
    int depth = 0;
    JsonToken token = parser.currentToken();
    while (token != null) {
      lines.putIfAbsent(
          parser.getParsingContext().pathAsPointer().toString(),
          parser.currentTokenLocation().getLineNr() + lineOffset);
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
        node = node.isArray() && segment.length() < 10 && segment.matches("\\d+") ? node.get(Integer.parseInt(segment)) : null;
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
      Integer line = lines().get(pointer);
      if (line != null && node != null) {
        best = line;
      }
    }
    return best;
  }

  /**
   * The longest key of {@code node} that {@code rest} starts with, followed by '.', '[' or nothing. One pass over
   * {@code rest}, hashing its prefixes as it goes and comparing only keys of the same hash: looking at every key for
   * every message made 50,000 invalid variable names take minutes.
   */
  private String longestKey(JsonNode node, String rest) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<Integer, List<String>> keys;
    synchronized (keysByHash) {
      keys = keysByHash.computeIfAbsent(node, this::index);
    }
    String best = null;
    int hash = 0;
    for (int i = 0; i <= rest.length(); i++) {
      operations.incrementAndGet();
      char c = i < rest.length() ? rest.charAt(i) : '.';
      if (c == '.' || c == '[') {
        for (String key : keys.getOrDefault(hash, List.of())) {
          operations.incrementAndGet();
          if (key.length() == i && rest.startsWith(key)) {
            best = key;
          }
        }
      }
      hash = 31 * hash + c;
    }
    return best;
  }

  private Map<Integer, List<String>> index(JsonNode node) {
    Map<Integer, List<String>> keys = new HashMap<>();
    node.fieldNames().forEachRemaining(name -> {
      operations.incrementAndGet();
      keys.computeIfAbsent(name.hashCode(), h -> new ArrayList<>(1)).add(name);
    });
    return keys;
  }

  /** Steps taken to locate fields so far: the cost measure of {@code CostBoundsTest}, which must grow linearly. */
  public long operations() {
    return operations.get();
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
