package dev.lattice.cli.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code sandbox up} started, in {@code DIR/sandbox.state}: the kubeconfig, then one {@code pid name} line
 * per process, so that {@code sandbox down} (another JVM) stops exactly those and never a reused pid.
 */
record SandboxState(Path kubeconfig, List<Started> processes) {
  private static final String FILE = "sandbox.state";

  record Started(long pid, String name) {
    Optional<ProcessHandle> handle() {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().orElse("").contains(name.equals("lattice-operator") ? "operator" : name));
    }
  }

  void write(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(kubeconfig.toString());
    processes.forEach(p -> lines.add(p.pid() + " " + p.name()));
    Files.write(dir.resolve(FILE), lines);
  }

  static SandboxState read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    List<String> lines = Files.readAllLines(file);
    List<Started> processes = lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(" ", 2))
        .map(parts -> new Started(Long.parseLong(parts[0]), parts[1])).toList();
    return new SandboxState(Path.of(lines.get(0)), processes);
  }

  boolean anyAlive() {
    return processes.stream().anyMatch(p -> p.handle().isPresent());
  }

  /** Stops the operator first and etcd last; returns how many were running. */
  int stopAll() throws InterruptedException {
    int stopped = 0;
    for (int i = processes.size() - 1; i >= 0; i--) {
      Optional<ProcessHandle> handle = processes.get(i).handle();
      if (handle.isEmpty()) {
        continue;
      }
      ProcessHandle process = handle.get();
      process.destroy();
      try {
        process.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
      }
      stopped++;
    }
    return stopped;
  }

  /** Forgets the sandbox: the state file and etcd's data go, the logs stay. */
  static void delete(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(FILE));
    Path etcd = dir.resolve("etcd");
    if (Files.isDirectory(etcd)) {
      try (Stream<Path> files = Files.walk(etcd)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
