package dev.lattice.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.api.versions.ServedTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spec fixtures: YAML of any served version in, mapped intents out. Tests state a spec as the YAML a user would write, so a
 * failing test reads like the user's problem.
 */
public final class Specs {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** A complete, valid service most rule tests start from and then break in one place. */
  public static final String MINIMAL =
      """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        workload:
          containers:
            main:
              image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
              command: ["/app/api"]
              resources:
                limits: {cpu: 500m, memory: 256Mi}
          service:
            ports:
              http: {port: 8080}
      """;

  private Specs() {}

  /**
   * Parses one LatticeService document of any served version and maps it onto the model by that version's mapper,
   * keeping the mapper's diagnostics.
   */
  public static MappedIntent mapped(String yaml) {
    try {
      return mapped((ObjectNode) YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #mapped(String)} for a parsed document. */
  public static MappedIntent mapped(ObjectNode document) {
    try {
      ApiVersion version = ApiVersion.of(document.path("apiVersion").asText()).orElseThrow(
          () -> new IllegalArgumentException("not a served apiVersion: " + document.path("apiVersion")));
      return ServedTypes.map(YAML.treeToValue(document, ServedTypes.type(version)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document converted to {@code target} (a test failure when it needs a decision). */
  public static ObjectNode converted(ObjectNode document, ApiVersion target) {
    var result = Conversions.convert(document, target);
    if (result instanceof ConversionResult.Converted converted) {
      return converted.document();
    }
    throw new AssertionError("conversion to " + target + " needs a decision: " + result);
  }

  /** {@code yaml} converted to {@code target}, as YAML. */
  public static String converted(String yaml, ApiVersion target) {
    try {
      return YAML.writeValueAsString(converted((ObjectNode) YAML.readTree(yaml), target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ServiceIntent intent(String yaml) {
    return mapped(yaml).intent();
  }

  /**
   * {@link #MINIMAL} with {@code patch} merged into it (a YAML mapping, merged recursively; {@code null} values
   * remove a field). Lets a test say only what it changes.
   */
  public static String minimalWith(String patch) {
    return merge(MINIMAL, patch);
  }

  /** {@code yaml} with {@code patch} merged into it, as {@link #minimalWith} does. */
  public static String merge(String yaml, String patch) {
    try {
      ObjectNode base = (ObjectNode) YAML.readTree(yaml);
      ObjectNode change = (ObjectNode) YAML.readTree(patch);
      merge(base, change);
      return YAML.writeValueAsString(base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void merge(ObjectNode target, ObjectNode patch) {
    patch.fields().forEachRemaining(
        entry -> {
          var value = entry.getValue();
          if (value.isNull()) {
            target.remove(entry.getKey());
          } else if (value.isObject() && target.get(entry.getKey()) instanceof ObjectNode existing) {
            merge(existing, (ObjectNode) value);
          } else {
            target.set(entry.getKey(), value);
          }
        });
  }

  /** Every LatticeService document under {@code dir} (recursively), other kinds ignored. */
  public static List<MappedIntent> readDirectory(Path dir) {
    List<MappedIntent> out = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (var document : YAML.readerFor(ObjectNode.class).readValues(Files.readString(file)).readAll()) {
          ObjectNode node = (ObjectNode) document;
          if (LatticeService.KIND.equals(node.path("kind").asText())) {
            out.add(mapped(node));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The repository root (set by the build; falls back to walking up from the working directory). */
  public static Path repoRoot() {
    String configured = System.getProperty("lattice.repo.root");
    if (configured != null) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("examples"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root (no examples/ above the working directory)");
    }
    return dir;
  }
}
