package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens to derived objects after they are applied, on the real API server: drift correction, another field
 * manager owning replicas, pruning what is no longer derived, and deletion through the garbage collector.
 */
@RealCluster
class DriftAndPruneIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "drift-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aChangedFieldLatticeOwnsIsRestoredWhileAnAnnotationAndAnAutoscalersReplicasAreKept(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    applyWeb(cluster, namespace, true);
    await("web is Ready", WAIT, () -> "Ready".equals(CommerceIT.phase(cluster, namespace.name(), "web")));
    // With autoscaling Lattice sends no replicas (the API server defaults them to 1); its field set has none.
    assertThat(deployment(cluster, namespace).getMetadata().getManagedFields())
        .filteredOn(m -> m.getManager().equals("lattice"))
        .singleElement()
        .satisfies(m -> assertThat(m.getFieldsV1().getAdditionalProperties().get("f:spec").toString())
            .doesNotContain("f:replicas"));

    cluster.kubectl("-n", namespace.name(), "annotate", "deployment", "web", "team.example/owner=alice").assertOk();
    // What an HPA or KEDA does: replicas through the scale subresource, under its own field manager.
    cluster.kubectl("-n", namespace.name(), "scale", "deployment", "web", "--replicas=4").assertOk();
    cluster.kubectl("-n", namespace.name(), "set", "image", "deployment/web", "main=ghcr.io/evil/web:6.6.6")
        .assertOk();

    await("the image Lattice applies is restored", WAIT,
        () -> IMAGE.equals(deployment(cluster, namespace).getSpec().getTemplate().getSpec().getContainers().get(0)
            .getImage()));
    Deployment restored = deployment(cluster, namespace);
    assertThat(restored.getMetadata().getAnnotations()).containsEntry("team.example/owner", "alice");
    assertThat(restored.getSpec().getReplicas()).isEqualTo(4);

    // No fight: nothing more is written once the image is back.
    int from = ClusterAsserts.auditLines(cluster.plane().auditLog());
    Thread.sleep(5_000);
    List<JsonNode> writes = ClusterAsserts.audit(cluster.plane().auditLog(), from).stream()
        .filter(ClusterAsserts.operatorWrite())
        .filter(e -> namespace.name().equals(e.path("objectRef").path("namespace").asText())).toList();
    assertThat(writes.stream().map(ClusterAsserts::describe)).isEmpty();
    assertThat(deployment(cluster, namespace).getMetadata().getResourceVersion())
        .isEqualTo(restored.getMetadata().getResourceVersion());
  }

  @Test
  void removingTheIngressPrunesExactlyTheObjectsNoLongerDerived(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    ConfigMap unrelated = cluster.client().configMaps().inNamespace(namespace.name()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("team-notes").endMetadata().addToData("note", "not Lattice's").build()).create();
    applyWeb(cluster, namespace, true);
    await("web is Ready", WAIT, () -> "Ready".equals(CommerceIT.phase(cluster, namespace.name(), "web")));
    Map<String, String> before = uids(cluster, namespace);
    // The route, its certificate, and what lets the namespace's gateway reach web (only derived with a route).
    List<String> routed = List.of("HTTPRoute/web-public-route", "Certificate/web-public-cert",
        "CiliumNetworkPolicy/web-gateway", "AuthorizationPolicy/web-gateway");
    assertThat(before).containsKeys(routed.toArray(String[]::new));

    applyWeb(cluster, namespace, false);
    await("the route, its certificate and the gateway's policies are pruned", WAIT,
        () -> routed.stream().noneMatch(uids(cluster, namespace)::containsKey));
    Map<String, String> expected = new TreeMap<>(before);
    routed.forEach(expected::remove);
    assertThat(uids(cluster, namespace)).as("every other object is the same object").isEqualTo(expected);
    assertThat(cluster.client().configMaps().inNamespace(namespace.name()).withName("team-notes").get()
        .getMetadata().getUid()).isEqualTo(unrelated.getMetadata().getUid());
  }

  @Test
  void deletingTheServiceDeletesEverythingItOwnsThroughTheGarbageCollector(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    applyWeb(cluster, namespace, true);
    await("web is Ready", WAIT, () -> "Ready".equals(CommerceIT.phase(cluster, namespace.name(), "web")));
    var service = CommerceIT.service(cluster, namespace.name(), "web");
    // Not Lattice's object (no label, the operator never prunes it), but owned by the service: only the garbage
    // collector, following the owner reference, can delete it.
    cluster.client().configMaps().inNamespace(namespace.name()).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("web-extra").addNewOwnerReference().withApiVersion("lattice.dev/v1alpha1")
        .withKind("LatticeService").withName("web").withUid(service.getMetadata().getUid()).endOwnerReference()
        .endMetadata().build()).create();

    cluster.kubectl("-n", namespace.name(), "delete", "latticeservice", "web").assertOk();
    await("every derived object is gone", WAIT, () -> uids(cluster, namespace).isEmpty());
    await("the garbage collector deleted the owned ConfigMap", WAIT,
        () -> cluster.client().configMaps().inNamespace(namespace.name()).withName("web-extra").get() == null);
  }

  private static Deployment deployment(LocalCluster cluster, TestNamespace namespace) {
    return cluster.client().apps().deployments().inNamespace(namespace.name()).withName("web").get();
  }

  private static Map<String, String> uids(LocalCluster cluster, TestNamespace namespace) {
    return CommerceIT.derived(cluster, namespace.name(), "web").stream().collect(Collectors.toMap(
        (GenericKubernetesResource o) -> o.getKind() + "/" + o.getMetadata().getName(),
        o -> o.getMetadata().getUid(), (a, b) -> a, TreeMap::new));
  }

  /** kubectl apply of a small service, with or without a public route. */
  static void applyWeb(LocalCluster cluster, TestNamespace namespace, boolean ingress) throws Exception {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
          name: web
          namespace: %s
        spec:
          replicas: 2
          autoscaling:
            max: 5
            metrics:
              - {metric: cpu, target: 70}
          workload:
            containers:
              main:
                image: %s
                command: ["/app/web"]
                resources:
                  requests: {cpu: 100m, memory: 128Mi}
                  limits: {cpu: 500m, memory: 256Mi}
                readinessProbe:
                  httpGet: {path: /healthz, port: http}
            service:
              ports:
                http: {port: 80, targetPort: 8080}
        """.formatted(namespace.name(), IMAGE);
    if (ingress) {
      spec += """
              ingress:
                routes:
                  public:
                    hosts: [web.example.com]
                    tls:
                      issuerRef: {name: letsencrypt-prod}
            """;
    }
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "web", ".yaml");
    Files.writeString(file, spec);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
