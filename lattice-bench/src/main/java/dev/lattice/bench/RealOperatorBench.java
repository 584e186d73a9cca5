package dev.lattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.cli.generate.FleetGenerator;
import dev.lattice.controlplane.Binaries;
import dev.lattice.controlplane.ControlPlane;
import dev.lattice.controlplane.Crds;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.operator.LatticeOperator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code Suite operator --real}: the scenario of {@link OperatorBench} on the real local control plane
 * (etcd, kube-apiserver, kube-controller-manager from {@code testcluster/bin}), the operator in this JVM with its
 * production settings: server-side apply and leader election on (a Lease in lattice-system). Writes are counted
 * from the API server's audit log (one line per create/update/patch/delete it completed), by kind of write; the
 * control plane's own writes (user agents kube-apiserver and kube-controller-manager) are left out.
 * Each N gets a fresh control plane, so that one N's objects never slow down the next.
 */
final class RealOperatorBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RealOperatorBench() {}

  static void main(Map<String, String> opts) throws Exception {
    Path results = Path.of(opts.getOrDefault("results", "bench-results"));
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
    Path work = Path.of(System.getProperty("lattice.bench.work", System.getProperty("java.io.tmpdir")));
    Path sharedCrds = Path.of(opts.getOrDefault("shared-crds", repo.resolveSibling("shared/crds").toString()));
    double cap = Double.parseDouble(opts.getOrDefault("cap", "300"));
    Binaries binaries = Binaries.locate(repo);
    List<Map<String, Object>> rows = new ArrayList<>();
    double previousSeconds = 0;
    int previousN = 0;
    for (String size : opts.getOrDefault("ns", "1000,5000").split(",")) {
      int n = Integer.parseInt(size.trim());
      // A larger N runs only if the smaller one's whole run (set-up, start-up, resync) took under the cap: on
      // 2 shared cores 5,000 is worth its ~5x time only when 1,000 was quick.
      double predicted = previousN == 0 ? 0 : previousSeconds * n / previousN;
      Map<String, Object> row;
      if (previousSeconds > cap) {
        row = new LinkedHashMap<>();
        row.put("n", n);
        row.put("skipped", String.format("N=%,d took %.0f s, over the %.0f s cap (N=%,d predicted %.0f s, "
            + "scaled linearly)", previousN, previousSeconds, cap, n, predicted));
      } else {
        Path dir = Files.createTempDirectory(Files.createDirectories(work), "real-operator-" + n + "-");
        try (ControlPlane plane = ControlPlane.start(binaries, dir)) {
          row = run(n, repo, sharedCrds, plane);
        }
        previousSeconds = OperatorBench.num(row, "setupSeconds") + OperatorBench.num(row, "settledSeconds")
            + OperatorBench.num(row, "resyncSeconds");
        previousN = n;
        deleteEtcd(dir);
      }
      rows.add(row);
      System.out.println("operator-real: " + row);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", rows);
      Results.write(results.resolve("operator-real.json"), out);
    }
  }

  static Map<String, Object> run(int n, Path repo, Path sharedCrds, ControlPlane plane) throws Exception {
    System.out.printf("operator-real: N=%,d: control plane up at %s; installing CRDs and the fleet...%n", n,
        plane.url());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("n", n);
    row.put("leaderElection", true);
    row.put("applyMode", "server-side apply");
    AuditTail audit = new AuditTail(plane.auditLog());
    try (KubernetesClient client = plane.newClient()) {
      long t0 = System.nanoTime();
      Crds.install(client, List.of(repo.resolve("deploy/crds"), sharedCrds));
      List<FleetGenerator.Document> fleet = FleetGenerator.generate(n, 42);
      Set<String> namespaces = new LinkedHashSet<>();
      namespaces.add("lattice-system");
      for (FleetGenerator.Document document : fleet) {
        String ns = document.body().path("metadata").path("namespace").asText("");
        if (!ns.isEmpty()) {
          namespaces.add(ns);
        }
      }
      for (String ns : namespaces) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
      int policies = OperatorBench.createFleet(client, fleet);
      row.put("namespaces", namespaces.size());
      row.put("policies", policies);
      row.put("setupSeconds", OperatorBench.seconds(t0));
      audit.take();
      long heapBefore = HeapWatch.liveNow();

      System.out.printf("operator-real: N=%,d: starting the operator (server-side apply, leader election)...%n", n);
      long start = System.nanoTime();
      KubernetesClient operatorClient = plane.newClient();
      LatticeOperator operator = new LatticeOperator(operatorClient, PlatformSettings.defaults(),
          LatticeOperator.Options.production(), new LatticeOperator.Election("bench-1", false));
      operator.start();
      row.put("readySeconds", OperatorBench.awaitAllReconciled(client, n, start));
      row.put("ready", OperatorBench.countPhase(client, "Ready"));
      row.put("settledSeconds", OperatorBench.awaitQuiet(operator, start));
      Map<String, Long> startWrites = audit.take();
      row.put("startupWrites", startWrites);
      row.put("writesPerService", OperatorBench.total(startWrites) / (double) n);
      OperatorBench.latency(row, "startup", operator.metrics().reconcileTimer(), n);
      long heapRunning = HeapWatch.liveNow();
      row.put("heapOperatorMiB", (heapRunning - heapBefore) / 1048576.0);
      row.put("heapTotalMiB", heapRunning / 1048576.0);
      operator.close();
      operatorClient.close();

      // A new instance with another identity, as a restarted pod would be: it must win the Lease first.
      System.out.printf("operator-real: N=%,d: restarting over the unchanged fleet (full resync)...%n", n);
      audit.take();
      long restart = System.nanoTime();
      KubernetesClient againClient = plane.newClient();
      LatticeOperator again = new LatticeOperator(againClient, PlatformSettings.defaults(),
          LatticeOperator.Options.production(), new LatticeOperator.Election("bench-2", false));
      again.start();
      Timer timer = again.metrics().reconcileTimer();
      while (timer.count() < n && OperatorBench.seconds(restart) < 900) {
        Thread.sleep(200);
      }
      row.put("resyncFirstSeconds", OperatorBench.seconds(restart));
      row.put("resyncSeconds", OperatorBench.awaitQuiet(again, restart));
      Map<String, Long> resyncWrites = audit.take();
      row.put("resyncWrites", resyncWrites);
      OperatorBench.latency(row, "resync", timer, n);
      again.close();
      againClient.close();
    }
    return row;
  }

  /**
   * Reads the audit log from where it was last read: completed write requests by kind, the control plane's own
   * left out; Lease renewals are a kind of their own, as they are not per service.
   */
  static final class AuditTail {
    private final Path log;
    private long offset;

    AuditTail(Path log) {
      this.log = log;
    }

    Map<String, Long> take() throws IOException, InterruptedException {
      Thread.sleep(500); // the audit backend is blocking, but let the last responses complete
      Map<String, Long> out = new TreeMap<>();
      if (!Files.exists(log)) {
        return out;
      }
      try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
        file.seek(offset);
        byte[] bytes = new byte[(int) (file.length() - offset)];
        file.readFully(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1; // a line being written is read next time
        offset += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
        for (String line : text.substring(0, end).split("\n")) {
          if (!line.isBlank()) {
            String kind = kind(JSON.readTree(line));
            if (kind != null) {
              out.merge(kind, 1L, Long::sum);
            }
          }
        }
      }
      return out;
    }

    static String kind(JsonNode event) {
      if (!"ResponseComplete".equals(event.path("stage").asText())) {
        return null;
      }
      // The control plane's own writes (the API server allocating a Service's IPAddress, its endpoints and
      // lease; the controller manager's service accounts and garbage collection) are not the operator's.
      if (event.path("userAgent").asText().startsWith("kube-")) {
        return null;
      }
      String resource = event.path("objectRef").path("resource").asText();
      String subresource = event.path("objectRef").path("subresource").asText();
      return switch (resource) {
        case "latticeservices" -> subresource.equals("status") ? "status" : "LatticeService (finalizer)";
        case "cedarpolicies" -> "CedarPolicy status";
        case "events" -> "events";
        case "leases" -> "leases";
        default -> "derived objects";
      };
    }
  }

  private static void deleteEtcd(Path dir) {
    try (var files = Files.walk(dir.resolve("etcd"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Only disk space is lost.
    }
  }
}
