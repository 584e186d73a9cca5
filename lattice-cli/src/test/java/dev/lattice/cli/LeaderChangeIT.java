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
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A leader change at a chosen point of a reconcile, then forced watch reconnects, on the real control plane. Two
 * operator instances share the Lease; the leader is stopped while it holds a new service's Deployment write (the
 * objects before it are written), and the standby takes over. Then every connection of the new leader is closed
 * while its watches are answered 410 Gone, so each informer lists again, and services are edited, deleted and
 * re-created meanwhile. After each, the cluster holds exactly what {@code lattice derive} derives ({@link
 * ExactState}). Counts go to {@code target/reliability/LeaderChangeIT.json}.
 */
@RealCluster
class LeaderChangeIT {
  private static final int SERVICES = 8;

  @Test
  void theStandbyTakesOverMidReconcileAndInformersThatListAgainMissNoEdit(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    RunningOperator.preparePlatform(cluster);
    Path specs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "leader-change-");
    Set<String> namespaces = Set.of(namespace.name());
    String ns = namespace.name();
    long compared = 0;
    try (FaultInjector a = new FaultInjector(cluster, 19); FaultInjector b = new FaultInjector(cluster, 20)) {
      KubernetesClient clientA = a.client(cluster);
      KubernetesClient clientB = b.client(cluster);
      LatticeOperator leader = FaultsIT.startLeading(cluster, clientA, "leader-a");
      LatticeOperator standby = new LatticeOperator(clientB, OperatorCommand.settings(clientB),
          LatticeOperator.Options.production(), new LatticeOperator.Election("leader-b", false));
      standby.start();
      boolean leaderStopped = false;
      try {
        for (int i = 0; i < SERVICES; i++) {
          FaultsIT.apply(cluster, specs, ns, "svc-" + i);
        }
        FaultsIT.awaitReady(cluster, namespace, 0, SERVICES);

        // The leader holds svc-8's Deployment write; it is stopped right there and the standby takes over.
        String held = "svc-" + SERVICES;
        FaultInjector.Hold hold = a.holdFirst("write the Deployment of " + held, request ->
            request.method().equals("PATCH") && request.uri().getPath().endsWith("/deployments/" + held));
        for (int i = SERVICES; i < SERVICES + 4; i++) {
          FaultsIT.apply(cluster, specs, ns, "svc-" + i);
        }
        hold.awaitReached(FaultsIT.WAIT);
        Thread stopping = new Thread(leader::close, "stop-leader-a");
        stopping.start();
        Thread.sleep(1_000);
        hold.fail(Fault.SERVER_ERROR);
        stopping.join(60_000);
        assertThat(stopping.isAlive()).as("the leader stopped").isFalse();
        leaderStopped = true;
        clientA.close();
        List<String> partial = CommerceIT.derived(cluster, ns, held).stream()
            .map(GenericKubernetesResource::getKind).toList();
        assertThat(partial).as("stopped between layers: the objects before the Deployment, not it")
            .contains("ServiceAccount", "Service").doesNotContain("Deployment");
        await("leader-b takes the Lease", FaultsIT.WAIT, () -> "leader-b".equals(ClusterAsserts.leaseHolder(cluster)));
        FaultsIT.awaitReady(cluster, namespace, 0, SERVICES + 4);
        compared += ExactState.assertExactlyDerived(cluster, namespaces, specs).objects();

        // Forced watch reconnects: every connection closed, every new watch answered 410 Gone for a while, so the
        // informers list again; the edits made meanwhile must all arrive.
        long listsBefore = b.serviceLists();
        b.inject(Kind.WATCH, 100, Fault.GONE);
        int closed = b.cutConnections();
        FaultsIT.apply(cluster, specs, ns, "svc-0", "/app/web2");
        // Not waiting: the finalizer goes only once the operator sees the deletion.
        cluster.kubectl("delete", "--wait=false", "-f", specs.resolve("svc-1.yaml").toString()).assertOk();
        Files.delete(specs.resolve("svc-1.yaml"));
        FaultsIT.apply(cluster, specs, ns, "svc-" + (SERVICES + 4));
        Thread.sleep(5_000);
        // Watches work again (after one more cut), and a service deleted and re-created while it was cut arrives too.
        b.calm();
        closed += b.cutConnections();
        cluster.kubectl("delete", "-f", specs.resolve("svc-2.yaml").toString()).assertOk();
        FaultsIT.apply(cluster, specs, ns, "svc-2", "/app/web3");
        closed += b.cutConnections();
        await("svc-0 and svc-2 run the new commands", FaultsIT.WAIT, () ->
            List.of("/app/web2").equals(command(cluster, ns, "svc-0"))
                && List.of("/app/web3").equals(command(cluster, ns, "svc-2")));
        await("svc-1 is gone", FaultsIT.WAIT, () -> CommerceIT.service(cluster, ns, "svc-1") == null
            && CommerceIT.derived(cluster, ns, "svc-1").isEmpty());
        FaultsIT.awaitReady(cluster, namespace, 2, SERVICES + 5);
        compared += ExactState.assertExactlyDerived(cluster, namespaces, specs).objects();
        long relists = b.serviceLists() - listsBefore;
        assertThat(relists).as("the LatticeService informer listed again").isPositive();
        assertThat(b.faultsInjected(Kind.WATCH)).as("watches answered 410 Gone").isPositive();

        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("services", (long) SERVICES + 5);
        figures.put("leaderChangesAtAChosenRequest", 1L);
        figures.put("connectionsClosed", (long) closed);
        figures.put("watchesAnsweredGone", b.faultsInjected(Kind.WATCH));
        figures.put("serviceRelists", relists);
        figures.put("editsWhileReconnecting", 5L);
        figures.put("objectsCompared", compared);
        System.out.println("LeaderChangeIT: " + figures + " " + b.counts());
        ReliabilityFigures.record("LeaderChangeIT", figures);
      } finally {
        standby.close();
        clientB.close();
        if (!leaderStopped) {
          leader.close();
          clientA.close();
        }
      }
    }
  }

  private static List<String> command(LocalCluster cluster, String ns, String name) {
    var deployment = cluster.client().apps().deployments().inNamespace(ns).withName(name).get();
    return deployment == null ? null : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
  }
}
