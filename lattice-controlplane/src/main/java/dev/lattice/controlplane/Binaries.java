package dev.lattice.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The control-plane binaries that {@code testcluster/build} writes to {@code testcluster/bin}. */
public record Binaries(Path directory) {
  public static final List<String> NAMES = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");

  /**
   * The binaries of the checkout at {@code repoRoot}, or of {@code LATTICE_TESTCLUSTER_BIN} when set. Missing ones
   * are an error that says how to build them: a test that needs the control plane never skips itself.
   */
  public static Binaries locate(Path repoRoot) {
    return locate(repoRoot, System.getenv("LATTICE_TESTCLUSTER_BIN"));
  }

  /** As {@link #locate(Path)} with the override given (tests run under that variable, as the ITs need it set). */
  static Binaries locate(Path repoRoot, String override) {
    Path directory = override != null && !override.isBlank() ? Path.of(override)
        : repoRoot.resolve("testcluster/bin");
    List<String> missing = NAMES.stream().filter(n -> !Files.isExecutable(directory.resolve(n))).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the local Kubernetes control plane is not built: " + String.join(", ", missing)
          + " missing in " + directory.toAbsolutePath() + ". Run " + repoRoot.resolve("testcluster/build")
          + " (needs Go 1.24+; 20 minutes of CPU cold, seconds when the Go build cache is warm), or set"
          + " LATTICE_TESTCLUSTER_BIN to a folder holding " + String.join(", ", NAMES) + ".");
    }
    return new Binaries(directory);
  }

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path apiserver() {
    return directory.resolve("kube-apiserver");
  }

  public Path controllerManager() {
    return directory.resolve("kube-controller-manager");
  }

  public Path kubectl() {
    return directory.resolve("kubectl");
  }
}
