package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lattice derive prices Ready services per month from the platform's rate table, per service and per team. */
class CostDeriveTest {
  @TempDir Path dir;

  private static final String PLATFORM = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: lattice-platform, namespace: lattice-system}
      data:
        cost.currency: EUR
        cost.cpuCoreHour: "0.04"
        cost.memoryGiBHour: "0.005"
        cost.gpuHour: "2.50"
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

  /** shop/api: 500m, 256Mi x 3 replicas = 46.54; pay/billing: autoscaled at max 10 = 155.13; ops/cron: 1 = 15.51. */
  private Path[] fleet() throws IOException {
    return new Path[] {
      write("api.yaml", Specs.minimalWith("spec: {replicas: 3}")),
      write("billing.yaml", Specs.minimalWith("metadata: {name: billing, namespace: pay}\n"
          + "spec: {autoscaling: {max: 10, metrics: [{metric: cpu, target: 70}]}}")),
      write("cron.yaml", Specs.minimalWith("metadata: {name: cron, namespace: ops}"))};
  }

  @Test
  @DisplayName("text: one line per Ready service and one per team after the summary, exact to the cent")
  void text() throws IOException {
    Path[] services = fleet();
    CliRun run = CliRun.of("derive", write("platform.yaml", PLATFORM).toString(), services[0].toString(),
        services[1].toString(), services[2].toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Cost estimate per month (EUR): requests (limits when none is written) x"
        + " replicas, autoscaled services at autoscaling.max; 730 hours a month.\n"
        + "  ops/cron     15.51\n"
        + "  pay/billing  155.13\n"
        + "  shop/api     46.54\n"
        + "  team ops     15.51  (1 service)\n"
        + "  team retail  201.67  (2 services)\n");
  }

  @Test
  @DisplayName("JSON: cost.services and cost.teams in cents and as text")
  void json() throws IOException {
    Path[] services = fleet();
    CliRun run = CliRun.of("derive", "--report", "json", write("platform.yaml", PLATFORM).toString(),
        services[0].toString(), services[1].toString(), services[2].toString());

    JsonNode cost = new ObjectMapper().readTree(run.out()).path("cost");
    assertThat(cost.path("estimated").asBoolean()).isTrue();
    assertThat(cost.path("currency").asText()).isEqualTo("EUR");
    assertThat(cost.path("services").toString()).isEqualTo("[{\"namespace\":\"ops\",\"name\":\"cron\",\"team\":"
        + "\"ops\",\"monthlyCents\":1551,\"monthly\":\"15.51\"},{\"namespace\":\"pay\",\"name\":\"billing\",\"team\":"
        + "\"retail\",\"monthlyCents\":15513,\"monthly\":\"155.13\"},{\"namespace\":\"shop\",\"name\":\"api\","
        + "\"team\":\"retail\",\"monthlyCents\":4654,\"monthly\":\"46.54\"}]");
    assertThat(cost.path("teams").toString()).isEqualTo("[{\"team\":\"ops\",\"services\":1,\"monthlyCents\":1551,"
        + "\"monthly\":\"15.51\"},{\"team\":\"retail\",\"services\":2,\"monthlyCents\":20167,\"monthly\":\"201.67\"}]");
  }

  @Test
  @DisplayName("platform settings without a rate table: no estimate, said once; a team's own files: nothing said")
  void noTable() throws IOException {
    Path[] services = fleet();
    Path platform = write("platform.yaml",
        PLATFORM.replaceFirst("(?s)  cost\\.currency.*cost\\.gpuHour: \"2.50\"\n", "  contact: ops\n"));

    CliRun withSettings = CliRun.of("derive", platform.toString(), services[0].toString(), services[2].toString());
    CliRun own = CliRun.of("derive", services[0].toString());

    String note = "Note: no cost estimate: the platform settings (lattice-system/lattice-platform) have no rate"
        + " table. Fix: set cost.cpuCoreHour, cost.memoryGiBHour and cost.gpuHour (and cost.currency) there.";
    assertThat(withSettings.out()).contains(note).doesNotContain("Cost estimate per month");
    assertThat(withSettings.out().split(java.util.regex.Pattern.quote(note))).hasSize(2);
    assertThat(own.out()).doesNotContain("cost estimate").doesNotContain("Cost estimate");
  }
}
