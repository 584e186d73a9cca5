package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile AdmissionReviews (issue 18): whatever arrives, the webhook answers with a verdict whose message is
 * bounded and free of parser internals; it never throws, since a throwing webhook blocks every write.
 */
class AdmissionHostileTest {
  private static final AdmissionValidator VALIDATOR = new AdmissionValidator(PlatformSettings.defaults());
  private static final String UID = "705ab4f5-6393-11e8-b7cc-42010a800002";

  private static JsonNode answer(String review) throws IOException {
    return answer(AdmissionValidator.json().readTree(review));
  }

  private static JsonNode answer(JsonNode review) {
    JsonNode response = VALIDATOR.review(review).path("response");
    String message = response.path("status").path("message").asText();
    assertThat(message).hasSizeLessThan(16 * 1024).doesNotContain("com.fasterxml", "java.", "Exception", "\tat ");
    assertThat(response.path("warnings").size()).isLessThanOrEqualTo(AdmissionValidator.MAX_WARNINGS + 1);
    return response;
  }

  private static String deniedMessage(JsonNode response) {
    assertThat(response.path("allowed").asBoolean()).as(response.toString()).isFalse();
    return response.path("status").path("message").asText();
  }

  @Test
  @DisplayName("a review without a request or an object, and a request for another kind, are denied clearly")
  void badReviews() throws IOException {
    assertThat(deniedMessage(answer("{}"))).isEqualTo("the AdmissionReview has no request.object to judge; this "
        + "webhook answers admission.k8s.io/v1 AdmissionReviews for LatticeServices.");
    assertThat(deniedMessage(answer("[1, 2]"))).startsWith("the AdmissionReview has no request.object");
    assertThat(deniedMessage(answer("{\"request\": {\"uid\": \"" + UID + "\", \"operation\": \"CREATE\", "
        + "\"object\": \"text\"}}"))).startsWith("the AdmissionReview has no request.object");
    JsonNode configMap = answer("{\"request\": {\"uid\": \"" + UID + "\", \"operation\": \"CREATE\", \"object\": "
        + "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\"}}}}");
    assertThat(configMap.path("uid").asText()).isEqualTo(UID);
    assertThat(deniedMessage(configMap)).isEqualTo("this webhook judges LatticeService objects of "
        + "lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1, and LatticeMeshMember and LatticePackage "
        + "objects of lattice.dev/v1 only, not 'v1 ConfigMap'; check the webhook's rules.");
  }

  @Test
  @DisplayName("fields of the wrong type are named by path, without the parser's class names")
  void wrongTypes() throws IOException {
    JsonNode review = AdmissionValidatorTest.review(Specs.minimalWith("spec: {replicas: {a: 1}}"));
    assertThat(deniedMessage(answer(review))).isEqualTo("LatticeService could not be read: spec.replicas does not "
        + "have the type the CRD's schema gives it. Fix: see `kubectl explain latticeservice.spec.replicas`.");
    JsonNode list = AdmissionValidatorTest.review(Specs.minimalWith("spec: {workload: {containers: [a, b]}}"));
    assertThat(deniedMessage(answer(list))).startsWith("LatticeService could not be read: spec.workload.containers");
  }

  @Test
  @DisplayName("an oversized object (50,000 variables, 1 MB values) is denied with one bounded message")
  void oversized() throws IOException {
    ObjectNode review = (ObjectNode) AdmissionValidatorTest.review(Specs.MINIMAL);
    ObjectNode main = (ObjectNode) review.at("/request/object/spec/workload/containers/main");
    ObjectNode variables = main.putObject("variables");
    for (int i = 0; i < 50_000; i++) {
      variables.put("bad name " + i, "x".repeat(20));
    }
    main.put("image", "i".repeat(1 << 20));
    String message = deniedMessage(answer(review));
    assertThat(message).contains("TooManyEntries: spec.workload.containers.main.variables: the service declares "
        + "50000 variables here, more than the 1000 Lattice accepts; no other rule was checked.");
  }

  @Test
  @DisplayName("a plain credential is admitted with a warning that names the field, never the value")
  void credentialWarning() throws IOException {
    JsonNode response = answer(AdmissionValidatorTest.review(Specs.minimalWith(
        "spec: {workload: {containers: {main: {variables: {TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123456789}}}}}")));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings").toString()).contains("PlainCredential: spec.workload.containers.main."
        + "variables.TOKEN: the variable looks like a GitHub personal access token").doesNotContain("abcdefghij");
  }

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Specs.repoRoot().resolve("lattice-cli/src/test/resources/hostile");
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("every document of the CLI's hostile corpus that parses as YAML gets a verdict, never an exception")
  void cliCorpus(Path file) throws IOException {
    JsonNode document;
    try {
      document = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      return; // the API server would refuse it before any webhook (YAML is kubectl's business)
    }
    ObjectNode review = (ObjectNode) AdmissionValidator.json().readTree("{\"request\": {\"uid\": \"" + UID
        + "\", \"operation\": \"CREATE\"}}");
    ((ObjectNode) review.path("request")).set("object", document);
    JsonNode response = answer(review);
    assertThat(response.path("uid").asText()).isEqualTo(UID);
  }
}
