package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.cli.FaultInjector.Fault;
import dev.lattice.cli.FaultInjector.Kind;
import dev.lattice.cli.command.OperatorCommand;
import dev.lattice.operator.LatticeOperator;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Faults while the operator starts, on the real control plane: its informers' first requests fail. Counts go to
 * {@code target/reliability/StartupFaultsIT.json}.
 */
@RealCluster
class StartupFaultsIT {
  /**
   * A new leader whose first lists and watches of LatticeServices answer 500 (as after a leader change, while the
   * API server is unwell): it keeps running (JOSDK's default stops an operator whose informer fails at start-up),
   * reports not ready while its informers retry, then becomes ready and derives every service, the ones stored
   * before it started and the ones applied after, exactly.
   */
  @Test
  void anOperatorWhoseFirstListAndWatchOfLatticeServicesFailKeepsRunningAndConverges(LocalCluster cluster,
      TestNamespace namespace) throws Exception {
    RunningOperator.preparePlatform(cluster);
    Path specs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "startup-faults-");
    int services = 6;
    for (int i = 0; i < services / 2; i++) {
      FaultsIT.apply(cluster, specs, namespace.name(), "svc-" + i);
    }
    try (FaultInjector faults = new FaultInjector(cluster, 19)) {
      java.util.function.Predicate<io.fabric8.kubernetes.client.http.HttpRequest> lists =
          request -> request.uri().getPath().endsWith("/latticeservices");
      faults.failNext(Kind.READ, 2, Fault.SERVER_ERROR, lists)
          .failNext(Kind.WATCH, 2, Fault.SERVER_ERROR, lists);
      KubernetesClient faultyClient = faults.client(cluster);
      FaultsIT.awaitStorage(cluster.client());
      LatticeOperator operator = new LatticeOperator(faultyClient, OperatorCommand.settings(cluster.client()),
          LatticeOperator.Options.production(), new LatticeOperator.Election("startup-faults-it", false));
      try {
        operator.start(); // returns: the failed start-up list no longer stops the operator
        await("startup-faults-it leads and its informers have synced", FaultsIT.WAIT,
            () -> "startup-faults-it".equals(ClusterAsserts.leaseHolder(cluster)) && operator.ready());
        assertThat(faults.nextFaults(Kind.READ)).as("start-up lists of LatticeServices answered 500").isEqualTo(2);
        assertThat(faults.serviceLists()).as("the informer listed again after the failures").isGreaterThan(2);
        for (int i = services / 2; i < services; i++) {
          FaultsIT.apply(cluster, specs, namespace.name(), "svc-" + i);
        }
        FaultsIT.awaitReady(cluster, namespace, 0, services);
        long compared = ExactState.assertExactlyDerived(cluster, Set.of(namespace.name()), specs).objects();
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("services", (long) services);
        figures.put("failedStartupLists", faults.nextFaults(Kind.READ));
        figures.put("failedStartupWatches", faults.nextFaults(Kind.WATCH));
        figures.put("objectsCompared", compared);
        System.out.println("StartupFaultsIT: " + figures + " " + faults.counts());
        ReliabilityFigures.record("StartupFaultsIT", figures);
      } finally {
        operator.close();
        faultyClient.close();
      }
    }
  }
}
