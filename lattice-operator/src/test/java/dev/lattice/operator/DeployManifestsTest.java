package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything under deploy/ is applied by platform teams as it is: each document must match its upstream schema. */
class DeployManifestsTest {
  static Stream<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.walk(Specs.repoRoot().resolve("deploy"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  @DisplayName("every document under deploy/ validates against the upstream schema of its kind")
  void validates(Path file) throws IOException {
    List<JsonNode> documents = new ArrayList<>(
        new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll());
    assertThat(documents).isNotEmpty();
    for (JsonNode document : documents) {
      SchemaValidator.assertValid(file.getParent().endsWith("patches") ? patched(document) : document);
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the webhook sees writes of both escape hatches' status (UPDATE only), and the account it lets "
      + "through is the operator's ServiceAccount of rbac.yaml")
  void hatchStatusRules() throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    List<JsonNode> webhook = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Specs.repoRoot()
        .resolve("deploy/operator/webhook.yaml").toFile()).readAll();
    List<String> statusRules = new ArrayList<>();
    for (JsonNode document : webhook) {
      for (JsonNode hook : document.path("webhooks")) {
        for (JsonNode rule : hook.path("rules")) {
          rule.path("resources").forEach(r -> {
            if (r.asText().endsWith("/status")) {
              statusRules.add(r.asText() + " " + rule.path("operations") + " " + rule.path("apiVersions"));
            }
          });
        }
      }
    }
    assertThat(statusRules).containsExactly("latticemeshmembers/status [\"UPDATE\"] [\"v1\"]",
        "latticepackages/status [\"UPDATE\"] [\"v1\"]");
    JsonNode account = yaml.readerFor(JsonNode.class).<JsonNode>readValues(Specs.repoRoot()
        .resolve("deploy/operator/rbac.yaml").toFile()).readAll().stream()
        .filter(d -> d.path("kind").asText().equals("ServiceAccount")).findFirst().orElseThrow();
    assertThat("system:serviceaccount:" + account.path("metadata").path("namespace").asText() + ":"
        + account.path("metadata").path("name").asText()).isEqualTo(AdmissionValidator.OPERATOR_ACCOUNT);
  }

  /** A file under {@code patches/} is a merge patch onto the CRD of deploy/crds it names: the result must be valid. */
  static JsonNode patched(JsonNode patch) throws IOException {
    Path target = Specs.repoRoot().resolve("deploy/crds/" + patch.path("metadata").path("name").asText() + ".yaml");
    assertThat(target).as("the object the patch applies to").exists();
    YAMLMapper yaml = new YAMLMapper();
    JsonNode crd = yaml.readTree(target.toFile());
    return yaml.readerForUpdating(crd).readValue(yaml.writeValueAsString(patch));
  }
}
