package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.operator.ManagedKinds;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LatticePackage on the real API server: installed from the checkout's test chart, upgraded to the version that
 * no longer renders its ConfigMap (pruned), kept running through a chart that fails to render, and deleted.
 */
@RealCluster
class PackageIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ResourceDefinitionContext PACKAGES = new ResourceDefinitionContext.Builder()
      .withGroup("lattice.dev").withVersion("v1").withKind("LatticePackage").withPlural("latticepackages")
      .withNamespaced(true).build();
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "package-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aPackageIsAppliedUpgradedKeptThroughABrokenVersionAndDeleted(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    apply(cluster, """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: package-it-%s, namespace: lattice-system}
        spec:
          policies: >-
            permit(principal == Lattice::Package::"%s/hello", action == Lattice::Action::"AccessSecret",
            resource == Lattice::SecretPath::"vault:%s/hello-db");
        """.formatted(ns, ns, ns));
    applyPackage(cluster, ns, "0.1.0");
    await("hello 0.1.0 is Ready", WAIT, () -> "Ready".equals(phase(cluster, ns)));
    Map<String, String> first = uids(cluster, ns);
    assertThat(first).containsOnlyKeys("ExternalSecret/hello-db", "ConfigMap/hello-config", "Service/hello",
        "Deployment/hello", "CiliumNetworkPolicy/hello-mesh", "AuthorizationPolicy/hello-mesh",
        "PeerAuthentication/hello-mesh");
    String owner = cluster.client().genericKubernetesResources(PACKAGES).inNamespace(ns).withName("hello").get()
        .getMetadata().getUid();
    assertThat(cluster.client().apps().deployments().inNamespace(ns).withName("hello").get().getMetadata()
        .getOwnerReferences()).singleElement().satisfies(o -> {
          assertThat(o.getKind()).isEqualTo("LatticePackage");
          assertThat(o.getUid()).isEqualTo(owner);
        });

    applyPackage(cluster, ns, "0.2.0");
    await("the ConfigMap 0.2.0 no longer renders is pruned", WAIT,
        () -> !uids(cluster, ns).containsKey("ConfigMap/hello-config"));
    Map<String, String> expected = new TreeMap<>(first);
    expected.remove("ConfigMap/hello-config");
    assertThat(uids(cluster, ns)).as("the other objects are the same objects, upgraded in place")
        .isEqualTo(expected);
    await("the Deployment runs 0.2.0", WAIT, () -> "0.2.0".equals(cluster.client().apps().deployments()
        .inNamespace(ns).withName("hello").get().getMetadata().getLabels().get("app.kubernetes.io/version")));

    applyPackage(cluster, ns, "9.9.9");
    await("a version that does not render fails", WAIT, () -> "Failed".equals(phase(cluster, ns)));
    assertThat(readyReason(cluster, ns)).isEqualTo("ChartRenderFailed");
    assertThat(uids(cluster, ns)).as("nothing of the version before is pruned").isEqualTo(expected);

    cluster.kubectl("-n", ns, "delete", "latticepackage", "hello").assertOk();
    await("every object of the package is gone", WAIT, () -> uids(cluster, ns).isEmpty());
    cluster.kubectl("-n", "lattice-system", "delete", "cedarpolicy", "package-it-" + ns).assertOk();
  }

  private static void applyPackage(LocalCluster cluster, String ns, String version) throws Exception {
    apply(cluster, """
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: hello, namespace: %s}
        spec:
          chart: {repository: %s, name: lattice-test-app, version: "%s"}
          values:
            greeting: hi
            databasePassword: "${secret.db.password}"
          secrets:
            db: {id: %s/hello-db, provider: vault, keys: [password]}
          owner: team-shop
          reason: PackageIT
          expires: "%s"
          mesh: {serviceAccount: default}
        """.formatted(ns, cluster.repoRoot().resolve("charts").toAbsolutePath(), version, ns,
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60)));
  }

  private static void apply(LocalCluster cluster, String yaml) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "package", ".yaml");
    Files.writeString(file, yaml);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }

  @SuppressWarnings("unchecked")
  private static String phase(LocalCluster cluster, String ns) {
    GenericKubernetesResource p = cluster.client().genericKubernetesResources(PACKAGES).inNamespace(ns)
        .withName("hello").get();
    Object status = p == null ? null : p.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> s ? (String) ((Map<String, Object>) s).get("phase") : null;
  }

  @SuppressWarnings("unchecked")
  private static String readyReason(LocalCluster cluster, String ns) {
    Map<String, Object> status = (Map<String, Object>) cluster.client().genericKubernetesResources(PACKAGES)
        .inNamespace(ns).withName("hello").get().getAdditionalProperties().get("status");
    for (Object c : (Iterable<Object>) status.get("conditions")) {
      Map<String, Object> condition = (Map<String, Object>) c;
      if ("Ready".equals(condition.get("type"))) {
        return (String) condition.get("reason");
      }
    }
    return null;
  }

  private static Map<String, String> uids(LocalCluster cluster, String ns) {
    Map<String, String> out = new TreeMap<>();
    for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
      for (GenericKubernetesResource o : cluster.client().genericKubernetesResources(kind.context()).inNamespace(ns)
          .withLabel("lattice.dev/package", "hello").list().getItems()) {
        out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid());
      }
    }
    return out;
  }
}
