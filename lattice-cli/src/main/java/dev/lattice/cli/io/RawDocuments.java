package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.api.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every document of the given paths as a tree, whatever its kind, within the same bounds as {@link ManifestReader}
 * (file and line size, documents per file, alias expansion). For reports that read fields generically (a
 * Namespace's labels, an escape hatch's {@code spec.owner}) without a class for each kind. A file or document that
 * cannot be read is left out: {@link ManifestReader} reports it, with its line, for the same paths.
 */
public final class RawDocuments {
  private RawDocuments() {}

  /** One document; items of a {@code kind: List} are documents of their own (same line). */
  public record RawDocument(String file, int line, JsonNode tree) {
    public String apiVersion() {
      return tree.path("apiVersion").asText("");
    }

    public String kind() {
      return tree.path("kind").asText("");
    }

    public String namespace() {
      return tree.path("metadata").path("namespace").asText("default");
    }

    public String name() {
      return tree.path("metadata").path("name").asText("");
    }
  }

  public static List<RawDocument> read(List<Path> paths) {
    List<Path> files = InputFiles.of(paths, new ArrayList<>());
    if (InputBounds.totalSize(files).isPresent()) {
      return List.of();
    }
    JsonFactory yaml = new AnchoredYamlFactory(loaderOptions());
    JsonFactory json = new JsonFactory();
    List<List<RawDocument>> perFile = files.parallelStream()
        .map(f -> readFile(f, InputFiles.isJson(f) ? json : yaml)).toList();
    List<RawDocument> all = new ArrayList<>();
    perFile.forEach(all::addAll);
    return all;
  }

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(Limits.DOCUMENT_CHARS);
    return options;
  }

  private static List<RawDocument> readFile(Path file, JsonFactory factory) {
    List<RawDocument> out = new ArrayList<>();
    String name = file.toString();
    if (InputBounds.fileSize(file).isPresent()) {
      return out;
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      return out;
    }
    if (InputBounds.longLine(name, text).isPresent()) {
      return out;
    }
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken token;
      int documents = 0;
      while ((token = parser.nextToken()) != null) {
        int line = parser.currentTokenLocation().getLineNr();
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        if (++documents > Limits.DOCUMENTS_PER_FILE) {
          break;
        }
        JsonNode tree = YamlTrees.read(parser, 0).tree();
        if (tree.path("kind").asText("").equals("List") && tree.path("items").isArray()) {
          tree.path("items").forEach(item -> out.add(new RawDocument(name, line, item)));
        } else {
          out.add(new RawDocument(name, line, tree));
        }
      }
    } catch (IOException e) {
      // What was read before the error stays; ManifestReader reports the error itself.
    }
    return out;
  }
}
