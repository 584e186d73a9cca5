package dev.lattice.controlplane;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver and kube-controller-manager (its garbage
 * collector and namespace controllers, which owner references and namespace deletion need) from the binaries that
 * {@code testcluster/build} makes. Every port is free at start, all state lives in one working directory, and the
 * API server is reached over TLS with a CA made for this run and a static admin token (group system:masters).
 * No kubelet runs: Deployments are stored and validated, but no Pod is ever scheduled.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path workDir;
  private final Binaries binaries;
  private final List<Process> processes = new ArrayList<>();
  private final Pki pki;
  private final String token = UUID.randomUUID().toString();
  private int apiPort;
  private Path kubeconfig;

  private ControlPlane(Binaries binaries, Path workDir) {
    this.binaries = binaries;
    this.workDir = workDir.toAbsolutePath();
    this.pki = Pki.create("lattice-local-ca");
  }

  /** Starts the control plane in {@code workDir} (created if needed) and returns once the API server is ready. */
  public static ControlPlane start(Binaries binaries, Path workDir) {
    ControlPlane plane = new ControlPlane(binaries, workDir);
    try {
      plane.startAll();
      return plane;
    } catch (RuntimeException | IOException e) {
      plane.close();
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
  }

  private void startAll() throws IOException {
    Path pkiDir = Files.createDirectories(workDir.resolve("pki"));
    Path logs = Files.createDirectories(workDir.resolve("logs"));
    int etcdPort = freePort();
    int peerPort = freePort();
    apiPort = freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    // A single-member etcd; fsync off because the data is thrown away after the run.
    processes.add(launch("etcd", logs, List.of(binaries.etcd().toString(),
        "--name=lattice", "--data-dir=" + workDir.resolve("etcd"),
        "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
        "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=lattice=" + peerUrl, "--unsafe-no-fsync=true", "--log-level=warn")));

    pki.serving("kube-apiserver", List.of("localhost", "kubernetes", "kubernetes.default",
        "kubernetes.default.svc")).write(pkiDir.resolve("apiserver"));
    Files.writeString(pkiDir.resolve("ca.crt"), pki.caPem());
    Pki.writeServiceAccountKeys(pkiDir.resolve("sa.key"), pkiDir.resolve("sa.pub"));
    Files.writeString(pkiDir.resolve("tokens.csv"), token + ",lattice-admin,lattice-admin,\"system:masters\"\n");
    Path auditPolicy = workDir.resolve("audit-policy.yaml");
    Files.writeString(auditPolicy, """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: ["RequestReceived"]
        rules:
          - level: Metadata
            verbs: ["create", "update", "patch", "delete", "deletecollection"]
          - level: None
        """);
    processes.add(launch("kube-apiserver", logs, List.of(binaries.apiserver().toString(),
        "--etcd-servers=" + etcdUrl,
        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
        "--tls-cert-file=" + pkiDir.resolve("apiserver/tls.crt"),
        "--tls-private-key-file=" + pkiDir.resolve("apiserver/tls.key"),
        "--client-ca-file=" + pkiDir.resolve("ca.crt"),
        "--token-auth-file=" + pkiDir.resolve("tokens.csv"),
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc",
        "--service-account-key-file=" + pkiDir.resolve("sa.pub"),
        "--service-account-signing-key-file=" + pkiDir.resolve("sa.key"),
        "--service-cluster-ip-range=10.96.0.0/16",
        "--audit-policy-file=" + auditPolicy, "--audit-log-path=" + auditLog(),
        "--audit-log-format=json", "--audit-log-mode=blocking")));
    kubeconfig = writeKubeconfig(workDir.resolve("kubeconfig"));
    awaitReady();

    processes.add(launch("kube-controller-manager", logs, List.of(binaries.controllerManager().toString(),
        "--kubeconfig=" + kubeconfig, "--controllers=garbagecollector,namespace,serviceaccount",
        "--leader-elect=false", "--secure-port=0", "--use-service-account-credentials=false")));
  }

  private Process launch(String name, Path logs, List<String> command) throws IOException {
    Path log = logs.resolve(name + ".log");
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Polls /readyz over the run's CA until the API server answers 200, or fails with its log's last lines. */
  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().sslContext(trusting(pki.caPem()))
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest readyz = HttpRequest.newBuilder(URI.create(url() + "/readyz"))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException("a control-plane process exited with " + process.exitValue()
              + " during start-up; see the logs in " + workDir.resolve("logs") + "\n" + tails());
        }
      }
      try {
        HttpResponse<String> response = http.send(readyz, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the API server", e);
      }
      sleep(250);
    }
    throw new IllegalStateException("kube-apiserver was not ready within " + START_TIMEOUT.toSeconds() + "s ("
        + last + "); see " + workDir.resolve("logs") + "\n" + tails());
  }

  private String tails() {
    StringBuilder out = new StringBuilder();
    try (var files = Files.list(workDir.resolve("logs"))) {
      for (Path log : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.append("--- ").append(log.getFileName()).append('\n');
        lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> out.append(l).append('\n'));
      }
    } catch (IOException e) {
      out.append("(logs unreadable: ").append(e.getMessage()).append(")");
    }
    return out.toString();
  }

  private Path writeKubeconfig(Path path) throws IOException {
    String ca = Base64.getEncoder().encodeToString(pki.caPem().getBytes(StandardCharsets.US_ASCII));
    Files.writeString(path, """
        apiVersion: v1
        kind: Config
        clusters:
          - name: lattice-local
            cluster:
              server: %s
              certificate-authority-data: %s
        users:
          - name: lattice-admin
            user:
              token: %s
        contexts:
          - name: lattice-local
            context:
              cluster: lattice-local
              user: lattice-admin
        current-context: lattice-local
        """.formatted(url(), ca, token));
    return path;
  }

  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** A kubeconfig for this control plane (admin token, the run's CA), for kubectl and for clients. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The API server's audit log: one JSON line per write request (create, update, patch, delete). */
  public Path auditLog() {
    return workDir.resolve("logs/audit.log");
  }

  public Path workDir() {
    return workDir;
  }

  public Pki pki() {
    return pki;
  }

  public Binaries binaries() {
    return binaries;
  }

  /** Process ids, so that a later command ({@code lattice sandbox down}) can stop what this one started. */
  public List<Long> pids() {
    return processes.stream().map(Process::pid).toList();
  }

  /** A new client for this control plane; the caller closes it. */
  public KubernetesClient newClient() {
    Config config = Config.fromKubeconfig(null, readKubeconfig(), kubeconfig.toString());
    config.setRequestTimeout(30_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private String readKubeconfig() {
    try {
      return Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every process (controller manager first, etcd last), politely and then forcibly. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  static SSLContext trusting(String caPem) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
