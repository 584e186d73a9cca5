package dev.lattice.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden migrations of every example file (and the feature-rich fixture) to v1beta1 and v1: reviewed once, checked
 * in, and kept with their comments. {@code -Dlattice.golden.update=true} rewrites them.
 */
class MigrateGoldenTest {
  private static final Path ROOT = Specs.repoRoot();
  private static final Path GOLDEN = ROOT.resolve("lattice-cli/src/test/golden/migrate");
  private static final YAMLMapper YAML = new YAMLMapper();
  static final Set<String> SERVED = ApiVersion.served().stream().map(ApiVersion::apiVersion)
      .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

  static Stream<Arguments> migrations() throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(ROOT.resolve("examples"))) {
      walk.filter(p -> p.toString().endsWith(".yaml")).map(p -> ROOT.relativize(p).toString()).sorted()
          .forEach(files::add);
    }
    files.add("lattice-engine/src/test/resources/fixtures/feature-rich.yaml");
    return Stream.of(ApiVersion.V1BETA1, ApiVersion.V1)
        .flatMap(target -> files.stream().map(file -> Arguments.of(target, file)));
  }

  static String migrated(ApiVersion target, String original) {
    FileMigrator.Result result = new FileMigrator(Converter.to(target), target.apiVersion(), SERVED)
        .migrate(original);
    if (result instanceof FileMigrator.Unchanged) {
      return original;
    }
    assertThat(result).isInstanceOf(FileMigrator.Changed.class);
    return ((FileMigrator.Changed) result).text();
  }

  private static Path golden(ApiVersion target, String file) {
    return GOLDEN.resolve(target.version()).resolve(file.replace("lattice-engine/src/test/resources/", ""));
  }

  @ParameterizedTest(name = "{1} to {0}")
  @MethodSource("migrations")
  @DisplayName("every example migrates to its golden file, comments and all")
  void matchesGolden(ApiVersion target, String file) throws IOException {
    String original = Files.readString(ROOT.resolve(file));

    String migrated = migrated(target, original);

    Golden.assertMatches(golden(target, file), migrated);
    for (String line : original.split("\n")) {
      if (line.strip().startsWith("#")) {
        assertThat(migrated).as("comment kept").contains(line.strip());
      }
    }
  }

  @ParameterizedTest(name = "{1} to {0}")
  @MethodSource("migrations")
  @DisplayName("each golden file reads back as exactly what Conversions.convert gives, other documents as written")
  void goldenReadsAsTheConversion(ApiVersion target, String file) throws IOException {
    List<JsonNode> originals = documents(Files.readString(ROOT.resolve(file)));
    List<JsonNode> migrated = documents(Files.readString(golden(target, file)));

    assertThat(migrated).hasSameSizeAs(originals);
    for (int i = 0; i < originals.size(); i++) {
      JsonNode original = originals.get(i);
      JsonNode expected = original;
      if (original.path("kind").asText().equals("LatticeService")
          && original.path("apiVersion").asText().startsWith("lattice.dev/")) {
        ConversionResult result = Conversions.convert((ObjectNode) original, target);
        assertThat(result).isInstanceOf(ConversionResult.Converted.class);
        expected = ((ConversionResult.Converted) result).document();
      }
      assertThat(Trees.same(migrated.get(i), expected)).as("document %d: %s", i + 1, migrated.get(i)).isTrue();
    }
  }

  static List<JsonNode> documents(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode document = it.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          out.add(document);
        }
      }
    }
    return out;
  }
}
