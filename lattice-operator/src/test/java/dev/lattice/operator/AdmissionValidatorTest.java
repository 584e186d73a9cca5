package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl apply of a bad spec fails at once, with the same messages as lattice derive. */
class AdmissionValidatorTest {
  private static final AdmissionValidator VALIDATOR = new AdmissionValidator(PlatformSettings.defaults());

  static JsonNode review(String yaml) throws IOException {
    ObjectNode review = (ObjectNode) AdmissionValidator.json().readTree("""
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "operation": "CREATE"}}""");
    ((ObjectNode) review.path("request")).set("object", new YAMLMapper().readTree(yaml));
    return review;
  }

  /** An UPDATE of {@code kind}'s status subresource of shop/legacy by {@code user}, the object without an owner. */
  static JsonNode statusWrite(String kind, String user) throws IOException {
    return AdmissionValidator.json().readTree("""
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "u-1", "operation": "UPDATE", "subResource": "status", "namespace": "shop",
                     "name": "legacy", "kind": {"group": "lattice.dev", "version": "v1", "kind": "%s"},
                     "userInfo": {"username": "%s"},
                     "object": {"apiVersion": "lattice.dev/v1", "kind": "%s",
                                "metadata": {"name": "legacy", "namespace": "shop"},
                                "spec": {"expires": "2020-01-01"}, "status": {"phase": "Ready"}}}}"""
        .formatted(kind, user, kind));
  }

  @Test
  @DisplayName("an escape hatch's status is written by the operator only: anyone else is denied, word for word; "
      + "the spec is not judged on a status write, and other kinds' statuses are let through")
  void hatchStatusIsTheOperatorsOnly() throws IOException {
    JsonNode denied = VALIDATOR.review(statusWrite("LatticeMeshMember", "alice")).path("response");
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("message").asText()).isEqualTo("HatchStatusWriteDenied: status: the "
        + "status of LatticeMeshMember shop/legacy records its expiry and consent, and only the Lattice operator "
        + "writes it; alice may not. Fix: change the spec (owner, reason, expires, mesh) instead: the operator "
        + "rewrites the status from it.");
    assertThat(VALIDATOR.review(statusWrite("LatticePackage", "alice")).path("response").path("allowed")
        .asBoolean()).isFalse();

    assertThat(VALIDATOR.review(statusWrite("LatticeMeshMember", AdmissionValidator.OPERATOR_ACCOUNT))
        .path("response").path("allowed").asBoolean()).as("the operator's account; no owner is no matter here")
        .isTrue();
    assertThat(VALIDATOR.withStatusWriter("lattice-admin").review(statusWrite("LatticePackage", "lattice-admin"))
        .path("response").path("allowed").asBoolean()).as("an operator running as another identity").isTrue();
    assertThat(VALIDATOR.review(statusWrite("LatticeService", "alice")).path("response").path("allowed")
        .asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "missing-limits.yaml, MissingResourceLimits, spec.workload.containers.main.resources.limits: container 'main' "
        + "has no resource limits",
    "relative-command.yaml, CommandNotAbsolute, spec.workload.containers.main.command[0]: 'worker' is not an "
        + "absolute path",
    "replicas-over-max.yaml, ReplicasExceedMax, spec.replicas: replicas (6) is more than spec.autoscaling.max (4)."
  })
  @DisplayName("each invalid example is rejected with its reason, field path and fix")
  void rejectsInvalidExamples(String file, String reason, String message) throws IOException {
    JsonNode response = VALIDATOR.review(review(Files.readString(
        Specs.repoRoot().resolve("examples/invalid/" + file)))).path("response");

    assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(422);
    assertThat(response.path("status").path("message").asText())
        .startsWith("LatticeService analytics/")
        .contains(reason + ": " + message)
        .contains("Fix: ");
  }

  @Test
  @DisplayName("valid specs pass, even when a service they depend on is not applied yet; warnings reach kubectl")
  void allowsValidSpecsInAnyOrder() throws IOException {
    String frontend = Files.readString(Specs.repoRoot().resolve("examples/commerce/frontend.yaml"));
    JsonNode response = VALIDATOR.review(review(frontend)).path("response");
    assertThat(response.path("allowed").asBoolean()).isTrue();

    JsonNode warned = VALIDATOR.review(review(Specs.minimalWith("spec: {topology: {mode: Soft}}"))).path("response");
    assertThat(warned.path("allowed").asBoolean()).isTrue();
    assertThat(warned.path("warnings").get(0).asText()).startsWith("NotYetDerived: spec.topology: is accepted");
  }

  @Test
  @DisplayName("a spec applied as the deprecated v1alpha1 is allowed with a warning naming what to review and run")
  void warnsOnTheDeprecatedVersion() throws IOException {
    String payments = Files.readString(Specs.repoRoot().resolve("examples/commerce/payments.yaml"));
    JsonNode response = VALIDATOR.review(review(payments)).path("response");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("warnings")).extracting(JsonNode::asText).containsExactly(
        "commerce/payments was applied as lattice.dev/v1alpha1 and stored as lattice.dev/v1; review it with "
            + "kubectl get latticeservice payments -n commerce -o yaml, or run lattice migrate --to v1 FILE (the "
            + "file you applied)");

    ObjectNode deleting = (ObjectNode) review(payments);
    ((ObjectNode) deleting.path("request")).put("operation", "DELETE");
    assertThat(VALIDATOR.review(deleting).path("response").has("warnings")).isFalse();
  }

  @Test
  @DisplayName("image '.' is rejected at apply with the decision to make, not with the engine's image rule")
  void rejectsTheUndecidableCase() throws IOException {
    JsonNode response = VALIDATOR.review(review(Specs.minimalWith(
        "spec: {workload: {containers: {main: {image: '.'}}}}"))).path("response");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).isEqualTo(
        "LatticeService shop/api (lattice.dev/v1alpha1) cannot be stored as lattice.dev/v1 without a decision: "
            + "spec.workload.containers.main.image: image '.' asks the runtime to supply the image at deploy time, "
            + "which lattice.dev/v1 does not allow, and no conversion can know which image you deploy. Fix: choose "
            + "the image to run and write it at spec.workload.containers.main.image, e.g. image: "
            + "ghcr.io/acme/app:1.4.2@sha256:<digest>, then convert again.");
    assertThat(response.has("warnings")).isFalse();
  }

  @Test
  @DisplayName("workloads in system namespaces are rejected at admission")
  void systemNamespace() throws IOException {
    JsonNode response = VALIDATOR.review(review(Specs.minimalWith("metadata: {namespace: kube-system}")))
        .path("response");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText())
        .contains("SystemNamespace: metadata.namespace: 'kube-system' is a system namespace");
  }

  @Test
  @DisplayName("the webhook answers AdmissionReviews over HTTPS with a cert-manager style tls.crt/tls.key")
  void servesOverHttps(@TempDir Path certs) throws Exception {
    assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "openssl"))),
        "openssl is needed to make a test certificate");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", certs.resolve("tls.key").toString(), "-out", certs.resolve("tls.crt").toString(),
        "-subj", "/CN=lattice-operator.lattice-system.svc", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1").redirectErrorStream(true).start();
    assertThat(openssl.waitFor()).isZero();

    try (WebhookServer server = new WebhookServer(0, certs, VALIDATOR)) {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new X509TrustManager() {
        public void checkClientTrusted(X509Certificate[] c, String a) {}

        public void checkServerTrusted(X509Certificate[] c, String a) {}

        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build();
      String body = AdmissionValidator.json().writeValueAsString(review(Files.readString(
          Specs.repoRoot().resolve("examples/invalid/missing-limits.yaml"))));
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + WebhookServer.PATH))
              .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"allowed\":false").contains("MissingResourceLimits");
    }
  }

  private static String denial(String yaml) throws IOException {
    JsonNode response = VALIDATOR.review(review(yaml)).path("response");
    assertThat(response.path("allowed").asBoolean()).as("allowed").isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(422);
    return response.path("status").path("message").asText();
  }

  @Test
  @DisplayName("a LatticeMeshMember without an owner is denied with lattice derive's message; a valid one passes")
  void meshMembers() throws IOException {
    assertThat(VALIDATOR.review(review(dev.lattice.testkit.MeshMembers.MINIMAL)).path("response")
        .path("allowed").asBoolean()).isTrue();
    String noOwner = Specs.merge(dev.lattice.testkit.MeshMembers.MINIMAL, "spec: {owner: null}");
    assertThat(denial(noOwner)).isEqualTo("""
        LatticeMeshMember shop/legacy is invalid (1 problem):
        EscapeHatchGovernanceMissing: spec.owner: LatticeMeshMember shop/legacy has no owner; an escape hatch must \
        name the team that answers for it. Fix: add spec.owner with your team's name, e.g. owner: team-billing.""");
  }

  @Test
  @DisplayName("a LatticePackage with a floating chart version is denied with lattice derive's message, without "
      + "rendering the chart; a valid one passes")
  void packages() throws IOException {
    String valid = dev.lattice.operator.packages.PackageFixtures.yaml("1.0.0");
    assertThat(VALIDATOR.review(review(valid)).path("response").path("allowed").asBoolean()).isTrue();
    assertThat(denial(dev.lattice.operator.packages.PackageFixtures.yaml("1.x"))).isEqualTo("""
        LatticePackage shop/hello is invalid (1 problem):
        ChartVersionNotExact: spec.chart.version: chart version '1.x' is not an exact version (it is a range, a \
        wildcard or a name), so a re-render could install a different chart than the one reviewed. Fix: pin one \
        exact version, e.g. version: 1.0.0.""");
    assertThat(denial(Specs.merge(valid, "spec: {reason: null}"))).isEqualTo("""
        LatticePackage shop/hello is invalid (1 problem):
        EscapeHatchGovernanceMissing: spec.reason: LatticePackage shop/hello gives no reason; an escape hatch must \
        say why it exists. Fix: add spec.reason with a ticket or a sentence, e.g. reason: JIRA-123 legacy billing \
        until the rewrite.""");
  }

  @Test
  @DisplayName("the webhook's rules send LatticeMeshMembers and LatticePackages of lattice.dev/v1 to it")
  void webhookRulesCoverTheHatches() throws IOException {
    JsonNode config = null;
    for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(
        Specs.repoRoot().resolve("deploy/operator/webhook.yaml").toFile()).readAll()) {
      if (doc.path("kind").asText().equals("ValidatingWebhookConfiguration")) {
        config = doc;
      }
    }
    assertThat(config).isNotNull();
    java.util.Set<String> covered = new java.util.TreeSet<>();
    for (JsonNode rule : config.path("webhooks").get(0).path("rules")) {
      for (JsonNode version : rule.path("apiVersions")) {
        rule.path("resources").forEach(r -> covered.add(version.asText() + "/" + r.asText()));
      }
      boolean status = rule.path("resources").toString().contains("/status");
      assertThat(rule.path("operations").toString()).as("a status is only ever updated")
          .isEqualTo(status ? "[\"UPDATE\"]" : "[\"CREATE\",\"UPDATE\"]");
    }
    assertThat(covered).contains("v1/latticeservices", "v1/latticemeshmembers", "v1/latticepackages");
  }
}
