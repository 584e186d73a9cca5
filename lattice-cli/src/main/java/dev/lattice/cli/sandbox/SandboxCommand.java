package dev.lattice.cli.sandbox;

import dev.lattice.cli.ExitCodes;
import dev.lattice.controlplane.Binaries;
import dev.lattice.controlplane.ControlPlane;
import dev.lattice.controlplane.Crds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice sandbox up|down}: a local control plane with the operator, for trying Lattice without a cluster. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local Kubernetes control plane with Lattice installed, for trying specs without a cluster.",
      "etcd, kube-apiserver and kube-controller-manager (from testcluster/build) on 127.0.0.1, with Lattice's "
          + "CRDs, the third-party CRDs, the mesh baseline, the operator and its admission webhook. No kubelet "
          + "runs: objects are stored and validated, Pods are never started."
    },
    subcommands = {SandboxCommand.Up.class, SandboxCommand.Down.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  eval \"export $(lattice sandbox up examples/commerce)\"",
      "  kubectl get ls -A",
      "  lattice sandbox down"
    })
public final class SandboxCommand {
  static final Path DEFAULT_DIR = Path.of(System.getProperty("user.home"), ".lattice", "sandbox");

  /** Where the checkout is: bin/lattice passes it; deploy/ and testcluster/bin are read from there. */
  static Path home() {
    return Path.of(System.getProperty("lattice.home", ".")).toAbsolutePath().normalize();
  }

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start the sandbox in the background, apply PATH... with kubectl, print KUBECONFIG=<path>.")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to kubectl apply.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
        description = "State, logs and kubeconfig (default: ~/.lattice/sandbox).")
    Path dir = DEFAULT_DIR;

    @Option(names = "--crds", paramLabel = "DIR",
        description = "The third-party CRDs (default: ../shared/crds beside the checkout).")
    Path crds;

    @Override
    public Integer call() throws Exception {
      var err = spec.commandLine().getErr();
      SandboxState existing = SandboxState.read(dir);
      if (existing != null && existing.anyAlive()) {
        err.println("lattice sandbox: already running (" + dir + "); stop it with: lattice sandbox down");
        spec.commandLine().getOut().println("KUBECONFIG=" + existing.kubeconfig());
        return ExitCodes.OK;
      }
      Path home = home();
      Path sharedCrds = crds != null ? crds : home.resolveSibling("shared").resolve("crds");
      if (!Files.isDirectory(sharedCrds)) {
        err.println("lattice sandbox: the third-party CRDs are not in " + sharedCrds + "; pass --crds DIR.");
        return ExitCodes.INPUT_ERROR;
      }
      Binaries binaries;
      try {
        binaries = Binaries.locate(home);
      } catch (IllegalStateException e) {
        err.println("lattice sandbox: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
      Files.createDirectories(dir);
      err.println("lattice sandbox: starting etcd, kube-apiserver and kube-controller-manager in " + dir);
      ControlPlane plane = ControlPlane.start(binaries, dir);
      List<SandboxState.Started> started = new ArrayList<>();
      List<Long> pids = plane.pids();
      for (int i = 0; i < pids.size(); i++) {
        started.add(new SandboxState.Started(pids.get(i), List.of("etcd", "kube-apiserver",
            "kube-controller-manager").get(i)));
      }
      SandboxState state = new SandboxState(plane.kubeconfig(), started);
      state.write(dir);
      try {
        install(plane, home, sharedCrds, started);
      } catch (Exception e) {
        // Never leave half a sandbox running.
        SandboxState.read(dir).stopAll();
        SandboxState.delete(dir);
        err.println("lattice sandbox: start-up failed, everything started was stopped: " + e.getMessage());
        return ExitCodes.INTERNAL_ERROR;
      }
      for (Path path : paths) {
        // A folder's Namespace may sort after the objects in it; the second pass finds it.
        if (kubectl(plane, home, "apply", "-R", "-f", path.toAbsolutePath().toString()) != 0
            && kubectl(plane, home, "apply", "-R", "-f", path.toAbsolutePath().toString()) != 0) {
          err.println("lattice sandbox: kubectl apply -f " + path + " failed (see above); the sandbox keeps running.");
        }
      }
      err.println("lattice sandbox: ready; logs in " + dir.resolve("logs") + "; stop with: lattice sandbox down");
      spec.commandLine().getOut().println("KUBECONFIG=" + plane.kubeconfig());
      return ExitCodes.OK;
    }

    /**
     * CRDs, namespaces, the mesh baseline, then the operator (recorded in the state file), its conversion webhook
     * and its admission webhook.
     */
    private void install(ControlPlane plane, Path home, Path sharedCrds, List<SandboxState.Started> started)
        throws Exception {
      try (KubernetesClient client = plane.newClient()) {
        Crds.install(client, List.of(home.resolve("deploy/crds"), sharedCrds));
        // lattice-system for the operator's Lease and policies; istio-system for the mesh baseline's policies.
        for (String namespace : List.of("lattice-system", "istio-system")) {
          client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
              .endMetadata().build()).fieldManager("lattice-sandbox").serverSideApply();
        }
        if (kubectl(plane, home, "apply", "--server-side", "-f", home.resolve("deploy/mesh").toString()) != 0) {
          throw new IllegalStateException("the mesh baseline (deploy/mesh) could not be applied; see above");
        }

        Path certs = dir.resolve("webhook");
        plane.pki().serving("lattice-operator", List.of("lattice-operator.lattice-system.svc")).write(certs);
        int webhookPort = freePort();
        int metricsPort = freePort();
        Process operator = startOperator(plane, certs, webhookPort, metricsPort);
        started.add(new SandboxState.Started(operator.pid(), "lattice-operator"));
        new SandboxState(plane.kubeconfig(), started).write(dir);
        awaitOperator(metricsPort, operator);
        LocalWebhook.registerConversion(client, home.resolve("deploy/operator/patches/latticeservices-conversion.yaml"),
            plane.pki().caPem(), webhookPort);
        LocalWebhook.register(client, home.resolve("deploy/operator/webhook.yaml"), plane.pki().caPem(),
            webhookPort);
      }
    }

    /** {@code lattice operator} from the same jar, in the background, with its output in logs/operator.log. */
    private static Process startOperator(ControlPlane plane, Path certs, int webhookPort, int metricsPort)
        throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      String jar;
      try {
        jar = Path.of(SandboxCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      } catch (java.net.URISyntaxException e) {
        throw new IOException(e);
      }
      ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path", jar),
          "dev.lattice.cli.LatticeCli", "operator", "--webhook-cert-dir", certs.toString(),
          "--webhook-port", Integer.toString(webhookPort), "--metrics-port", Integer.toString(metricsPort))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(plane.workDir().resolve("logs/operator.log").toFile()));
      builder.environment().put("KUBECONFIG", plane.kubeconfig().toString());
      return builder.start();
    }

    private static void awaitOperator(int metricsPort, Process operator) throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/readyz"))
          .timeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        if (!operator.isAlive()) {
          throw new IllegalStateException("the operator exited with " + operator.exitValue()
              + "; see logs/operator.log");
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // Not listening yet.
        }
        Thread.sleep(300);
      }
      throw new IllegalStateException("the operator was not ready within 120s; see logs/operator.log");
    }

    /** Runs the sandbox's kubectl; its report goes to stderr, as stdout carries only the KUBECONFIG line. */
    private int kubectl(ControlPlane plane, Path home, String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of(plane.binaries().kubectl().toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
      builder.environment().put("KUBECONFIG", plane.kubeconfig().toString());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      spec.commandLine().getErr().print(output);
      spec.commandLine().getErr().flush();
      return process.waitFor();
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }

  @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop everything sandbox up started.")
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "The sandbox's directory (default: ~/.lattice/sandbox).")
    Path dir = DEFAULT_DIR;

    @Override
    public Integer call() throws Exception {
      SandboxState state = SandboxState.read(dir);
      if (state == null) {
        spec.commandLine().getErr().println("lattice sandbox: nothing is running in " + dir);
        return ExitCodes.OK;
      }
      int stopped = state.stopAll();
      SandboxState.delete(dir);
      spec.commandLine().getErr().println("lattice sandbox: stopped " + stopped + " processes; logs stay in "
          + dir.resolve("logs"));
      return ExitCodes.OK;
    }
  }
}
