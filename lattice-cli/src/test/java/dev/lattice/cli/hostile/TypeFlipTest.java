package dev.lattice.cli.hostile;

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
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong types in every field (issue 18): each field of the first service of the feature-rich fixture, in turn,
 * becomes a list (a single value), a text (a list or mapping) and null, one mutation per file, all read in one run. Every
 * file must be accounted for in the report (its service derived or failed, or an input error at its file), the run
 * never ends in an internal error, and the good service beside them is derived.
 */
@Timeout(300)
class TypeFlipTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** A list for a single value, a text for a list or mapping, and null for every field. */
  private static final List<Supplier<JsonNode>> WRONG = List.of(
      () -> NODES.arrayNode().add("x"), () -> NODES.textNode(""), NODES::nullNode);

  @TempDir Path root;

  @Test
  @DisplayName("every field of a rich spec flipped to each wrong type: a clear outcome per file, never exit 3")
  void everyFieldEveryType() throws IOException {
    String fixture = Files.readString(Specs.repoRoot().resolve(
        "lattice-engine/src/test/resources/fixtures/feature-rich.yaml"));
    JsonNode original = YAML.readTree(fixture.substring(0, fixture.indexOf("\n---")));
    List<String> pointers = new ArrayList<>();
    collect(original.path("spec"), "/spec", pointers);
    Path in = Files.createDirectory(root.resolve("in"));
    // The services it depends on, so that each flip's report is about the flip.
    Files.writeString(in.resolve("partners.yaml"), fixture.substring(fixture.indexOf("\n---") + 1));
    int files = 0;
    for (String pointer : pointers) {
      for (Supplier<JsonNode> wrong : WRONG) {
        JsonNode copy = original.deepCopy();
        JsonNode value = wrong.get();
        JsonNode current = copy.at(pointer);
        boolean container = current.isContainerNode();
        if (value.isArray() == current.isArray() && value.isTextual() == current.isTextual()
            || value.isArray() && container || value.isTextual() && !container) {
          continue;
        }
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isObject()) {
          ((ObjectNode) parent).set(key, value);
        } else {
          ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(key), value);
        }
        ((ObjectNode) copy.path("metadata")).put("name", "flip-" + files);
        Files.writeString(in.resolve("flip-" + files + ".yaml"), YAML.writeValueAsString(copy));
        files++;
      }
    }

    Hostile run = Hostile.derive(root, in);

    assertThat(files).isGreaterThan(150);
    assertThat(run.exitCode).isIn(1, 2);
    for (int i = 0; i < files; i++) {
      assertThat(run.report).as("flip-%d is accounted for", i).contains("/flip-" + i + ".yaml");
    }
  }

  private static void collect(JsonNode node, String pointer, List<String> out) {
    out.add(pointer);
    if (node.isObject()) {
      node.fields().forEachRemaining(f -> collect(f.getValue(),
          pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, out);
      }
    }
  }
}
