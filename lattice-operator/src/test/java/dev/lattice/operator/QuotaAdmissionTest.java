package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.engine.PlatformSettings;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The webhook judges LatticeQuotas with lattice derive's words: only lattice-system holds them. */
class QuotaAdmissionTest {
  private static final AdmissionValidator VALIDATOR = new AdmissionValidator(PlatformSettings.defaults());

  private static final String QUOTA = """
      apiVersion: lattice.dev/v1
      kind: LatticeQuota
      metadata: {name: retail, namespace: lattice-system}
      spec:
        selector: {team: retail}
        limits: {cpu: "8"}
        owner: retail-platform@example.com
      """;

  private static JsonNode response(String yaml) throws IOException {
    return VALIDATOR.review(AdmissionValidatorTest.review(yaml)).path("response");
  }

  @Test
  @DisplayName("a quota in lattice-system passes without a warning")
  void allowsPlatformQuota() throws IOException {
    JsonNode response = response(QUOTA);

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("warnings")).isFalse();
  }

  @Test
  @DisplayName("a quota in a team's namespace is refused with the message lattice derive prints")
  void refusesQuotaOutsidePlatform() throws IOException {
    JsonNode response = response(QUOTA.replace("namespace: lattice-system", "namespace: shop"));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(422);
    assertThat(response.path("status").path("message").asText()).isEqualTo("the LatticeQuota retail is in namespace"
        + " shop; quotas are the platform's and are read only from lattice-system. Fix: set metadata.namespace:"
        + " lattice-system.");
  }

  @Test
  @DisplayName("without metadata.namespace the request's namespace is the one judged")
  void requestNamespace() throws IOException {
    JsonNode review = AdmissionValidatorTest.review(QUOTA.replace("namespace: lattice-system", "labels: {}"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) review.path("request")).put("namespace", "pay");

    JsonNode response = VALIDATOR.review(review).path("response");

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).startsWith("the LatticeQuota retail is in namespace"
        + " pay;");
  }

  @Test
  @DisplayName("a quota limiting nothing is allowed with a warning and the fix")
  void warnsWhenLimitingNothing() throws IOException {
    JsonNode response = response(QUOTA.replace("  limits: {cpu: \"8\"}\n", ""));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings")).singleElement().satisfies(w -> assertThat(w.asText()).isEqualTo(
        "the LatticeQuota retail limits nothing: it has no spec.limits and no spec.perWorkload. Fix: set spec.limits"
            + " (e.g. cpu: \"8\")."));
  }
}
