package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.Limits;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file's text into its documents: the file and line bounds, UTF-8, YAML (anchors resolved) or JSON, empty
 * documents skipped, and recovery after a broken YAML document, so one broken document never loses the rest of the
 * file. Each document goes to {@link DocumentKinds}; nothing is thrown, every problem is an {@link InputError}.
 */
final class DocumentParser {
  private final YAMLFactory yaml = new AnchoredYamlFactory(loaderOptions());
  private final JsonFactory json = new JsonFactory();
  private final DocumentKinds kinds;

  DocumentParser(boolean warnDeprecated) {
    ObjectMapper mapper =
        YAMLMapper.builder(yaml).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    this.kinds = new DocumentKinds(mapper, warnDeprecated);
  }

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(Limits.DOCUMENT_CHARS); // per document, not per file
    return options;
  }

  /** The factory that parses {@code file}: JSON for *.json, YAML (anchors resolved) for the rest. */
  static JsonFactory factoryFor(Path file) {
    return InputFiles.isJson(file) ? new JsonFactory() : new AnchoredYamlFactory(loaderOptions());
  }

  /** Reads and parses the file; {@code bytes} when they were read already. */
  FileContents parseFile(Path file, byte[] bytes) {
    FileContents out = new FileContents();
    String name = file.toString();
    String text;
    Optional<InputError> tooLarge = InputBounds.fileSize(file);
    if (tooLarge.isPresent()) {
      out.errors.add(tooLarge.get());
      return out;
    }
    try {
      text = bytes == null ? Files.readString(file) : utf8(bytes);
    } catch (CharacterCodingException e) {
      out.errors.add(new InputError(name, 0, "the file is not UTF-8 text."));
      return out;
    } catch (NoSuchFileException e) {
      out.errors.add(new InputError(name, 0, "no such file."));
      return out;
    } catch (IOException e) {
      out.errors.add(new InputError(name, 0, "cannot read the file: " + e.getMessage()));
      return out;
    }
    Optional<InputError> longLine = InputBounds.longLine(name, text);
    if (longLine.isPresent()) {
      out.errors.add(longLine.get());
      return out;
    }
    JsonFactory factory = InputFiles.isJson(file) ? json : yaml;
    int[] documents = {-1};
    Optional<TextFrom> from = Optional.of(TextFrom.whole(text));
    while (from.isPresent()) {
      from = parse(name, from.get(), factory, documents, out);
    }
    return out;
  }

  /**
   * Reads the documents of {@code from}; after a syntax error, returns where the next document starts (YAML only:
   * JSON has no document markers), so one broken document never loses the rest of the file.
   */
  private Optional<TextFrom> parse(
      String name, TextFrom from, JsonFactory factory, int[] documents, FileContents out) {
    int offset = from.lineOffset();
    int line = offset + 1;
    try (JsonParser parser = from.open(factory)) {
      JsonToken token;
      int documentIndex = -1;
      while ((token = parser.nextToken()) != null) {
        line = parser.currentTokenLocation().getLineNr() + offset;
        if (token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && parser.getText().isEmpty())) {
          continue; // an empty document (a trailing ---, a file of comments), skipped as kubectl does
        }
        if (token != JsonToken.START_OBJECT) {
          out.errors.add(new InputError(name, line, "the document is not a Kubernetes object (a mapping with "
              + "apiVersion, kind and metadata)."));
          parser.skipChildren();
          continue;
        }
        documentIndex++;
        if (++documents[0] >= Limits.DOCUMENTS_PER_FILE) {
          out.errors.add(new InputError(name, line, "the file holds more than " + Limits.DOCUMENTS_PER_FILE
              + " documents; the rest of it is not read. Fix: split it into several files."));
          return Optional.empty();
        }
        YamlTrees.Document read = YamlTrees.read(parser, offset);
        JsonNode document = read.tree();
        SourceLocator locator = SourceLocator.of(document, line, from, documentIndex, factory, read.topLines());
        if (!read.surrogates().isEmpty() && !DocumentKinds.isLatticeService(document)) {
          read.surrogates().forEach(s -> out.errors.add(new InputError(name, s.line(), s.fieldPath() + ": "
              + LoneSurrogates.problem(s.text()) + " Fix: " + LoneSurrogates.FIX)));
          continue;
        }
        kinds.document(name, locator, document, read.surrogates(), out);
      }
      return Optional.empty();
    } catch (YamlTrees.Unreadable e) {
      return broken(name, from, e.line, e.getMessage(), factory, out);
    } catch (JsonProcessingException e) {
      int at = e.getLocation() == null ? line : e.getLocation().getLineNr() + offset;
      return broken(name, from, at, "invalid " + (factory == json ? "JSON" : "YAML") + ": "
          + InputBounds.parserMessage(e.getOriginalMessage()), factory, out);
    } catch (IOException e) {
      out.errors.add(new InputError(name, 0, "cannot read the file: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private Optional<TextFrom> broken(
      String name, TextFrom from, int line, String message, JsonFactory factory, FileContents out) {
    Optional<TextFrom> next = factory == json ? Optional.empty() : from.nextDocument(line);
    out.errors.add(new InputError(name, line, message + next.map(n -> (message.endsWith(".") ? "" : ".")
        + " The documents from line " + (n.lineOffset() + 1) + " on are still read.").orElse("")));
    return next;
  }

  /** The bytes as UTF-8 text, refusing malformed input as {@link Files#readString} does. */
  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
  }
}
