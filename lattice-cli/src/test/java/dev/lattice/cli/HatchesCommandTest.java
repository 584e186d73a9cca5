package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lattice hatches}: the table, expired first, the share against the 30% line, and -o json|yaml. */
class HatchesCommandTest {
  private static final String EXAMPLE = "../examples/mesh-member";

  @Test
  @DisplayName("the example: one mesh member of two workloads, 50% (above the line), days left on the pinned date")
  void example() {
    CliRun run = CliRun.of("hatches", "--today", "2027-01-01", EXAMPLE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("""
        KIND               NAME                   OWNER         EXPIRES     DAYS LEFT  STATE   REASON
        LatticeMeshMember  billing/legacy-ledger  team-billing  2027-02-15  45         active  BILL-482 ledger rewrite, ships in Q1

        1 of 2 workloads (50%) use an escape hatch; above the 30% line: the platform does not fit these teams yet, \
        find out what they need.
        """);
  }

  @Test
  @DisplayName("expired hatches come first; LatticePackage documents count by their governance fields")
  void expiredFirst(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("hatches.yaml"), """
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: fresh, namespace: shop}
        spec: {owner: team-a, reason: T-1, expires: "2027-06-01", selector: {app: a}, mesh: {serviceAccount: a}}
        ---
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: redis, namespace: shop}
        spec: {owner: team-b, reason: T-2, expires: "2026-12-20", chart: {name: redis, version: 1.2.3}}
        ---
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: stale, namespace: shop}
        spec: {owner: team-c, reason: T-3, expires: "2026-12-01", selector: {app: c}, mesh: {serviceAccount: c}}
        """);

    CliRun run = CliRun.of("hatches", "--today", "2027-01-01", "-o", "json", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.path("hatches").findValuesAsText("name")).containsExactly("stale", "redis", "fresh");
    assertThat(root.path("hatches").findValuesAsText("state"))
        .containsExactly("expired", "expired, in grace period", "active");
    assertThat(root.path("hatches").get(0).path("daysLeft").asLong()).isEqualTo(-31);
    assertThat(root.path("hatches").get(1).path("kind").asText()).isEqualTo("LatticePackage");
    assertThat(root.path("workloads").asInt()).isEqualTo(3);
    assertThat(root.path("aboveLine").asBoolean()).isTrue();

    CliRun yaml = CliRun.of("hatches", "--today", "2027-01-01", "-o", "yaml", dir.toString());
    assertThat(yaml.out()).contains("today: 2027-01-01").contains("  - kind: LatticeMeshMember");
  }

  @Test
  @DisplayName("a fleet without hatches says so")
  void none() {
    CliRun run = CliRun.of("hatches", "../examples/commerce");
    assertThat(run.out()).isEqualTo("No escape hatches among 3 workloads.\n");
  }
}
