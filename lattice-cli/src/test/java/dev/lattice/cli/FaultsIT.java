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
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Faults on the real control plane. The operator's client goes through a {@link FaultInjector}: a random share of
 * its writes (409 Conflict, 500, 504 after 2 s, a timeout), reads (GET and LIST: 500, 504, a timeout) and watches
 * (410 Gone, so the informer lists again, or 500) are answered by a local fault server, with the client's own
 * retries off, so every fault reaches the operator. Then the operator is stopped at a chosen point of a reconcile
 * (holding the Deployment's write of a new service, after the objects before it were written) and a fresh
 * instance takes over. After each phase the cluster holds exactly what {@code lattice derive} derives from the same
 * specs ({@link ExactState}). Counts go to {@code target/reliability/FaultsIT.json}.
 */
@RealCluster
class FaultsIT {
  static final Duration WAIT = Duration.ofSeconds(240);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final int SERVICES = 12;

  @Test
  void theClusterConvergesToExactlyTheDerivedStateAfterFaultsOnWritesReadsAndWatchesAndAStopMidReconcile(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    RunningOperator.preparePlatform(cluster);
    Path specs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "faults-");
    Set<String> namespaces = Set.of(namespace.name());
    long compared = 0;
    long reconcileFailures;
    Map<String, Long> counts;
    try (FaultInjector faults = new FaultInjector(cluster, 18)) {
      KubernetesClient faultyClient = faults.client(cluster);
      LatticeOperator first = startLeading(cluster, faultyClient, "faults-it-1");
      // Armed once the informers have listed, so that these counts are the reconciles' (start-up errors: below).
      faults.inject(Kind.WRITE, 20, Fault.CONFLICT, Fault.SERVER_ERROR, Fault.SLOW_GATEWAY_TIMEOUT, Fault.HANG)
          .inject(Kind.READ, 10, Fault.SERVER_ERROR, Fault.SLOW_GATEWAY_TIMEOUT, Fault.HANG)
          .inject(Kind.WATCH, 30, Fault.GONE, Fault.SERVER_ERROR);
      for (int i = 0; i < SERVICES; i++) {
        apply(cluster, specs, namespace.name(), "svc-" + i);
      }
      // Every connection closed at once: the watches open again, and meet the watch faults.
      Thread.sleep(2_000);
      faults.cutConnections();
      awaitReady(cluster, namespace, 0, SERVICES);
      faults.calm();
      compared += ExactState.assertExactlyDerived(cluster, namespaces, specs).objects();
      assertThat(faults.faultsInjected(Kind.WRITE)).as("faults on writes").isPositive();
      assertThat(faults.faultsInjected(Kind.READ)).as("faults on reads").isPositive();
      assertThat(faults.faultsInjected(Kind.WATCH)).as("faults on watches").isPositive();

      // Stopped at a chosen point: svc-12's Deployment write is held (the objects before it are written), the
      // operator is stopped there, the held write fails, and another instance takes over.
      String held = "svc-" + SERVICES;
      FaultInjector.Hold hold = faults.holdFirst("write the Deployment of " + held, request ->
          request.method().equals("PATCH") && request.uri().getPath().endsWith("/deployments/" + held));
      faults.newRound().inject(Kind.WRITE, 10, Fault.CONFLICT, Fault.SERVER_ERROR)
          .inject(Kind.READ, 5, Fault.SERVER_ERROR);
      for (int i = SERVICES; i < 2 * SERVICES; i++) {
        apply(cluster, specs, namespace.name(), "svc-" + i);
      }
      hold.awaitReached(WAIT);
      Thread stopping = new Thread(first::close, "stop-faults-it-1");
      stopping.start();
      Thread.sleep(1_000);
      hold.fail(Fault.SERVER_ERROR);
      stopping.join(60_000);
      assertThat(stopping.isAlive()).as("the operator stopped").isFalse();
      faultyClient.close();
      reconcileFailures = failedReconciles(first);
      var partial = CommerceIT.derived(cluster, namespace.name(), held).stream()
          .map(GenericKubernetesResource::getKind).toList();
      assertThat(partial).as("stopped between layers: the objects before the Deployment, not it")
          .contains("ServiceAccount", "Service").doesNotContain("Deployment");

      KubernetesClient client = cluster.newClient();
      LatticeOperator second = startLeading(cluster, client, "faults-it-2");
      try {
        awaitReady(cluster, namespace, 0, 2 * SERVICES);
        compared += ExactState.assertExactlyDerived(cluster, namespaces, specs).objects();
      } finally {
        second.close();
        client.close();
      }
      counts = faults.counts();
      Map<String, Long> figures = new LinkedHashMap<>();
      figures.put("services", (long) 2 * SERVICES);
      figures.put("writeRequests", faults.requests(Kind.WRITE));
      figures.put("readRequests", faults.requests(Kind.READ));
      figures.put("watchRequests", faults.requests(Kind.WATCH));
      figures.put("faultsOnWrites", faults.faultsInjected(Kind.WRITE));
      figures.put("faultsOnReads", faults.faultsInjected(Kind.READ));
      figures.put("faultsOnWatches", faults.faultsInjected(Kind.WATCH));
      figures.put("failedReconciles", reconcileFailures);
      figures.put("stopsAtAChosenRequest", 1L);
      figures.put("objectsCompared", compared);
      System.out.println("FaultsIT: " + figures + " " + counts);
      ReliabilityFigures.record("FaultsIT", figures);
    }
  }

  /** An operator as {@code lattice operator} runs it, once it holds the Lease and its informers have listed. */
  static LatticeOperator startLeading(LocalCluster cluster, KubernetesClient client, String identity) {
    awaitStorage(client);
    LatticeOperator operator = new LatticeOperator(client, OperatorCommand.settings(client),
        LatticeOperator.Options.production(), new LatticeOperator.Election(identity, false));
    operator.start();
    await(identity + " leads and its informers have listed", WAIT,
        () -> identity.equals(ClusterAsserts.leaseHolder(cluster)) && operator.ready());
    return operator;
  }

  /**
   * Waits until every custom resource kind's storage serves lists. A CRD created or updated moments before (the
   * platform's vendor CRDs, another IT's install) answers 429 "storage is (re)initializing" for a while; with
   * the client's retries off (the fault tests count every fault) that 429 would keep the operator's informers
   * retrying and add faults nobody injected to the counts.
   */
  static void awaitStorage(KubernetesClient client) {
    await("every CRD's storage serves lists", WAIT, () -> {
      try {
        for (var crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
          var spec = crd.getSpec();
          String version = spec.getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
              .findFirst().orElseThrow().getName();
          client.genericKubernetesResources(spec.getGroup() + "/" + version, spec.getNames().getKind())
              .inAnyNamespace().list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
        }
        return true;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        return false;
      }
    });
  }

  /** Reconciles that ended in an exception, as JOSDK's metrics count them: the faults the operator saw. */
  static long failedReconciles(LatticeOperator operator) {
    return (long) operator.registry().getMeters().stream()
        .filter(m -> m instanceof Counter && m.getId().getName().contains("failed"))
        .mapToDouble(m -> ((Counter) m).count()).sum();
  }

  static void awaitReady(LocalCluster cluster, TestNamespace namespace, int from, int to) {
    await("services " + from + ".." + (to - 1) + " are Ready", WAIT, () -> {
      for (int i = from; i < to; i++) {
        if (!"Ready".equals(CommerceIT.phase(cluster, namespace.name(), "svc-" + i))) {
          return false;
        }
      }
      return true;
    });
  }

  static void apply(LocalCluster cluster, Path specs, String namespace, String name) throws Exception {
    apply(cluster, specs, namespace, name, "/app/web");
  }

  /** Writes the spec of a small web service to {@code specs} and applies it with kubectl. */
  static void apply(LocalCluster cluster, Path specs, String namespace, String name, String command)
      throws Exception {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
          name: %s
          namespace: %s
        spec:
          workload:
            containers:
              main:
                image: %s
                command: ["%s"]
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
            service:
              ports:
                http: {port: 80, targetPort: 8080}
        """.formatted(name, namespace, IMAGE, command);
    Path file = specs.resolve(name + ".yaml");
    Files.writeString(file, spec);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
