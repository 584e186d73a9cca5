package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.cli.FaultInjector.Fault;
import dev.lattice.cli.FaultInjector.Kind;
import dev.lattice.cli.generate.FleetGenerator;
import dev.lattice.operator.LatticeOperator;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bounded soak: a generated fleet ({@code lattice generate-fleet}, 300 services over 15 namespaces, with their
 * CedarPolicies) on the real control plane, then a fixed number of seeded random edits in rounds (spec changes,
 * replicas changes, deletes, re-creates, a Cedar forbid put on and taken off a service's secrets) while the
 * operator's client meets faults on writes, reads and watches and has its connections cut each round; halfway the
 * operator is stopped and another instance takes over. It ends by itself: the forbids are lifted, the faults stop,
 * and the cluster must hold exactly what {@code lattice derive} derives from the final files ({@link ExactState}):
 * no leaked, missing or duplicate object, every phase and {@code observedGeneration} right. The counts go to
 * {@code target/reliability/SoakIT.json}. {@code -Dlattice.soak.services}, {@code .edits} and {@code .seed}
 * change the size, the number of edits and the seed.
 */
@RealCluster
class SoakIT {
  private static final int SERVICES = Integer.getInteger("lattice.soak.services", 300);
  private static final int EDITS = Integer.getInteger("lattice.soak.edits", 60);
  private static final long SEED = Long.getLong("lattice.soak.seed", 18);
  private static final int ROUNDS = 4;
  private static final Duration CONVERGE = Duration.ofSeconds(600);
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, Long> counts = new TreeMap<>();

  @Test
  void aFleetUnderRandomEditsPolicyChangesFaultsAndARestartConvergesToExactlyTheDerivedState(LocalCluster cluster)
      throws Exception {
    long started = System.nanoTime();
    RunningOperator.preparePlatform(cluster);
    Path fleet = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "soak-");
    Path policies = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "soak-policies-");
    Path platform = cluster.repoRoot().resolve("examples/commerce/platform.yaml");
    CliRun generated = CliRun.of("generate-fleet", "--services", String.valueOf(SERVICES), "--seed",
        String.valueOf(SEED), "--out", fleet.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Set<String> namespaces = new TreeSet<>();
    List<String> services = new ArrayList<>();
    for (int i = 0; i < SERVICES; i++) {
      namespaces.add(FleetGenerator.namespace(i % Math.max(1, SERVICES / 20)));
      services.add(FleetGenerator.namespace(i % Math.max(1, SERVICES / 20)) + "/" + FleetGenerator.service(i));
    }
    for (String ns : namespaces) {
      cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
          .build()).fieldManager("lattice-it").serverSideApply();
    }
    cluster.kubectl("apply", "-f", fleet.resolve("platform").toString()).assertOk();
    cluster.kubectl("apply", "-R", "-f", fleet.toString()).assertOk();

    Random random = new Random(SEED);
    long compared = 0;
    LatticeOperator operator = null;
    KubernetesClient client = null;
    try (FaultInjector faults = new FaultInjector(cluster, SEED)) {
      client = faults.client(cluster);
      operator = FaultsIT.startLeading(cluster, client, "soak-1");
      arm(faults);
      compared += ExactState.awaitExactly(cluster, namespaces, ExactState.expected(namespaces, fleet, platform),
          CONVERGE).objects();
      System.out.printf("SoakIT: %d services converged after %d s%n", SERVICES, seconds(started));

      Map<String, String> deleted = new TreeMap<>();
      Set<String> forbidden = new TreeSet<>();
      for (int round = 0; round < ROUNDS; round++) {
        faults.newRound();
        List<Path> changed = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        for (int e = 0; e < EDITS / ROUNDS; e++) {
          edit(cluster, random, fleet, services, deleted, forbidden, changed, removed, round * 100 + e);
        }
        if (!removed.isEmpty()) {
          // Not waiting: each finalizer goes once the operator has pruned.
          cluster.kubectl(kubectlFiles("delete", removed)).assertOk();
        }
        if (!changed.isEmpty()) {
          cluster.kubectl(kubectlFiles("apply", changed)).assertOk();
        }
        writeForbids(policies, forbidden);
        cluster.kubectl("apply", "-f", policies.resolve("soak-forbids.yaml").toString()).assertOk();
        Thread.sleep(3_000);
        count("connectionCuts", 1);
        faults.cutConnections();
        if (round == ROUNDS / 2 - 1) {
          // Halfway, the operator is stopped mid-soak and another instance, through the same faults, takes over:
          // its informers' first lists and watches meet them too (they retry; the operator no longer stops).
          operator.close();
          client.close();
          client = faults.client(cluster);
          operator = FaultsIT.startLeading(cluster, client, "soak-2");
          count("operatorRestarts", 1);
        }
        Thread.sleep(3_000);
      }
      // The end: every forbid lifted, no more faults; the final files are what the cluster must hold.
      forbidden.clear();
      count("policyChanges", 1);
      cluster.kubectl("delete", "-f", policies.resolve("soak-forbids.yaml").toString()).assertOk();
      faults.calm();
      ExactState.Compared last = ExactState.awaitExactly(cluster, namespaces,
          ExactState.expected(namespaces, fleet, platform), CONVERGE);
      compared += last.objects();
      long failed = FaultsIT.failedReconciles(operator);

      Map<String, Long> figures = new LinkedHashMap<>(counts);
      figures.put("services", (long) SERVICES);
      figures.put("namespaces", (long) namespaces.size());
      figures.put("edits", (long) EDITS);
      figures.put("faultsOnWrites", faults.faultsInjected(Kind.WRITE));
      figures.put("faultsOnReads", faults.faultsInjected(Kind.READ));
      figures.put("faultsOnWatches", faults.faultsInjected(Kind.WATCH));
      figures.put("failedReconcilesAfterRestart", failed);
      figures.put("servicesCompared", last.services());
      figures.put("objectsCompared", compared);
      figures.put("seconds", seconds(started));
      System.out.println("SoakIT: " + figures + " " + faults.counts());
      ReliabilityFigures.record("SoakIT", figures);
    } finally {
      if (operator != null) {
        operator.close();
      }
      if (client != null) {
        client.close();
      }
      cleanUp(cluster, namespaces, fleet);
    }
  }

  private static void arm(FaultInjector faults) {
    faults.inject(Kind.WRITE, 5, Fault.CONFLICT, Fault.SERVER_ERROR, Fault.SLOW_GATEWAY_TIMEOUT)
        .inject(Kind.READ, 2, Fault.SERVER_ERROR, Fault.SLOW_GATEWAY_TIMEOUT)
        .inject(Kind.WATCH, 20, Fault.GONE, Fault.SERVER_ERROR);
  }

  /** One random edit of the files (and of the lists of what to apply or delete). */
  private void edit(LocalCluster cluster, Random random, Path fleet, List<String> services, Map<String, String> deleted,
      Set<String> forbidden, List<Path> changed, List<Path> removed, int n) throws Exception {
    int pick = random.nextInt(10);
    if (pick == 9 || (pick == 8 && deleted.isEmpty())) {
      // A Cedar forbid on one service's secrets put on, or taken off again: a denial and its end.
      String service = services.get(random.nextInt(services.size()));
      if (!forbidden.remove(service)) {
        forbidden.add(service);
      }
      count("policyChanges", 1);
      return;
    }
    if (pick == 8) {
      String service = deleted.keySet().iterator().next();
      String[] ref = service.split("/");
      // Only once it is gone: applied while it still terminates, the re-created spec would go with it.
      if (removed.contains(removed(fleet, service)) || CommerceIT.service(cluster, ref[0], ref[1]) != null) {
        count("skippedEdits", 1);
        return;
      }
      Path file = fleet.resolve(service + ".yaml");
      Files.writeString(file, deleted.remove(service));
      changed.add(file);
      count("recreates", 1);
      return;
    }
    String service = services.get(random.nextInt(services.size()));
    Path file = fleet.resolve(service + ".yaml");
    if (deleted.containsKey(service) || changed.contains(file) || removed.contains(file)) {
      count("skippedEdits", 1);
      return;
    }
    if (pick >= 6) {
      deleted.put(service, Files.readString(file));
      Files.deleteIfExists(removed(fleet, service));
      Files.copy(file, removed(fleet, service));
      Files.delete(file);
      removed.add(removed(fleet, service));
      count("deletes", 1);
      return;
    }
    ObjectNode doc = (ObjectNode) YAML.readTree(file.toFile());
    ObjectNode spec = (ObjectNode) doc.path("spec");
    if (pick >= 4) {
      spec.put("replicas", 1 + random.nextInt(3));
      count("replicaChanges", 1);
    } else {
      ((ObjectNode) spec.path("workload").path("containers").path("main").path("variables"))
          .put("LOG_LEVEL", "debug-" + n);
      count("specChanges", 1);
    }
    YAML.writeValue(file.toFile(), doc);
    changed.add(file);
  }

  /** Where a deleted service's file goes for kubectl delete: outside the fleet that derive reads. */
  private static Path removed(Path fleet, String service) throws Exception {
    Path dir = Files.createDirectories(fleet.resolveSibling(fleet.getFileName() + "-deleted"));
    return dir.resolve(service.replace('/', '_') + ".yaml");
  }

  private static void writeForbids(Path dir, Set<String> forbidden) throws Exception {
    StringBuilder text = new StringBuilder("// soak: services whose secrets are forbidden this round\n");
    for (String service : forbidden) {
      text.append("forbid(principal == Lattice::Service::\"").append(service)
          .append("\", action == Lattice::Action::\"AccessSecret\", resource);\n");
    }
    ObjectNode doc = YAML.createObjectNode();
    doc.put("apiVersion", "lattice.dev/v1alpha1");
    doc.put("kind", "CedarPolicy");
    doc.putObject("metadata").put("name", "soak-forbids").put("namespace", "lattice-system");
    doc.putObject("spec").put("policies", text.toString());
    YAML.writeValue(dir.resolve("soak-forbids.yaml").toFile(), doc);
  }

  private static String[] kubectlFiles(String verb, List<Path> files) {
    List<String> args = new ArrayList<>(List.of(verb));
    if (verb.equals("delete")) {
      args.add("--wait=false");
    }
    for (Path file : files) {
      args.add("-f");
      args.add(file.toString());
    }
    return args.toArray(String[]::new);
  }

  /**
   * The fleet's services lose their finalizers (the operator is stopped), then the namespaces and policies go. One
   * merge patch per service (not a read and a write), the namespaces in parallel: hundreds of services.
   */
  private static void cleanUp(LocalCluster cluster, Set<String> namespaces, Path fleet) {
    long started = System.nanoTime();
    namespaces.parallelStream().forEach(ns -> {
      for (LatticeService service : cluster.client().resources(LatticeService.class).inNamespace(ns).list()
          .getItems()) {
        cluster.client().resources(LatticeService.class).inNamespace(ns).withName(service.getMetadata().getName())
            .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
      }
      // Gone before the next IT starts its operator: the test cluster runs no namespace controller, so a
      // Terminating namespace would keep its services for the next operator to reconcile (and write to).
      cluster.client().resources(LatticeService.class).inNamespace(ns).delete();
      ClusterAsserts.await("the soak's services in " + ns + " are gone", Duration.ofSeconds(60),
          () -> cluster.client().resources(LatticeService.class).inNamespace(ns).list().getItems().isEmpty());
      cluster.client().namespaces().withName(ns).delete();
    });
    cluster.kubectl("delete", "--ignore-not-found", "-f", fleet.resolve("platform").toString());
    cluster.kubectl("delete", "--ignore-not-found", "cedarpolicies.lattice.dev", "-n", "lattice-system",
        "soak-forbids");
    System.out.printf("SoakIT: cleaned up in %d s%n", seconds(started));
  }

  private void count(String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  private static long seconds(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toSeconds();
  }
}
