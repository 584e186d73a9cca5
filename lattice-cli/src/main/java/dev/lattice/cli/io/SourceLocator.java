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
  private JsonNode document; // null until needed for a cached locator, or again once digested (see inputDigest)
  private final int documentLine;
  private TextFrom fileText; // likewise
  private final java.nio.file.Path file; // where a cached locator reads its text from; null otherwise
  private final int documentIndex;
  private final JsonFactory yaml;
  private final Map<String, Integer> topLines;
  private String inputDigest;
  private Map<String, Integer> lineByPointer;
  private final Map<JsonNode, Map<Integer, List<String>>> keysByHash = new IdentityHashMap<>();
  private final AtomicLong operations = new AtomicLong();
  /** Lines of nested fields a read cache recorded for these very bytes: asked again, they need no re-parse. */
  private final Map<String, Integer> knownLines;
  /** Lines of nested fields worked out in this run, for the read cache to record. */
  private final Map<String, Integer> answeredLines = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean unreadable; // the file could not be read again: its fallback lines are not recorded

  private SourceLocator(
      JsonNode document, int documentLine, TextFrom fileText, java.nio.file.Path file, int documentIndex,
      JsonFactory yaml, Map<String, Integer> topLines, String inputDigest, Map<String, Integer> knownLines) {
    this.knownLines = knownLines;
    this.document = document;
    this.file = file;
    this.inputDigest = inputDigest;
    this.topLines = topLines;
    this.documentLine = documentLine;
    this.fileText = fileText;
    this.documentIndex = documentIndex;
    this.yaml = yaml;
  }

  /**
   * A locator for the {@code documentIndex}-th mapping document of {@code fileText} (the file's text from the line
   * its parser started on, after a syntax error in an earlier document). Lines are only worked out when a message
   * asks for one below the top level (a clean fleet never pays for it), by parsing that document again; the lines of
   * top-level keys ({@code topLines}, recorded while reading) answer the rest, such as the deprecation warning every
   * service of an old version gets, which re-parsed every file of such a fleet.
   */
  static SourceLocator of(
      JsonNode document, int documentLine, TextFrom fileText, int documentIndex, JsonFactory yaml,
      Map<String, Integer> topLines) {
    return new SourceLocator(document, documentLine, fileText, null, documentIndex, yaml, Map.copyOf(topLines), null,
        Map.of());
  }

  /**
   * A locator for a document the read cache answered for: its file is read and parsed again only if a message asks
   * for a line below the top level (the cache only answers for a file whose bytes are those it recorded).
   */
  static SourceLocator cached(
      java.nio.file.Path file, int documentLine, int documentIndex, JsonFactory yaml, Map<String, Integer> topLines,
      String inputDigest) {
    return cached(file, documentLine, documentIndex, yaml, topLines, inputDigest, Map.of());
  }

  /** {@link #cached} with the lines of nested fields that earlier runs worked out for this file's bytes. */
  static SourceLocator cached(
      java.nio.file.Path file, int documentLine, int documentIndex, JsonFactory yaml, Map<String, Integer> topLines,
      String inputDigest, Map<String, Integer> knownLines) {
    return new SourceLocator(null, documentLine, null, file, documentIndex, yaml, Map.copyOf(topLines),
        inputDigest, Map.copyOf(knownLines));
  }

  /**
   * The lines of nested fields known for this document's bytes: recorded by an earlier run, or worked out in this
   * one (a function of the file's bytes and the field path alone, so the read cache may keep them with the file).
   */
  Map<String, Integer> knownLines() {
    if (unreadable) {
      return knownLines;
    }
    Map<String, Integer> all = new java.util.TreeMap<>(knownLines);
    all.putAll(answeredLines);
    return all;
  }

  /** Whether this run worked out lines that {@link #knownLines} did not have when it started. */
  boolean learnedLines() {
    return !unreadable && !knownLines.keySet().containsAll(answeredLines.keySet());
  }

  /** The document as read (for a List, the whole List). */
  public synchronized JsonNode document() {
    if (document == null) {
      document = reread();
    }
    return document;
  }

  /** The digest of {@link #document()}: what the derivation cache keys a service's own input by. */
  public synchronized String inputDigest() {
    if (inputDigest == null) {
      inputDigest = dev.lattice.cli.cache.Digest.start().add(document()).hex();
      if (fileText != null) {
        // The tree is only needed again for a line below the top level, and the text it came from is at hand:
        // every service's tree held until the report was a third of the live heap, and at 50,000 services the
        // collections copying it made the run cost 6.4x that of 10,000 (BENCHMARKS.md).
        document = null;
      }
    }
    return inputDigest;
  }

  int documentIndex() {
    return documentIndex;
  }

  Map<String, Integer> topLines() {
    return topLines;
  }

  private TextFrom text() {
    if (fileText == null) {
      try {
        fileText = TextFrom.whole(java.nio.file.Files.readString(file)); // cached files read without an error
      } catch (IOException e) {
        fileText = TextFrom.whole(""); // gone since: messages fall back to the document's line
        unreadable = true;
      }
    }
    return fileText;
  }

  /** The document parsed again from its text (read from the file for a cached locator); empty if it cannot be. */
  private JsonNode reread() {
    try (JsonParser parser = text().open(yaml)) {
      int index = -1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_OBJECT && ++index == documentIndex) {
          return YamlTrees.read(parser, text().lineOffset()).tree();
        }
        parser.skipChildren();
      }
    } catch (IOException e) {
      // below
    }
    unreadable = true; // not the document read before: its fallback lines are not worth keeping
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }

  private synchronized Map<String, Integer> lines() {
    if (lineByPointer == null) {
      lineByPointer = new HashMap<>();
      try (JsonParser parser = text().open(yaml)) {
        int index = -1;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
          if (token == JsonToken.START_OBJECT && ++index == documentIndex) {
            scan(parser, lineByPointer, text().lineOffset());
            break;
          }
          parser.skipChildren();
        }
      } catch (IOException e) {
        // The file parsed a moment ago; if it cannot be read again, messages fall back to the document's line.
        unreadable = true;
      }
    }
    return lineByPointer;
  }

  /**
   * Records the line of every field and array element of the value the parser is at, by JSON pointer, first
   * occurrence kept. The pointers are built once per field from the parent's (asking the parser for its path
   * rebuilt the whole path for every token: 29% of this index's cost on a fleet where a fifth of the services get a
   * warning below the top level).
   */
  private static void scan(JsonParser parser, Map<String, Integer> lines, int lineOffset) throws IOException {
    lines.putIfAbsent("", parser.currentTokenLocation().getLineNr() + lineOffset);
    scanValue(parser, "", lines, lineOffset);
  }

  private static void scanValue(JsonParser parser, String pointer, Map<String, Integer> lines, int lineOffset)
      throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String child = pointer + "/" + escape(parser.currentName());
        lines.putIfAbsent(child, parser.currentTokenLocation().getLineNr() + lineOffset);
        parser.nextToken();
        scanValue(parser, child, lines, lineOffset);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY && parser.currentToken() != null) {
        String child = pointer + "/" + index++;
        lines.putIfAbsent(child, parser.currentTokenLocation().getLineNr() + lineOffset);
        scanValue(parser, child, lines, lineOffset);
      }
    }
  }

  public int documentLine() {
    return documentLine;
  }

  /** The line of the field, or of its nearest existing ancestor when the field itself is missing. */
  public int lineOf(String fieldPath) {
    if (topLines.containsKey(fieldPath) && fieldPath.indexOf('.') < 0 && fieldPath.indexOf('[') < 0) {
      return topLines.get(fieldPath); // a top-level key as written: no need for the document (or the file)
    }
    Integer known = knownLines.getOrDefault(fieldPath, answeredLines.get(fieldPath));
    if (known != null) {
      return known;
    }
    int line = locate(fieldPath);
    answeredLines.put(fieldPath, line);
    return line;
  }

  private int locate(String fieldPath) {
    JsonNode node = document();
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
      boolean top = pointer.isEmpty();
      pointer = pointer + "/" + escape(segment);
      Integer line = top ? topLines.get(segment) : lines().get(pointer);
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
