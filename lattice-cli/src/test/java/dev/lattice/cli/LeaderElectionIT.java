package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Two operator instances on one Lease, as two replicas of the Deployment in deploy/operator would be. */
@RealCluster
class LeaderElectionIT {
  @Test
  void exactlyOneLeadsAndTheOtherTakesOverWithinTheLeaseTimeWithoutWritingAgain(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    RunningOperator.preparePlatform(cluster);
    RunningOperator first = RunningOperator.start(cluster, "replica-a");
    RunningOperator second = RunningOperator.start(cluster, "replica-b");
    try {
      await("a replica holds the Lease", Duration.ofSeconds(60),
          () -> List.of("replica-a", "replica-b").contains(holder(cluster)));
      String leader = holder(cluster);
      assertThat(leader).isIn("replica-a", "replica-b");
      DriftAndPruneIT.applyWeb(cluster, namespace, false);
      await("web is Ready", Duration.ofSeconds(90),
          () -> "Ready".equals(CommerceIT.phase(cluster, namespace.name(), "web")));
      Thread.sleep(3_000);
      Map<String, String> versions = Map.copyOf(versions(cluster, namespace));

      int from = ClusterAsserts.auditLines(cluster.plane().auditLog());
      long stopped = System.nanoTime();
      (leader.equals("replica-a") ? first : second).close();
      String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";
      Duration lease = LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
      await("the other replica takes over", lease.plusSeconds(5), () -> follower.equals(holder(cluster)));
      Duration handover = Duration.ofNanos(System.nanoTime() - stopped);
      System.out.println("leader handover took " + handover.toMillis() + " ms");
      Thread.sleep(5_000);

      List<JsonNode> writes = ClusterAsserts.audit(cluster.plane().auditLog(), from).stream()
          .filter(ClusterAsserts.operatorWrite()).toList();
      assertThat(writes.stream().map(ClusterAsserts::describe)).as("writes during the handover").isEmpty();
      assertThat(versions(cluster, namespace)).isEqualTo(versions);

      // The new leader reconciles: a spec change reaches the Deployment.
      // The patch is in v1alpha1's shape: kubectl is told the version (plain latticeservice would mean v1).
      cluster.kubectl("-n", namespace.name(), "patch", "latticeservices.v1alpha1.lattice.dev", "web",
          "--type=merge",
          "-p", "{\"spec\":{\"workload\":{\"containers\":{\"main\":{\"command\":[\"/app/web2\"]}}}}}")
          .assertOk();
      await("the new leader applies the change", Duration.ofSeconds(60), () -> List.of("/app/web2").equals(
          cluster.client().apps().deployments().inNamespace(namespace.name()).withName("web").get()
              .getSpec().getTemplate().getSpec().getContainers().get(0).getCommand()));
    } finally {
      first.close();
      second.close();
    }
  }

  private static String holder(LocalCluster cluster) {
    return ClusterAsserts.leaseHolder(cluster);
  }

  private static Map<String, String> versions(LocalCluster cluster, TestNamespace namespace) {
    Map<String, String> versions = new TreeMap<>();
    versions.put("LatticeService/web",
        CommerceIT.service(cluster, namespace.name(), "web").getMetadata().getResourceVersion());
    CommerceIT.derived(cluster, namespace.name(), "web").forEach(o ->
        versions.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    return versions;
  }
}
