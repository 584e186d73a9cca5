package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CRD's conversion webhook: ConversionReviews as the API server sends them, answered with Conversions. */
class ConversionWebhookTest {
  private static final ConversionWebhook WEBHOOK = new ConversionWebhook();
  private static final String UID = "0d1e2f3a-6393-11e8-b7cc-42010a800002";

  static ObjectNode payments() throws IOException {
    ObjectNode object = (ObjectNode) new YAMLMapper().readTree(
        Files.readString(Specs.repoRoot().resolve("examples/commerce/payments.yaml")));
    // As stored: the API server adds identity and bookkeeping that conversion must carry over untouched.
    ObjectNode metadata = (ObjectNode) object.path("metadata");
    metadata.put("uid", "5b2c1e0a-9a7e-4d7e-8a51-2f0a6a4f7c11").put("resourceVersion", "4711")
        .put("generation", 3).put("creationTimestamp", "2026-12-01T10:00:00Z");
    return object;
  }

  static JsonNode review(String desired, JsonNode... objects) {
    ObjectNode review = AdmissionValidator.json().createObjectNode();
    review.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "ConversionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UID).put("desiredAPIVersion", desired);
    ArrayNode list = request.putArray("objects");
    for (JsonNode object : objects) {
      list.add(object);
    }
    return review;
  }

  static ObjectNode convert(ObjectNode document, ApiVersion target) {
    return ((ConversionResult.Converted) Conversions.convert(document, target)).document();
  }

  @Test
  @DisplayName("a list mixing versions is converted object by object, in order, to the desired version")
  void convertsAMixedList() throws IOException {
    ObjectNode alpha = payments();
    ObjectNode beta = convert(payments(), ApiVersion.V1BETA1);
    ObjectNode v1 = convert(payments(), ApiVersion.V1);

    JsonNode response = WEBHOOK.review(review("lattice.dev/v1", alpha, beta, v1)).path("response");

    assertThat(response.path("uid").asText()).isEqualTo(UID);
    assertThat(response.path("result").path("status").asText()).isEqualTo("Success");
    JsonNode converted = response.path("convertedObjects");
    assertThat(converted).hasSize(3);
    for (JsonNode object : converted) {
      assertThat(object.path("apiVersion").asText()).isEqualTo("lattice.dev/v1");
      assertThat(object.path("metadata").path("uid").asText()).isEqualTo("5b2c1e0a-9a7e-4d7e-8a51-2f0a6a4f7c11");
      assertThat(object.path("metadata").path("resourceVersion").asText()).isEqualTo("4711");
      assertThat(object.path("spec")).isEqualTo(v1.path("spec"));
    }
    assertThat(converted.get(0)).isEqualTo(v1);
  }

  @Test
  @DisplayName("an object written in any version and stored as v1 reads back in that version exactly as written")
  void roundTripsThroughTheStorageVersion() throws IOException {
    for (ApiVersion written : ApiVersion.values()) {
      ObjectNode object = convert(payments(), written);
      JsonNode stored = WEBHOOK.review(review("lattice.dev/v1", object)).path("response")
          .path("convertedObjects").get(0);
      JsonNode back = WEBHOOK.review(review(written.apiVersion(), stored)).path("response")
          .path("convertedObjects").get(0);
      assertThat(back).as(written.apiVersion()).isEqualTo(object);
      // Read in any other version and converted again, the spec is what was stored.
      for (ApiVersion other : ApiVersion.values()) {
        JsonNode there = WEBHOOK.review(review(other.apiVersion(), stored)).path("response")
            .path("convertedObjects").get(0);
        JsonNode again = WEBHOOK.review(review("lattice.dev/v1", there)).path("response")
            .path("convertedObjects").get(0);
        assertThat(again.path("spec")).as(written + " via " + other).isEqualTo(stored.path("spec"));
      }
    }
  }

  @Test
  @DisplayName("image '.' cannot be stored as v1: the review fails naming the field and the choice")
  void undecidableImageFailsTheReview() throws IOException {
    ObjectNode runtime = payments();
    ((ObjectNode) runtime.path("spec").path("workload").path("containers").path("main")).put("image", ".");

    JsonNode response = WEBHOOK.review(review("lattice.dev/v1", payments(), runtime)).path("response");

    assertThat(response.path("uid").asText()).isEqualTo(UID);
    assertThat(response.path("result").path("status").asText()).isEqualTo("Failure");
    assertThat(response.path("convertedObjects")).isEmpty();
    assertThat(response.path("result").path("message").asText()).isEqualTo(
        "LatticeService commerce/payments (lattice.dev/v1alpha1) cannot be stored as lattice.dev/v1 without a "
            + "decision: spec.workload.containers.main.image: image '.' asks the runtime to supply the image at "
            + "deploy time, which lattice.dev/v1 does not allow, and no conversion can know which image you "
            + "deploy. Fix: choose the image to run and write it at spec.workload.containers.main.image, e.g. "
            + "image: ghcr.io/acme/app:1.4.2@sha256:<digest>, then convert again.");
    // Reading it in an old version needs no decision.
    assertThat(WEBHOOK.review(review("lattice.dev/v1beta1", runtime)).path("response").path("result")
        .path("status").asText()).isEqualTo("Success");
  }

  @Test
  @DisplayName("an unknown version, asked for or stored, fails naming the served versions")
  void unknownVersions() throws IOException {
    assertThat(WEBHOOK.review(review("lattice.dev/v2", payments())).path("response").path("result")
        .path("message").asText()).isEqualTo("LatticeService cannot be converted to lattice.dev/v2: the served "
            + "versions are lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1");
    ObjectNode old = payments().put("apiVersion", "lattice.dev/v1alpha0");
    assertThat(WEBHOOK.review(review("lattice.dev/v1", old)).path("response").path("result")
        .path("message").asText()).isEqualTo("LatticeService commerce/payments is in lattice.dev/v1alpha0, which "
            + "is not served; the served versions are lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1");
  }
}
