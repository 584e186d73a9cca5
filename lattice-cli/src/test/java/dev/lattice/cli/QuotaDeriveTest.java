package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lattice derive reads LatticeQuotas and the teams of Namespace documents, and fails what does not fit. */
class QuotaDeriveTest {
  @TempDir Path dir;

  private static final String PLATFORM = """
      apiVersion: lattice.dev/v1
      kind: LatticeQuota
      metadata: {name: retail, namespace: lattice-system}
      spec:
        selector: {team: retail}
        limits: {cpu: "1"}
        owner: retail-platform@example.com
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {lattice.dev/team: retail}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: pay, labels: {lattice.dev/team: retail}}
      """;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  @DisplayName("a team quota across two namespaces: the first service in namespace/name order fits, the next fails"
      + " with QuotaExceeded naming quota, resource, ask, what is left and the owner, whatever the file order")
  void teamQuota() throws IOException {
    Path platform = write("platform.yaml", PLATFORM);
    Path api = write("api.yaml", Specs.minimalWith(
        "spec: {workload: {containers: {main: {resources: {requests: {cpu: 500m}}}}}}"));
    Path billing = write("billing.yaml", Specs.minimalWith("metadata: {name: billing, namespace: pay}\n"
        + "spec: {replicas: 2, workload: {containers: {main: {resources: {requests: {cpu: 500m}}}}}}"));
    String refused = "service shop/api asks for 500m cpu (500m per replica x 1 replica), but LatticeQuota retail "
        + "(team retail) has 0 cpu left of 1 (services before it in namespace/name order use the rest).";

    CliRun forward = CliRun.of("derive", platform.toString(), api.toString(), billing.toString());
    CliRun backward = CliRun.of("derive", billing.toString(), api.toString(), platform.toString());

    for (CliRun run : java.util.List.of(forward, backward)) {
      assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
      assertThat(run.out()).contains("shop/api     Failed  nothing derived").contains("QuotaExceeded")
          .contains(refused).contains("retail-platform@example.com").contains("2 services: 1 Ready, 1 Failed");
      assertThat(run.out()).doesNotContain("pay/billing  Failed");
    }
  }

  @Test
  @DisplayName("a LatticeQuota outside lattice-system is an input error: quotas are the platform's")
  void quotaOutsidePlatformNamespace() throws IOException {
    Path file = write("quota.yaml", PLATFORM.replace("namespace: lattice-system", "namespace: shop"));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).contains("the LatticeQuota retail is in namespace shop; quotas are the platform's and are"
        + " read only from lattice-system. Fix: set metadata.namespace: lattice-system.");
  }
}
