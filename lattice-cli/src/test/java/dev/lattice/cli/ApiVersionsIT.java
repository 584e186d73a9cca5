package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served versions on the real API server: a spec applied in any version is stored as v1 through the operator's
 * conversion webhook, reads back in every version, tells kubectl it was migrated, records the version it was
 * applied in, and the one case conversion cannot decide is rejected at apply.
 */
@RealCluster
class ApiVersionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479";
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "api-versions-it");
    operator.registerWebhook(cluster);
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  /** A small v1alpha1 service with a dependency in each direction (the shape every version writes differently). */
  static ObjectNode alpha(String namespace, String name, String image) throws Exception {
    return (ObjectNode) new YAMLMapper().readTree("""
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
          name: %s
          namespace: %s
        spec:
          replicas: 2
          workload:
            containers:
              main:
                image: "%s"
                command: ["/app/web"]
                variables:
                  ORDERS_URL: "${resources.orders.url}"
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
            service:
              ports:
                http: {port: 80, targetPort: 8080}
            resources:
              orders: {type: service, direction: outbound}
              frontend: {type: service, direction: inbound}
        """.formatted(name, namespace, image));
  }

  static ObjectNode in(ApiVersion version, ObjectNode document) {
    ConversionResult result = Conversions.convert(document, version);
    assertThat(result).isInstanceOf(ConversionResult.Converted.class);
    return ((ConversionResult.Converted) result).document();
  }

  static LocalCluster.KubectlResult apply(LocalCluster cluster, ObjectNode document) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "api-versions", ".yaml");
    Files.writeString(file, new YAMLMapper().writeValueAsString(document));
    return cluster.kubectl("apply", "-f", file.toString());
  }

  /** The object as kubectl reads it in one version ({@code latticeservices.v1beta1.lattice.dev}). */
  static JsonNode get(LocalCluster cluster, String namespace, String name, ApiVersion version) throws Exception {
    return JSON.readTree(cluster.kubectl("get", "latticeservices." + version.version() + ".lattice.dev", name,
        "-n", namespace, "-o", "json").assertOk().stdout());
  }

  static String appliedVersion(LocalCluster cluster, String namespace, String name) {
    return cluster.kubectl("get", "latticeservice", name, "-n", namespace, "-o",
        "jsonpath={.status.appliedVersion}").assertOk().stdout();
  }

  @Test
  void appliedAsV1alpha1ItIsStoredAsV1ReadsBackInEveryVersionWarnsAndRecordsTheVersion(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    ObjectNode written = alpha(namespace.name(), "web", IMAGE);
    LocalCluster.KubectlResult apply = apply(cluster, written).assertOk();

    assertThat(apply.stderr()).contains("Warning: " + namespace + "/web was applied as lattice.dev/v1alpha1 and "
        + "stored as lattice.dev/v1; review it with kubectl get latticeservice web -n " + namespace + " -o yaml, "
        + "or run lattice migrate --to v1 FILE (the file you applied)\n");
    JsonNode v1 = get(cluster, namespace.name(), "web", ApiVersion.V1);
    JsonNode beta = get(cluster, namespace.name(), "web", ApiVersion.V1BETA1);
    JsonNode alpha = get(cluster, namespace.name(), "web", ApiVersion.V1ALPHA1);
    assertThat(v1.path("apiVersion").asText()).isEqualTo("lattice.dev/v1");
    assertThat(v1.path("spec")).isEqualTo(in(ApiVersion.V1, written).path("spec"));
    assertThat(beta.path("apiVersion").asText()).isEqualTo("lattice.dev/v1beta1");
    assertThat(beta.path("spec")).isEqualTo(in(ApiVersion.V1BETA1, written).path("spec"));
    // One object: the v1beta1 and the v1 reading say the same, and the v1alpha1 one is what was written.
    assertThat(in(ApiVersion.V1, (ObjectNode) beta).path("spec")).isEqualTo(v1.path("spec"));
    assertThat(alpha.path("spec")).isEqualTo(written.path("spec"));
    assertThat(alpha.path("metadata").path("uid")).isEqualTo(v1.path("metadata").path("uid"));

    await("the applied version is in the status", READY,
        () -> "lattice.dev/v1alpha1".equals(appliedVersion(cluster, namespace.name(), "web")));

    // Applied again in v1, with a change: no migration warning, and the status follows.
    Thread.sleep(1_100); // managedFields times have a resolution of one second
    ObjectNode next = in(ApiVersion.V1, written);
    ((ObjectNode) next.path("spec")).put("replicas", 3);
    ((ObjectNode) next.path("metadata")).remove("annotations");
    LocalCluster.KubectlResult again = apply(cluster, next).assertOk();
    assertThat(again.stderr()).doesNotContain("was applied as");
    await("the status names v1", READY,
        () -> "lattice.dev/v1".equals(appliedVersion(cluster, namespace.name(), "web")));
  }

  @Test
  void aListOfServicesAppliedInMixedVersionsIsServedThroughTheConversionWebhook(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    Map<String, ObjectNode> written = new TreeMap<>();
    written.put("alpha", alpha(namespace.name(), "alpha", IMAGE));
    written.put("beta", in(ApiVersion.V1BETA1, alpha(namespace.name(), "beta", IMAGE)));
    written.put("v1", in(ApiVersion.V1, alpha(namespace.name(), "v1", IMAGE)));
    for (ObjectNode document : written.values()) {
      apply(cluster, document).assertOk();
    }

    int from = RunningOperator.CONVERSION_REVIEWS.size();
    for (ApiVersion version : ApiVersion.values()) {
      JsonNode list = JSON.readTree(cluster.kubectl("get", "latticeservices." + version.version() + ".lattice.dev",
          "-n", namespace.name(), "-o", "json").assertOk().stdout());
      assertThat(list.path("items")).as(version.apiVersion()).hasSize(3);
      for (JsonNode item : list.path("items")) {
        String name = item.path("metadata").path("name").asText();
        assertThat(item.path("apiVersion").asText()).as(name).isEqualTo(version.apiVersion());
        assertThat(item.path("spec")).as(name + " as " + version)
            .isEqualTo(in(version, written.get(name)).path("spec"));
      }
    }
    // Stored as v1, the v1alpha1 and v1beta1 lists were served through the conversion webhook (the API server
    // may reuse a conversion it made moments before, so not every item needs a review of its own).
    List<JsonNode> reviews = RunningOperator.CONVERSION_REVIEWS.subList(from,
        RunningOperator.CONVERSION_REVIEWS.size());
    for (String desired : List.of("lattice.dev/v1alpha1", "lattice.dev/v1beta1")) {
      assertThat(reviews).as("reviews converting the stored v1 to " + desired).anySatisfy(review -> {
        assertThat(review.path("request").path("desiredAPIVersion").asText()).isEqualTo(desired);
        assertThat(review.path("request").path("objects").get(0).path("apiVersion").asText())
            .isEqualTo("lattice.dev/v1");
      });
    }
  }

  @Test
  void theUndecidableImageIsRejectedAtApplyByTheAdmissionWebhookAndByConversion(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    String expected = "LatticeService " + namespace + "/runtime (lattice.dev/v1alpha1) cannot be stored as "
        + "lattice.dev/v1 without a decision: spec.workload.containers.main.image: image '.' asks the runtime to "
        + "supply the image at deploy time, which lattice.dev/v1 does not allow, and no conversion can know which "
        + "image you deploy. Fix: choose the image to run and write it at spec.workload.containers.main.image, "
        + "e.g. image: ghcr.io/acme/app:1.4.2@sha256:<digest>, then convert again.";
    ObjectNode runtime = alpha(namespace.name(), "runtime", ".");

    LocalCluster.KubectlResult apply = apply(cluster, runtime);
    assertThat(apply.exitCode()).isNotZero();
    assertThat(apply.stderr()).contains("admission webhook \"latticeservices.validate.lattice.dev\" denied the "
        + "request: " + expected);

    // Without the admission webhook the API server's conversion to the storage version refuses it all the same.
    cluster.client().admissionRegistration().v1().validatingWebhookConfigurations()
        .withName("lattice-validate-latticeservice").delete();
    try {
      LocalCluster.KubectlResult converted = apply(cluster, runtime);
      assertThat(converted.exitCode()).isNotZero();
      assertThat(converted.stderr()).contains("conversion webhook for lattice.dev/v1alpha1, Kind=LatticeService "
          + "failed: " + expected);
    } finally {
      operator.registerWebhook(cluster);
    }
    assertThat(cluster.kubectl("get", "latticeservice", "runtime", "-n", namespace.name()).exitCode())
        .as("nothing stored").isNotZero();
  }
}
