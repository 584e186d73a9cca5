package dev.lattice.testkit.cluster;

import dev.lattice.controlplane.Binaries;
import dev.lattice.controlplane.ControlPlane;
import dev.lattice.controlplane.Crds;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one control plane of a test run, with Lattice's CRDs ({@code deploy/crds}) and the third-party CRDs of every
 * kind the operator applies ({@code ../shared/crds}, and {@link VendorCrds} for the vendored kinds) installed. Tests reach it through a fabric8 client, a kubeconfig
 * file and {@link #kubectl}, exactly as a user would.
 */
public final class LocalCluster implements AutoCloseable {
  private final ControlPlane plane;
  private final KubernetesClient client;
  private final Path repoRoot;

  private LocalCluster(ControlPlane plane, Path repoRoot) {
    this.plane = plane;
    this.repoRoot = repoRoot;
    this.client = plane.newClient();
  }

  /** Starts the control plane under {@code target/} of the current module and installs the CRDs. */
  static LocalCluster start() {
    Path repoRoot = Path.of(System.getProperty("lattice.repo.root", "..")).toAbsolutePath().normalize();
    Binaries binaries = Binaries.locate(repoRoot);
    Path sharedCrds = Path.of(System.getProperty("lattice.shared.crds.dir",
        repoRoot.resolveSibling("shared").resolve("crds").toString()));
    if (!Files.isDirectory(sharedCrds)) {
      throw new IllegalStateException("the third-party CRDs are missing: " + sharedCrds
          + " does not exist (CI lays ../shared/crds beside the clone)");
    }
    Path workDir;
    try {
      workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "local-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ControlPlane plane = ControlPlane.start(binaries, workDir);
    LocalCluster cluster = new LocalCluster(plane, repoRoot);
    // JUnit closes the cluster at the end of the run; the hook covers a JVM that is stopped before that.
    Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "local-cluster-stop"));
    try {
      Crds.install(cluster.client, List.of(repoRoot.resolve("deploy/crds"), sharedCrds));
      VendorCrds.install(cluster.client);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The admin client (system:masters); shared, never close it. */
  public KubernetesClient client() {
    return client;
  }

  /** A new admin client, e.g. for an operator instance that must be stopped on its own. */
  public KubernetesClient newClient() {
    return plane.newClient();
  }

  public Path kubeconfig() {
    return plane.kubeconfig();
  }

  public ControlPlane plane() {
    return plane;
  }

  public Path repoRoot() {
    return repoRoot;
  }

  /** What kubectl printed and how it exited. */
  public record KubectlResult(int exitCode, String stdout, String stderr) {
    public KubectlResult assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ":\n" + stderr + stdout);
      }
      return this;
    }
  }

  /** Runs the kubectl built with the control plane, with this cluster's kubeconfig, from the repository root. */
  public KubectlResult kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(plane.binaries().kubectl().toString());
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> env = builder.environment();
      env.put("KUBECONFIG", plane.kubeconfig().toString());
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60s");
      }
      KubectlResult result = new KubectlResult(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Stops the control plane and deletes its etcd data; the logs stay under target/ for a failed run. */
  @Override
  public void close() {
    client.close();
    plane.close();
    Path etcd = plane.workDir().resolve("etcd");
    if (Files.isDirectory(etcd)) {
      try (Stream<Path> files = Files.walk(etcd)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Only disk space is lost; target/ is cleaned by mvn clean.
      }
    }
  }
}
