package dev.lattice.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs users install are generated from the API classes; the checked-in copies under deploy/crds/ are the
 * reviewed ones. When the classes change, this test fails until the new CRD is copied there and reviewed.
 */
class CrdApprovalTest {
  private static final Path REPO = Path.of(System.getProperty("lattice.repo.root", ".."));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
      "secretproviders.lattice.dev", "imageproviders.lattice.dev", "latticemeshmembers.lattice.dev",
      "latticepackages.lattice.dev", "latticequotas.lattice.dev"})
  @DisplayName("the generated CRD equals the reviewed copy in deploy/crds")
  void generatedEqualsApproved(String name) throws IOException {
    Path generated = Path.of("target/classes/META-INF/fabric8/" + name + "-v1.yml");
    Path approved = REPO.resolve("deploy/crds/" + name + ".yaml");

    assertThat(Files.readString(generated))
        .as("the CRD generated from the API classes changed; review it, then copy %s to %s", generated, approved)
        .isEqualTo(Files.readString(approved));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
      "secretproviders.lattice.dev", "imageproviders.lattice.dev", "latticemeshmembers.lattice.dev",
      "latticepackages.lattice.dev", "latticequotas.lattice.dev"})
  @DisplayName("every spec field has a description, so kubectl explain is the reference a user needs")
  void everyFieldIsDescribed(String name) throws IOException {
    JsonNode crd = new YAMLMapper().readTree(REPO.resolve("deploy/crds/" + name + ".yaml").toFile());
    List<String> missing = new ArrayList<>();
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
      walk(spec, version.path("name").asText() + ":spec", missing);
    }
    assertThat(missing).as("fields without a description").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
      "secretproviders.lattice.dev", "imageproviders.lattice.dev", "latticemeshmembers.lattice.dev",
      "latticepackages.lattice.dev", "latticequotas.lattice.dev"})
  @DisplayName("the CRD has a status subresource, short names and Phase and Age printer columns")
  void usability(String name) throws IOException {
    JsonNode crd = new YAMLMapper().readTree(REPO.resolve("deploy/crds/" + name + ".yaml").toFile());
    assertThat(crd.path("spec").path("names").path("shortNames")).isNotEmpty();
    for (JsonNode version : crd.path("spec").path("versions")) {
      assertThat(version.path("subresources").has("status")).isTrue();
      assertThat(version.path("additionalPrinterColumns").findValuesAsText("name")).contains("Phase", "Age");
    }
  }

  private static void walk(JsonNode node, String path, List<String> missing) {
    for (Map.Entry<String, JsonNode> field : node.path("properties").properties()) {
      String child = path + "." + field.getKey();
      if (!field.getValue().has("description")) {
        missing.add(child);
      }
      walk(field.getValue(), child, missing);
      walk(field.getValue().path("items"), child + "[]", missing);
      walk(field.getValue().path("additionalProperties"), child + "{}", missing);
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("LatticeService serves v1alpha1 (deprecated, saying to migrate), v1beta1 and v1, stored as v1")
  void servedVersions() throws IOException {
    JsonNode crd = new YAMLMapper().readTree(REPO.resolve("deploy/crds/latticeservices.lattice.dev.yaml").toFile());
    Map<String, JsonNode> versions = new java.util.TreeMap<>();
    crd.path("spec").path("versions").forEach(v -> versions.put(v.path("name").asText(), v));
    assertThat(versions).containsOnlyKeys("v1alpha1", "v1beta1", "v1");
    assertThat(versions.values()).allMatch(v -> v.path("served").asBoolean());
    assertThat(versions.entrySet()).filteredOn(e -> e.getValue().path("storage").asBoolean())
        .extracting(Map.Entry::getKey).containsExactly("v1");
    assertThat(versions.get("v1alpha1").path("deprecated").asBoolean()).isTrue();
    assertThat(versions.get("v1alpha1").path("deprecationWarning").asText())
        .isEqualTo("lattice.dev/v1alpha1 LatticeService is deprecated and may break; run lattice migrate --to v1 "
            + "FILE and apply the result");
    assertThat(versions.get("v1beta1").has("deprecated") && versions.get("v1beta1").path("deprecated").asBoolean())
        .isFalse();
  }
}
