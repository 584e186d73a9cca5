package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same fleet, same bytes: neither file order nor key order in the specs may change derived output. */
class DeterminismTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  @DisplayName("the example fleet with files renamed into reverse order and every mapping's keys reversed derives "
      + "byte-identical manifests")
  void shuffledInputDerivesIdenticalOutput(@TempDir Path dir) throws IOException {
    Path original = Specs.repoRoot().resolve("examples/commerce");
    Path shuffled = dir.resolve("shuffled");
    Files.createDirectories(shuffled);
    List<Path> files;
    try (Stream<Path> list = Files.list(original)) {
      files = new ArrayList<>(list.sorted().toList());
    }
    Collections.reverse(files);
    for (int i = 0; i < files.size(); i++) {
      List<JsonNode> documents = new ArrayList<>(
          YAML.readerFor(JsonNode.class).<JsonNode>readValues(files.get(i).toFile()).readAll());
      Collections.reverse(documents);
      StringBuilder text = new StringBuilder();
      for (JsonNode document : documents) {
        text.append(YAML.writeValueAsString(reverseKeys(document)));
      }
      // Reverse order on disk too: the first file now sorts last.
      Files.writeString(shuffled.resolve((char) ('a' + i) + ".yaml"), text.toString());
    }

    Path outOriginal = dir.resolve("out-original");
    Path outShuffled = dir.resolve("out-shuffled");
    assertThat(CliRun.of("derive", "--output-dir", outOriginal.toString(), original.toString()).exitCode()).isZero();
    assertThat(CliRun.of("derive", "--output-dir", outShuffled.toString(), shuffled.toString()).exitCode()).isZero();

    for (String service : List.of("frontend", "orders", "payments")) {
      assertThat(Files.readString(outShuffled.resolve("commerce/" + service + ".yaml")))
          .isEqualTo(Files.readString(outOriginal.resolve("commerce/" + service + ".yaml")));
    }
  }

  private static JsonNode reverseKeys(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.reverse(names);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      names.forEach(name -> out.set(name, reverseKeys(node.get(name))));
      return out;
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(reverseKeys(item)));
      return out;
    }
    return node;
  }
}
