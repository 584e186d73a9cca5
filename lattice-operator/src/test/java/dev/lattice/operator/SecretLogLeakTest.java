package dev.lattice.operator;

import static dev.lattice.operator.OperatorTest.await;
import static dev.lattice.operator.OperatorTest.kind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.LatticeService;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.OutputCapture;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No secret value in the operator's log or events (issue 18), on fabric8's mock API server: the operator reads the
 * Secrets External Secrets syncs (their data feeds the config hash that rolls pods on rotation), so each rotation
 * here writes fresh random marker values into every synced Secret. The operator's whole log output (slf4j-simple at
 * debug for dev.lattice, as this module's tests configure it, captured from System.err), every Event, every
 * LatticeService status and every other object in the API server is then scanned for the markers, raw and base64.
 * {@code -Dlattice.rotations=n} rotates more often; a failure prints the seed, {@code -Dlattice.seed=s} replays it.
 */
@EnableKubernetesMockClient(crud = true)
class SecretLogLeakTest {
  private static final int ROTATIONS = Integer.getInteger("lattice.rotations", 6);

  KubernetesClient client;

  private LatticeOperator operator;
  private OutputCapture log;

  @BeforeEach
  void start() throws IOException {
    for (String crd : List.of("latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
        "secretproviders.lattice.dev", "imageproviders.lattice.dev", "latticepackages.lattice.dev",
        "latticemeshmembers.lattice.dev")) {
      try (var in = new FileInputStream(Specs.repoRoot().resolve("deploy/crds/" + crd + ".yaml").toFile())) {
        client.apiextensions().v1().customResourceDefinitions().load(in).createOr(r -> r.update());
      }
    }
    try (var in = new FileInputStream(Specs.repoRoot().resolve(
        "../shared/crds/external-secrets.io/externalsecrets.external-secrets.io.yaml").toFile())) {
      client.apiextensions().v1().customResourceDefinitions().load(in).createOr(r -> r.update());
    }
    log = OutputCapture.start(); // before the operator starts, so that its start-up lines are scanned too
    operator = new LatticeOperator(client, PlatformSettings.defaults(), LatticeOperator.Options.mockServer());
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
    log.close();
  }

  @Test
  @DisplayName("rotated Secret values appear in no log line, event, status or other object of the API server")
  void noSecretValueInLogsOrEvents() throws Exception {
    long seed = Long.getLong("lattice.seed", System.nanoTime());
    Random random = new Random(seed);
    try (Stream<Path> files = Files.list(Specs.repoRoot().resolve("examples/commerce"))) {
      for (Path file : files.sorted().toList()) {
        try (var in = Files.newInputStream(file)) {
          for (HasMetadata item : client.load(in).items()) {
            client.resource(StorageVersion.storable(item)).createOr(r -> r.update());
          }
        }
      }
    }
    await("payments and orders are Ready", () -> Stream.of("payments", "orders").allMatch(n -> "Ready".equals(phase(n))));
    List<String> synced = client.genericKubernetesResources(kind("ExternalSecret").context()).inNamespace("commerce")
        .list().getItems().stream().map(SecretLogLeakTest::targetName).sorted().toList();
    assertThat(synced).as("the example's ExternalSecrets").isNotEmpty();

    List<String> markers = new ArrayList<>();
    for (int rotation = 0; rotation < ROTATIONS; rotation++) {
      String before = hash("payments");
      for (String secret : synced) {
        String marker = "sk_live_" + token(random);
        markers.add(marker);
        sync(secret, marker, rotation);
      }
      await("rotation " + rotation + " rolls payments", () -> !before.equals(hash("payments")));
    }

    Map<String, String> scanned = new java.util.TreeMap<>();
    scanned.put("the operator's log", log.text());
    for (var e : client.v1().events().inAnyNamespace().list().getItems()) {
      scanned.put("Event " + e.getMetadata().getName(), Manifests.jsonMapper().writeValueAsString(e));
    }
    for (LatticeService s : client.resources(LatticeService.class).inAnyNamespace().list().getItems()) {
      scanned.put("LatticeService " + s.getMetadata().getName(), Manifests.jsonMapper().writeValueAsString(s));
    }
    for (ManagedKinds.Kind k : ManagedKinds.ALL) {
      if (!k.kind().equals("Secret")) {
        for (GenericKubernetesResource o : client.genericKubernetesResources(k.context()).inAnyNamespace().list()
            .getItems()) {
          scanned.put(k.kind() + " " + o.getMetadata().getName(), Manifests.jsonMapper().writeValueAsString(o));
        }
      }
    }
    assertThat(scanned.get("the operator's log")).as("the capture holds the operator's lines (seed %d)", seed)
        .contains("service=commerce/payments applied");
    long bytes = 0;
    for (var e : scanned.entrySet()) {
      bytes += e.getValue().length();
      for (String marker : markers) {
        String encoded = Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
        assertThat(e.getValue()).as("%s (seed %d)", e.getKey(), seed).doesNotContain(marker, encoded,
            marker.substring("sk_live_".length()));
      }
    }
    ReliabilityFigures.record("SecretLogLeakTest", Map.of("rotations", (long) ROTATIONS, "markersPlanted",
        (long) markers.size(), "logBytesScanned", (long) scanned.get("the operator's log").length(),
        "outputsScanned", (long) scanned.size(), "bytesScanned", bytes));
  }

  private String phase(String name) {
    LatticeService s = client.resources(LatticeService.class).inNamespace("commerce").withName(name).get();
    return s == null || s.getStatus() == null ? null : s.getStatus().phase;
  }

  private String hash(String name) {
    var d = client.apps().deployments().inNamespace("commerce").withName(name).get();
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get("lattice.dev/config-hash");
  }

  private static String targetName(GenericKubernetesResource externalSecret) {
    Object spec = externalSecret.getAdditionalProperties().get("spec");
    Object target = spec instanceof Map<?, ?> m ? m.get("target") : null;
    return target instanceof Map<?, ?> t ? String.valueOf(t.get("name")) : externalSecret.getMetadata().getName();
  }

  /** What External Secrets does on a sync: write the Secret, then record its version in the ExternalSecret. */
  private void sync(String secret, String marker, int rotation) {
    var written = client.secrets().inNamespace("commerce").resource(new SecretBuilder().withNewMetadata()
        .withName(secret).withNamespace("commerce").endMetadata()
        .addToData("value", Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8)))
        .addToStringData("plain", marker).build()).createOr(r -> r.update());
    for (GenericKubernetesResource es : client.genericKubernetesResources(kind("ExternalSecret").context())
        .inNamespace("commerce").list().getItems()) {
      if (targetName(es).equals(secret)) {
        client.genericKubernetesResources(kind("ExternalSecret").context()).inNamespace("commerce")
            .withName(es.getMetadata().getName()).editStatus(e -> {
              e.setAdditionalProperty("status", Map.of("syncedResourceVersion",
                  written.getMetadata().getResourceVersion() + "-" + rotation));
              return e;
            });
      }
    }
  }

  private static String token(Random random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
