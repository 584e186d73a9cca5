package dev.lattice.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.cli.generate.FleetGenerator;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.operator.LatticeOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code Suite operator}: the operator's start-up over N generated services on fabric8's mock API server (CRUD
 * mode), operator and server in this JVM. The fleet ({@link FleetGenerator}, seed 42) is created first, then an
 * operator starts with its mock-server settings; measured until every service is Ready and reconciling has
 * stopped, then the operator is restarted over the unchanged fleet (a full resync) and its writes counted. Writes
 * are counted on the server (every non-GET request it served), by kind of write.
 */
final class OperatorBench {
  private static final long QUIET_MS = 3000;
  // The mock server logs every request it serves (java.util.logging); that alone would be most of the run.
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private OperatorBench() {}

  static void main(Map<String, String> opts) throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    Path results = Path.of(opts.getOrDefault("results", "bench-results"));
    Path repo = Path.of(opts.getOrDefault("repo", "."));
    double cap = Double.parseDouble(opts.getOrDefault("cap", "420"));
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    double previousSeconds = 0;
    int previousN = 0;
    for (String size : opts.getOrDefault("ns", "1000,5000").split(",")) {
      int n = Integer.parseInt(size.trim());
      // The mock's store answers every request by scanning all its objects: start-up on it grows with N².
      double predicted = previousN == 0 ? 0 : previousSeconds * Math.pow((double) n / previousN, 2);
      Map<String, Object> row;
      if (predicted > cap) {
        row = new LinkedHashMap<>();
        row.put("n", n);
        row.put("skipped", String.format("predicted %.0f s (%.0f s at N=%,d, scaled with N² as the mock server's "
            + "linear scans grow), over the %.0f s cap", predicted, previousSeconds, previousN, cap));
      } else {
        row = run(n, repo);
        previousSeconds = ((Number) row.get("setupSeconds")).doubleValue()
            + ((Number) row.get("settledSeconds")).doubleValue() + ((Number) row.get("resyncSeconds")).doubleValue();
        previousN = n;
      }
      rows.add(row);
      System.out.println("operator: " + row);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", rows);
      Results.write(results.resolve("operator.json"), out);
    }
  }

  /** Counts the write requests the mock server served, by kind, draining its request log as it goes. */
  /** Creates the fleet's LatticeServices and CedarPolicies (other documents are skipped); the policy count. */
  static int createFleet(KubernetesClient client, List<FleetGenerator.Document> fleet) {
    int policies = 0;
    for (FleetGenerator.Document document : fleet) {
      ObjectNode body = document.body();
      String kind = body.path("kind").asText();
      Class<? extends HasMetadata> type = kind.equals("LatticeService") ? LatticeService.class
          : kind.equals("CedarPolicy") ? CedarPolicy.class : null;
      if (type == LatticeService.class) {
        // Stored as the API server stores it (v1); the mock has no conversion webhook.
        body = ((ConversionResult.Converted) Conversions.convert(body, ApiVersion.STORAGE)).document();
      }
      if (type != null) {
        client.resource(client.getKubernetesSerialization().convertValue(body, type)).create();
        policies += type == CedarPolicy.class ? 1 : 0;
      }
    }
    return policies;
  }

  static final class WriteCounter implements AutoCloseable {
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Thread drainer;
    private volatile boolean running = true;

    WriteCounter(KubernetesMockServer server) {
      drainer = new Thread(() -> {
        while (running) {
          try {
            RecordedRequest request = server.takeRequest(50, TimeUnit.MILLISECONDS);
            if (request != null && !request.getMethod().equals("GET")) {
              byKind.computeIfAbsent(kind(request.getPath()), k -> new LongAdder()).increment();
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "write-counter");
      drainer.setDaemon(true);
      drainer.start();
    }

    static String kind(String path) {
      if (path.contains("/latticeservices/") && path.contains("/status")) {
        return "status";
      } else if (path.contains("/latticeservices")) {
        return "LatticeService (finalizer)";
      } else if (path.contains("/cedarpolicies")) {
        return "CedarPolicy status";
      } else if (path.contains("/events")) {
        return "events";
      } else if (path.contains("/leases")) {
        return "leases";
      }
      return "derived objects";
    }

    /** The counts so far, and resets them. */
    Map<String, Long> take() throws InterruptedException {
      Thread.sleep(200); // let the drainer reach the end of the log
      Map<String, Long> out = new TreeMap<>();
      byKind.forEach((k, v) -> out.put(k, v.sumThenReset()));
      out.values().removeIf(v -> v == 0);
      return out;
    }

    @Override
    public void close() {
      running = false;
      drainer.interrupt();
    }
  }

  static Map<String, Object> run(int n, Path repo) throws Exception {
    System.out.printf("operator: N=%,d: creating the fleet on the mock API server...%n", n);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("n", n);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init();
    try (KubernetesClient client = server.createClient(); WriteCounter writes = new WriteCounter(server)) {
      long t0 = System.nanoTime();
      for (String crd : List.of("latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
          "secretproviders.lattice.dev", "imageproviders.lattice.dev")) {
        try (var in = new FileInputStream(repo.resolve("deploy/crds/" + crd + ".yaml").toFile())) {
          client.apiextensions().v1().customResourceDefinitions().load(in).create();
        }
      }
      row.put("policies", createFleet(client, FleetGenerator.generate(n, 42)));
      row.put("setupSeconds", seconds(t0));
      writes.take();
      long heapBefore = HeapWatch.liveNow();

      System.out.printf("operator: N=%,d: starting the operator...%n", n);
      long start = System.nanoTime();
      LatticeOperator operator = new LatticeOperator(client, PlatformSettings.defaults(),
          LatticeOperator.Options.mockServer());
      operator.start();
      double allReady = awaitAllReconciled(client, n, start);
      row.put("readySeconds", allReady);
      row.put("ready", countPhase(client, "Ready"));
      double settled = awaitQuiet(operator, start);
      row.put("settledSeconds", settled);
      Map<String, Long> startWrites = writes.take();
      row.put("startupWrites", startWrites);
      row.put("writesPerService", total(startWrites) / (double) n);
      latency(row, "startup", operator.metrics().reconcileTimer(), n);
      long heapRunning = HeapWatch.liveNow();
      row.put("heapOperatorMiB", (heapRunning - heapBefore) / 1048576.0);
      row.put("heapTotalMiB", heapRunning / 1048576.0);
      operator.close();

      System.out.printf("operator: N=%,d: restarting over the unchanged fleet (full resync)...%n", n);
      writes.take();
      long restart = System.nanoTime();
      LatticeOperator again = new LatticeOperator(client, PlatformSettings.defaults(),
          LatticeOperator.Options.mockServer());
      again.start();
      Timer timer = again.metrics().reconcileTimer();
      while (timer.count() < n && seconds(restart) < 900) {
        Thread.sleep(200);
      }
      row.put("resyncSeconds", awaitQuiet(again, restart));
      Map<String, Long> resyncWrites = writes.take();
      row.put("resyncWrites", resyncWrites);
      latency(row, "resync", timer, n);
      again.close();
    } finally {
      server.destroy();
    }
    return row;
  }

  /** Seconds from {@code start} until every service has a status for its current generation. */
  static double awaitAllReconciled(KubernetesClient client, int n, long start) throws InterruptedException {
    while (seconds(start) < 1800) {
      List<LatticeService> all = client.resources(LatticeService.class).inAnyNamespace().list().getItems();
      long done = all.stream().filter(s -> s.getStatus() != null && s.getStatus().observedGeneration != null
          && s.getStatus().observedGeneration.equals(s.getMetadata().getGeneration())).count();
      if (done >= n) {
        return seconds(start);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("not every service was reconciled within 30 minutes");
  }

  static long countPhase(KubernetesClient client, String phase) {
    return client.resources(LatticeService.class).inAnyNamespace().list().getItems().stream()
        .filter(s -> s.getStatus() != null && phase.equals(s.getStatus().phase)).count();
  }

  /** Seconds from {@code start} until no reconcile has finished for {@link #QUIET_MS} (the quiet time excluded). */
  static double awaitQuiet(LatticeOperator operator, long start) throws InterruptedException {
    Timer timer = operator.metrics().reconcileTimer();
    long count = timer.count();
    long lastChange = System.nanoTime();
    while (System.nanoTime() - lastChange < TimeUnit.MILLISECONDS.toNanos(QUIET_MS)) {
      Thread.sleep(100);
      long now = timer.count();
      if (now != count) {
        count = now;
        lastChange = System.nanoTime();
      }
    }
    return (lastChange - start) / 1e9;
  }

  /** Reconciles, mean and p50/p99 (upper bound of the histogram bucket the quantile falls in). */
  static void latency(Map<String, Object> row, String prefix, Timer timer, int n) {
    HistogramSnapshot snapshot = timer.takeSnapshot();
    row.put(prefix + "Reconciles", snapshot.count());
    row.put(prefix + "ReconcilesPerService", snapshot.count() / (double) n);
    row.put(prefix + "MeanMs", snapshot.mean(TimeUnit.MILLISECONDS));
    row.put(prefix + "MaxMs", snapshot.max(TimeUnit.MILLISECONDS));
    row.put(prefix + "P50Ms", quantile(snapshot, 0.50));
    row.put(prefix + "P99Ms", quantile(snapshot, 0.99));
  }

  static double quantile(HistogramSnapshot snapshot, double q) {
    double wanted = q * snapshot.count();
    for (CountAtBucket bucket : snapshot.histogramCounts()) {
      if (bucket.count() >= wanted) {
        return bucket.bucket(TimeUnit.MILLISECONDS);
      }
    }
    return snapshot.max(TimeUnit.MILLISECONDS);
  }

  static long total(Map<String, Long> writes) {
    return writes.values().stream().mapToLong(Long::longValue).sum();
  }

  static double num(Map<String, Object> row, String key) {
    return ((Number) row.get(key)).doubleValue();
  }

  static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
