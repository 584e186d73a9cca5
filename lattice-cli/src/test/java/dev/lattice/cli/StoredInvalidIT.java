package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LatticeService stored although it does not pass Lattice's validation (written while the webhook was not
 * registered, as here, or by an older release): the operator says so in its status (Ready=False with the reason),
 * writes that status once rather than in a retry loop, keeps reconciling the other services, and derives the service
 * once it is fixed. The planted credential-looking value never reaches a status message or an event.
 */
@RealCluster
class StoredInvalidIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  /** Looks like a live Stripe key: the operator warns about it but must never repeat it. */
  private static final String MARKER = "sk_live_" + "Q7markerVALUEnotForEyes1234";
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "stored-invalid-it"); // its webhook is deliberately not registered
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aStoredInvalidServiceGetsOneClearStatusAndNoRetryStorm(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    apply(cluster, spec(namespace.name(), "broken", ""));
    await("broken is Failed", WAIT, () -> "Failed".equals(CommerceIT.phase(cluster, namespace.name(), "broken")));
    LatticeService broken = CommerceIT.service(cluster, namespace.name(), "broken");
    Condition ready = broken.getStatus().conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst()
        .orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("MissingResourceLimits");
    // Stored as lattice.dev/v1, so the path is v1's.
    assertThat(ready.getMessage()).isEqualTo("Nothing was derived because the spec has 1 problem (see condition "
        + "Validated); the first: spec.containers.main.resources.limits: container 'main' has no resource limits; the "
        + "platform needs them to schedule and budget it. Fix: add resources.limits, e.g. limits: {cpu: 500m, memory: "
        + "256Mi}.");
    assertThat(CommerceIT.derived(cluster, namespace.name(), "broken")).isEmpty();

    // No retry storm: the status, once written, is not written again while nothing changes.
    String version = broken.getMetadata().getResourceVersion();
    Thread.sleep(15_000);
    assertThat(CommerceIT.service(cluster, namespace.name(), "broken").getMetadata().getResourceVersion())
        .as("the status was rewritten without a change").isEqualTo(version);

    // No crash loop: the operator still derives a good service, and the broken one once it is fixed.
    apply(cluster, spec(namespace.name(), "good", "        resources: {limits: {cpu: 500m, memory: 256Mi}}\n"));
    await("good is Ready", WAIT, () -> "Ready".equals(CommerceIT.phase(cluster, namespace.name(), "good")));
    apply(cluster, spec(namespace.name(), "broken", "        resources: {limits: {cpu: 500m, memory: 256Mi}}\n"));
    await("broken is Ready once fixed", WAIT,
        () -> "Ready".equals(CommerceIT.phase(cluster, namespace.name(), "broken")));
    assertThat(CommerceIT.derived(cluster, namespace.name(), "broken")).isNotEmpty();

    String statuses = cluster.client().resources(LatticeService.class).inNamespace(namespace.name()).list()
        .getItems().stream().map(s -> String.valueOf(s.getStatus().conditions)).reduce("", String::concat);
    String events = cluster.client().v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .map(Event::getMessage).reduce("", (a, b) -> a + "\n" + b);
    assertThat(statuses).doesNotContain(MARKER);
    assertThat(events).doesNotContain(MARKER);
    ReliabilityFigures.record("StoredInvalidIT", Map.of("storedInvalidObjects", 1L, "statusWritesInQuietWindow",
        0L, "quietWindowSeconds", 15L));
  }

  private static String spec(String namespace, String name, String limits) {
    return """
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
                variables:
                  PAYMENT_KEY: %s
        """.formatted(name, namespace, IMAGE, MARKER) + limits;
  }

  private static void apply(LocalCluster cluster, String spec) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "stored-invalid", ".yaml");
    Files.writeString(file, spec);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
