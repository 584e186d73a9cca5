package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.LatticeQuota;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LatticeQuotas on the real API server (issue 17): the operator admits services against the quota in lattice-system
 * with lattice derive's rule and message, writes used and remaining into the quota's status (shown by kubectl get
 * lquota), admits a refused service once the quota is raised, and the webhook refuses a quota outside lattice-system.
 */
@RealCluster
class QuotaIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "quota-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void quotaAdmitsTwoRefusesTheThirdAndAdmitsItWhenRaised(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    String name = "quota-" + ns;
    try {
      apply(cluster, quota(name, "lattice-system", ns, "1")).assertOk();
      for (String service : List.of("a", "b", "c")) {
        apply(cluster, service(ns, service)).assertOk();
      }

      await("c is refused and a, b are Ready", WAIT, () -> "Failed".equals(phase(cluster, ns, "c"))
          && "Ready".equals(phase(cluster, ns, "a")) && "Ready".equals(phase(cluster, ns, "b")));
      assertThat(validated(cluster, ns, "c")).startsWith("QuotaExceeded: The spec has 1 problem:").endsWith(
          "spec.containers: service " + ns + "/c asks"
          + " for 500m cpu (500m per replica x 1 replica), but LatticeQuota " + name + " (namespace " + ns + ") has 0"
          + " cpu left of 1 (services before it in namespace/name order use the rest). Fix: lower the cpu requests"
          + " (resources.requests.cpu) or the replicas (spec.replicas, or spec.autoscaling.max), or ask the quota's"
          + " owner shop-platform@example.com to raise spec.limits.cpu of LatticeQuota " + name + ".");
      await("the quota's status counts a and b and refuses c", WAIT, () -> {
        var status = quota(cluster, name).getStatus();
        return status != null && List.of(ns + "/c").equals(status.refused);
      });
      var status = quota(cluster, name).getStatus();
      assertThat(status.phase).isEqualTo("Exceeded");
      assertThat(status.services).containsExactly(ns + "/a", ns + "/b");
      assertThat(status.used).isEqualTo(Map.of("cpu", "1", "memory", "512Mi", "gpu", "0", "replicas", "2"));
      assertThat(status.remaining).isEqualTo(Map.of("cpu", "0", "replicas", "8"));
      assertThat(cluster.kubectl("get", "lquota", "-n", "lattice-system", name).assertOk().stdout())
          .contains("Exceeded").contains("cpu 1/1, replicas 2/10").contains("shop-platform@example.com");

      apply(cluster, quota(name, "lattice-system", ns, "2")).assertOk();
      await("c is admitted once the quota is raised", WAIT, () -> "Ready".equals(phase(cluster, ns, "c")));
      await("the quota shows what is left", WAIT, () -> {
        var raised = quota(cluster, name).getStatus();
        return "Ready".equals(raised.phase) && raised.refused == null
            && "cpu 1500m/2, replicas 3/10".equals(raised.usage);
      });
      assertThat(quota(cluster, name).getStatus().remaining).isEqualTo(Map.of("cpu", "500m", "replicas", "7"));
      assertThat(quota(cluster, name).getStatus().services).containsExactly(ns + "/a", ns + "/b", ns + "/c");

      // The webhook last, so the other writes do not wait on it; its first call may be slow on a loaded machine.
      operator.registerWebhook(cluster);
      var outside = apply(cluster, quota("stray", ns, ns, "1"));
      for (int attempt = 0; attempt < 5 && outside.stderr().contains("failed calling webhook"); attempt++) {
        Thread.sleep(2000);
        outside = apply(cluster, quota("stray", ns, ns, "1"));
      }
      assertThat(outside.exitCode()).isNotZero();
      assertThat(outside.stderr()).contains("the LatticeQuota stray is in namespace " + ns + "; quotas are the"
          + " platform's and are read only from lattice-system. Fix: set metadata.namespace: lattice-system.");
    } finally {
      cluster.client().resources(LatticeQuota.class).inNamespace("lattice-system").withName(name).delete();
    }
  }

  private static LatticeQuota quota(LocalCluster cluster, String name) {
    return cluster.client().resources(LatticeQuota.class).inNamespace("lattice-system").withName(name).get();
  }

  private static String phase(LocalCluster cluster, String namespace, String name) {
    LatticeService s = cluster.client().resources(LatticeService.class).inNamespace(namespace).withName(name).get();
    return s == null || s.getStatus() == null ? null : s.getStatus().phase;
  }

  private static String validated(LocalCluster cluster, String namespace, String name) {
    LatticeService s = cluster.client().resources(LatticeService.class).inNamespace(namespace).withName(name).get();
    return s.getStatus().conditions.stream().filter(c -> c.getType().equals("Validated"))
        .map(c -> c.getReason() + ": " + c.getMessage()).findFirst().orElse("");
  }

  private static String quota(String name, String namespace, String covered, String cpu) {
    return """
        apiVersion: lattice.dev/v1
        kind: LatticeQuota
        metadata: {name: %s, namespace: %s}
        spec:
          selector: {namespace: %s}
          limits: {cpu: "%s", replicas: 10}
          owner: shop-platform@example.com
        """.formatted(name, namespace, covered, cpu);
  }

  /** A service asking for 500m cpu and 256Mi per replica (limits, no request written). */
  private static String service(String namespace, String name) {
    return """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: %s, namespace: %s}
        spec:
          workload:
            containers:
              main:
                image: %s
                command: ["/app/web"]
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
            service:
              ports:
                http: {port: 80, targetPort: 8080}
        """.formatted(name, namespace, IMAGE);
  }

  private static LocalCluster.KubectlResult apply(LocalCluster cluster, String yaml) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "quota-", ".yaml");
    Files.writeString(file, yaml);
    return cluster.kubectl("apply", "-f", file.toString());
  }
}
