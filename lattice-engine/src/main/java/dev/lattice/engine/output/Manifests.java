package dev.lattice.engine.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Canonical serialisation of derived objects: map keys sorted, empty fields left out, strings that YAML 1.1 would
 * read as something else (yes, on, 010, 1e3) quoted. Same objects, same bytes.
 */
public final class Manifests {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .serializationInclusion(JsonInclude.Include.NON_EMPTY)
          .build();

  private static final ObjectWriter JSON_TO_STREAM =
      JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .stringQuotingChecker(new YamlQuoting())
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .serializationInclusion(JsonInclude.Include.NON_EMPTY)
          .build();

  private Manifests() {}

  /** The object as a JSON tree, as it would be sent to the API server. */
  public static JsonNode tree(HasMetadata object) {
    return JSON.valueToTree(object);
  }

  /** Compact JSON, used for hashing and the JSON report. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The hex SHA-256 of the objects' compact JSON ({@link #json}), each followed by a newline: the same digest as
   * hashing those strings joined, written straight into the digest.
   */
  public static String jsonDigest(List<? extends HasMetadata> objects) {
    MessageDigest digest = newSha256();
    try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      for (HasMetadata object : objects) {
        JSON_TO_STREAM.writeValue(out, object);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The hex SHA-256 of the text's UTF-8 bytes. */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A multi-document YAML stream, one document per object, each starting with {@code ---}. */
  public static String yaml(List<? extends HasMetadata> objects) {
    // Jackson's own unsynchronised writer, not StringWriter: the emitter writes every token on its own, and each
    // write to a StringWriter took a lock (3.4% of a cold 10,000-service derive under C1, BENCHMARKS.md).
    SegmentedStringWriter out = new SegmentedStringWriter(new BufferRecycler());
    // Written straight from the objects (no tree), through one generator for the whole stream: the same bytes as
    // one writeValueAsString per object, without building a YAML emitter per object.
    try {
      try (SequenceWriter documents = YAML.writer().writeValues(out)) {
        for (HasMetadata object : objects) {
          documents.write(object);
        }
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The writer behind {@link #yaml}, for benchmarks that compare ways of feeding it (lattice-bench YamlEmit). */
  public static ObjectWriter yamlWriter() {
    return YAML.writer();
  }

  /** The mapper behind {@link #json}, for callers that build their own JSON documents. */
  public static ObjectMapper jsonMapper() {
    return JSON;
  }
}
