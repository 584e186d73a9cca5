package dev.lattice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.testkit.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Waiting on a real cluster, and reading its audit log. */
final class ClusterAsserts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterAsserts() {}

  /** Polls until {@code condition} holds, or fails naming what was awaited. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting until " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** The identity holding the operator's Lease, or null. */
  static String leaseHolder(LocalCluster cluster) {
    var lease = cluster.client().leases().inNamespace("lattice-system").withName("lattice-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  /** The audit log's entries (one per write request, see ControlPlane), from line {@code from} on. */
  static List<JsonNode> audit(Path log, int from) {
    try {
      return Files.readAllLines(log).stream().skip(from).map(ClusterAsserts::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int auditLines(Path log) {
    return audit(log, 0).size();
  }

  /**
   * Writes an operator made: fabric8's user agent, not kubectl's or the controller manager's. Leases are excluded,
   * and so are the access reviews JOSDK creates at start to check its Lease permissions (never stored).
   */
  static Predicate<JsonNode> operatorWrite() {
    return e -> e.path("userAgent").asText().startsWith("fabric8")
        && !List.of("leases", "selfsubjectrulesreviews", "selfsubjectaccessreviews",
            "selfsubjectreviews")
            .contains(e.path("objectRef").path("resource").asText());
  }

  static String describe(JsonNode entry) {
    JsonNode ref = entry.path("objectRef");
    return entry.path("verb").asText() + " " + ref.path("resource").asText()
        + (ref.path("subresource").isMissingNode() ? "" : "/" + ref.path("subresource").asText()) + " "
        + ref.path("namespace").asText() + "/" + ref.path("name").asText();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
