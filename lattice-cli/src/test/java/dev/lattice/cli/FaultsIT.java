package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lattice.cli.command.OperatorCommand;
import dev.lattice.operator.LatticeOperator;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Faults on the real control plane: the operator's client sends a random share of its writes to a small local
 * server (test code) that answers 409 Conflict, 500 or, after a delay, 504; then the operator is stopped in the
 * middle of reconciling new services and a fresh instance takes over. After each phase the cluster must hold exactly
 * what {@code lattice derive} derives from the same specs: no leaked object, no missing one, no duplicate, every
 * service Ready. Counts go to {@code target/reliability/FaultsIT.json}.
 */
@RealCluster
class FaultsIT {
  private static final Duration WAIT = Duration.ofSeconds(240);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final int SERVICES = 12;

  private final AtomicLong faults = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicBoolean faulty = new AtomicBoolean(true);

  @Test
  void theClusterConvergesToExactlyTheDerivedStateAfterApiErrorsAndARestart(
      LocalCluster cluster, TestNamespace namespace) throws Exception {
    RunningOperator.preparePlatform(cluster);
    HttpServer faultServer = faultServer();
    Path specs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "faults-");
    long compared = 0;
    try {
      KubernetesClient faultyClient = faultyClient(cluster, faultServer.getAddress().getPort(), new Random(18));
      LatticeOperator first = operator(faultyClient, "faults-it-1");
      for (int i = 0; i < SERVICES; i++) {
        apply(cluster, specs, namespace.name(), "svc-" + i);
      }
      awaitReady(cluster, namespace, 0, SERVICES);
      faulty.set(false);
      compared += assertExactlyDerived(cluster, namespace, specs);

      // The operator stopped while it reconciles new services; another instance takes over.
      faulty.set(true);
      for (int i = SERVICES; i < 2 * SERVICES; i++) {
        apply(cluster, specs, namespace.name(), "svc-" + i);
      }
      Thread.sleep(1_500);
      first.close();
      faultyClient.close();
      faulty.set(false);
      KubernetesClient client = cluster.newClient();
      LatticeOperator second = operator(client, "faults-it-2");
      try {
        awaitReady(cluster, namespace, 0, 2 * SERVICES);
        compared += assertExactlyDerived(cluster, namespace, specs);
      } finally {
        second.close();
        client.close();
      }
    } finally {
      faultServer.stop(0);
    }
    assertThat(faults.get()).as("faults injected").isPositive();
    ReliabilityFigures.record("FaultsIT", Map.of("services", (long) 2 * SERVICES, "writeRequests", requests.get(),
        "faultsInjected", faults.get(), "operatorRestarts", 1L, "objectsCompared", compared));
  }

  private static LatticeOperator operator(KubernetesClient client, String identity) {
    LatticeOperator operator = new LatticeOperator(client, OperatorCommand.settings(client),
        LatticeOperator.Options.production(), new LatticeOperator.Election(identity, false));
    operator.start();
    return operator;
  }

  /** Answers /409, /500 and /504 (the last after 2 s) with a Kubernetes Status body. */
  private static HttpServer faultServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      int code = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
      if (code == 504) {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected fault\","
          + "\"reason\":\"" + (code == 409 ? "Conflict" : "InternalError") + "\",\"code\":" + code + "}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  /** The operator's client: a quarter of its writes (while faulty) go to the fault server instead. */
  private KubernetesClient faultyClient(LocalCluster cluster, int port, Random random) {
    Interceptor faults = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        if (request.method().equals("GET")) {
          return;
        }
        requests.incrementAndGet();
        int pick;
        synchronized (random) {
          pick = random.nextInt(12);
        }
        if (faulty.get() && pick < 3) {
          FaultsIT.this.faults.incrementAndGet();
          builder.uri(URI.create("http://127.0.0.1:" + port + "/" + List3.CODES[pick]));
        }
      }
    };
    return new KubernetesClientBuilder().withConfig(cluster.newClient().getConfiguration())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("faults", faults)).build();
  }

  private static final class List3 {
    static final int[] CODES = {409, 500, 504};
  }

  private static void awaitReady(LocalCluster cluster, TestNamespace namespace, int from, int to) {
    await("services " + from + ".." + (to - 1) + " are Ready", WAIT, () -> {
      for (int i = from; i < to; i++) {
        if (!"Ready".equals(CommerceIT.phase(cluster, namespace.name(), "svc-" + i))) {
          return false;
        }
      }
      return true;
    });
  }

  /** The cluster's objects of every service equal lattice derive's, by kind and name; returns how many. */
  private static long assertExactlyDerived(LocalCluster cluster, TestNamespace namespace, Path specs)
      throws IOException {
    Path out = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "faults-out-");
    StringWriter err = new StringWriter();
    int code = LatticeCli.run(Terminal.REDIRECTED, "lattice", new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true), "derive", "--output-dir", out.toString(), specs.toString());
    assertThat(code).as(err.toString()).isZero();
    long compared = 0;
    try (var files = Files.list(specs)) {
      for (Path spec : files.toList()) {
        String name = spec.getFileName().toString().replace(".yaml", "");
        Set<String> expected = new TreeSet<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class)
            .readValues(out.resolve(namespace.name()).resolve(name + ".yaml").toFile())) {
          while (documents.hasNext()) {
            JsonNode o = documents.next();
            expected.add(o.path("kind").asText() + "/" + o.path("metadata").path("name").asText());
          }
        }
        var live = CommerceIT.derived(cluster, namespace.name(), name);
        Set<String> actual = new TreeSet<>();
        for (GenericKubernetesResource o : live) {
          actual.add(o.getKind() + "/" + o.getMetadata().getName());
        }
        assertThat(live).as("no duplicate for %s", name).hasSameSizeAs(actual);
        assertThat(actual).as("objects of %s: none leaked, none missing", name).isEqualTo(expected);
        compared += actual.size();
      }
    }
    return compared;
  }

  private static void apply(LocalCluster cluster, Path specs, String namespace, String name) throws Exception {
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
                command: ["/app/web"]
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
            service:
              ports:
                http: {port: 80, targetPort: 8080}
        """.formatted(name, namespace, IMAGE);
    Path file = specs.resolve(name + ".yaml");
    Files.writeString(file, spec);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
