package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.engine.output.Manifests;
import dev.lattice.operator.ManagedKinds;
import dev.lattice.testkit.OutputCapture;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No secret value in the operator's log or in Kubernetes Events (issue 18), on the real control plane: a service
 * with a secret is derived, then its synced Secret is rotated twice with marker values the way External Secrets
 * does it (write the Secret, record the version in the ExternalSecret's status), which the operator reads to roll
 * the pods. Its whole log output (captured from System.err while it runs in this JVM), every Event, the service's
 * status and every other object of the namespace are then scanned for the markers, raw and base64.
 */
@RealCluster
class SecretLeakIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/api:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final ManagedKinds.Kind EXTERNAL_SECRET =
      ManagedKinds.ALL.stream().filter(k -> k.kind().equals("ExternalSecret")).findFirst().orElseThrow();
  private static OutputCapture log;
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    log = OutputCapture.start(); // before the operator starts: its start-up lines are scanned too
    RunningOperator.preparePlatform(cluster);
    cluster.kubectl("apply", "-f", "examples/commerce/providers.yaml").assertOk(); // SecretProvider vault
    operator = RunningOperator.start(cluster, "secret-leak-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
    if (log != null) {
      log.close();
    }
  }

  @Test
  void rotatedSecretValuesReachNoLogLineEventOrObject(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String policy = "secret-leak-" + ns;
    apply(cluster, """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: %s, namespace: lattice-system}
        spec:
          policies: |
            permit(principal == Lattice::Service::"%s/api", action == Lattice::Action::"AccessSecret",
                   resource == Lattice::SecretPath::"vault:%s/db");
        """.formatted(policy, ns, ns));
    try {
      apply(cluster, """
          apiVersion: lattice.dev/v1alpha1
          kind: LatticeService
          metadata: {name: api, namespace: %s}
          spec:
            workload:
              containers:
                main:
                  image: %s
                  command: ["/app/api"]
                  variables: {DB_PASSWORD: "${secret.db.password}"}
                  resources: {limits: {cpu: 500m, memory: 256Mi}}
              resources:
                db: {type: secret, id: %s/db, params: {provider: vault, keys: [password]}}
          """.formatted(ns, IMAGE, ns));
      await("api is Ready", WAIT, () -> "Ready".equals(CommerceIT.phase(cluster, ns, "api")));
      List<GenericKubernetesResource> externalSecrets = cluster.client()
          .genericKubernetesResources(EXTERNAL_SECRET.context()).inNamespace(ns).list().getItems();
      assertThat(externalSecrets).as("the service's ExternalSecrets").isNotEmpty();

      List<String> markers = new ArrayList<>();
      for (int rotation = 0; rotation < 2; rotation++) {
        String before = hash(cluster, ns);
        for (GenericKubernetesResource es : externalSecrets) {
          String marker = "sk_live_" + "Rot" + rotation + "MARKERnotForLogs" + Integer.toHexString(ns.hashCode());
          markers.add(marker);
          sync(cluster, ns, es.getMetadata().getName(), target(es), marker, rotation);
        }
        await("rotation " + rotation + " rolls the pods", WAIT, () -> !before.equals(hash(cluster, ns)));
      }

      Map<String, String> scanned = new TreeMap<>();
      scanned.put("the operator's log", log.text());
      for (var e : cluster.client().v1().events().inNamespace(ns).list().getItems()) {
        scanned.put("Event " + e.getMetadata().getName(), Manifests.jsonMapper().writeValueAsString(e));
      }
      for (var s : cluster.client().resources(LatticeService.class).inNamespace(ns).list().getItems()) {
        scanned.put("LatticeService " + s.getMetadata().getName(), Manifests.jsonMapper().writeValueAsString(s));
      }
      for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
        if (!kind.kind().equals("Secret")) {
          for (var o : cluster.client().genericKubernetesResources(kind.context()).inNamespace(ns).list().getItems()) {
            scanned.put(kind.kind() + " " + o.getMetadata().getName(), Manifests.jsonMapper().writeValueAsString(o));
          }
        }
      }
      assertThat(scanned.get("the operator's log")).as("the capture holds the operator's lines")
          .contains("service=" + ns + "/api applied");
      assertThat(scanned.keySet()).as("events were scanned").anyMatch(k -> k.startsWith("Event "));
      long bytes = 0;
      for (var e : scanned.entrySet()) {
        bytes += e.getValue().length();
        for (String marker : markers) {
          assertThat(e.getValue()).as(e.getKey()).doesNotContain(marker,
              Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8)));
        }
      }
      ReliabilityFigures.record("SecretLeakIT", Map.of("rotations", 2L, "markersPlanted", (long) markers.size(),
          "logBytesScanned", (long) scanned.get("the operator's log").length(), "outputsScanned",
          (long) scanned.size(), "bytesScanned", bytes));
    } finally {
      cluster.client().genericKubernetesResources("lattice.dev/v1alpha1", "CedarPolicy").inNamespace("lattice-system")
          .withName(policy).delete();
    }
  }

  private static String hash(LocalCluster cluster, String ns) {
    var d = cluster.client().apps().deployments().inNamespace(ns).withName("api").get();
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get("lattice.dev/config-hash");
  }

  private static String target(GenericKubernetesResource externalSecret) {
    Object spec = externalSecret.getAdditionalProperties().get("spec");
    Object target = spec instanceof Map<?, ?> m ? m.get("target") : null;
    return target instanceof Map<?, ?> t ? String.valueOf(t.get("name")) : externalSecret.getMetadata().getName();
  }

  /** What External Secrets does on a sync: write the Secret, then record its version in the ExternalSecret. */
  private static void sync(LocalCluster cluster, String ns, String externalSecret, String secret, String marker,
      int rotation) {
    var written = cluster.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName(secret).withNamespace(ns).endMetadata().addToStringData("password", marker).build())
        .fieldManager("external-secrets").serverSideApply();
    cluster.client().genericKubernetesResources(EXTERNAL_SECRET.context()).inNamespace(ns).withName(externalSecret)
        .editStatus(e -> {
          e.setAdditionalProperty("status", Map.of("syncedResourceVersion",
              written.getMetadata().getResourceVersion() + "-" + rotation));
          return e;
        });
  }

  private static void apply(LocalCluster cluster, String yaml) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "secret-leak", ".yaml");
    Files.writeString(file, yaml);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
