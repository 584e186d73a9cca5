package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lattice snapshot} and {@code lattice diff} on the commerce example, as a user runs them. */
class DiffCommandTest {
  @TempDir Path temp;
  Path commerce;

  @BeforeEach
  void copyExample() throws IOException {
    commerce = temp.resolve("commerce");
    copy(Specs.repoRoot().resolve("examples/commerce"), commerce);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private static JsonNode json(CliRun run) throws IOException {
    return JsonMapper.builder().build().readTree(run.out());
  }

  private static List<String> changedServices(JsonNode report) {
    List<String> services = new ArrayList<>();
    report.path("services").forEach(s -> services.add(s.path("service").asText()));
    return services;
  }

  private Path snapshot(Path specs) {
    Path out = temp.resolve("before-" + specs.getFileName() + ".snapshot");
    CliRun run = CliRun.of("snapshot", specs.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  @Test
  @DisplayName("the same fleet snapshots to the same bytes, with a header naming format, version and settings")
  void snapshotIsDeterministic() throws IOException {
    Path first = snapshot(commerce);
    byte[] bytes = Files.readAllBytes(first);
    CliRun again = CliRun.of("snapshot", commerce.toString(), "--out", first.toString());

    assertThat(again.err()).isEqualTo("Wrote 3 services to " + first + " (" + bytes.length / 1024 + " KiB)."
        + System.lineSeparator());
    assertThat(Files.readAllBytes(first)).isEqualTo(bytes);
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(first))) {
      String header = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst()
          .orElseThrow();
      assertThat(header).startsWith("{\"format\":\"lattice-snapshot\",\"version\":1,\"lattice\":\"development\","
          + "\"settings\":\"");
    }
  }

  @Test
  @DisplayName("a baseline of the same code and specs diffs empty and passes --check with no declarations")
  void noOpBaseline() throws IOException {
    Path before = snapshot(commerce);
    Path expected = temp.resolve("release/expected-changes.yaml");
    Files.createDirectories(expected.getParent());
    Files.writeString(expected, "changes: []\n");

    CliRun run = CliRun.of("diff", "--check", "--expected", expected.toString(), "--baseline", before.toString(),
        commerce.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("No derived object, phase or access changes.")
        .contains("every change is declared and every declaration matched.")
        .doesNotContain("Per service");
  }

  @Test
  @DisplayName("a policy change shows exactly the services whose access flips and the objects that change with them")
  void policyChange() throws IOException {
    Path proposed = temp.resolve("proposed");
    Files.createDirectories(proposed);
    Files.copy(commerce.resolve("platform.yaml"), proposed.resolve("platform.yaml"));
    edit(proposed.resolve("platform.yaml"), """
            permit(principal == Lattice::Service::"commerce/orders",
                   action == Lattice::Action::"AccessSecret",
                   resource == Lattice::SecretPath::"vault:commerce/orders-db");
        """, "");

    CliRun run = CliRun.of("diff", "--policies", proposed.toString(), commerce.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = json(run);
    assertThat(report.path("flips")).singleElement().satisfies(flip -> {
      assertThat(flip.path("service").asText()).isEqualTo("commerce/orders");
      assertThat(flip.path("phaseBefore").asText()).isEqualTo("Ready");
      assertThat(flip.path("phaseAfter").asText()).isEqualTo("Failed");
      assertThat(flip.path("lost")).singleElement().satisfies(access -> assertThat(access.asText())
          .startsWith("AccessSecret ").contains("vault:commerce/orders-db"));
    });
    assertThat(changedServices(report)).containsExactly("commerce/orders");
    assertThat(report.path("services").get(0).path("objects")).isNotEmpty()
        .allSatisfy(object -> assertThat(object.path("change").asText()).isEqualTo("removed"));
  }

  @Test
  @DisplayName("--specs with one edited service shows it and the neighbours whose mesh policy changes, nothing else")
  void specChange() throws IOException {
    Path edited = temp.resolve("edited");
    copy(commerce, edited);
    // payments stops accepting frontend: payments' and frontend's mesh policies change; orders' do not.
    edit(edited.resolve("payments.yaml"), "      frontend: {type: service, direction: inbound}\n", "");

    CliRun run = CliRun.of("diff", "--specs", commerce.toString(), edited.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = json(run);
    assertThat(changedServices(report)).containsExactly("commerce/frontend", "commerce/payments");
    List<String> objects = new ArrayList<>();
    report.path("services").forEach(s -> s.path("objects").forEach(o -> objects.add(o.path("object").asText())));
    assertThat(objects).containsExactly("CiliumNetworkPolicy commerce/frontend-mesh",
        "CiliumNetworkPolicy commerce/payments-mesh", "AuthorizationPolicy commerce/payments-mesh");
    assertThat(report.path("summary").path("compared").asInt()).isEqualTo(3);
  }

  @Test
  @DisplayName("--check exits 1 naming the undeclared group and its services, 0 once declared with a CHANGELOG line")
  void checkFailsUntilDeclared() throws IOException {
    Path before = snapshot(commerce);
    edit(commerce.resolve("payments.yaml"), "replicas: 2", "replicas: 3");
    Path expected = temp.resolve("release/expected-changes.yaml");
    Files.createDirectories(expected.getParent());
    Files.writeString(expected, "changes: []\n");
    Files.writeString(temp.resolve("CHANGELOG.md"), "## Unreleased\n- payments runs 3 replicas.\n");

    CliRun failing = CliRun.of("diff", "--check", "--brief", "--expected", expected.toString(), "--baseline",
        before.toString(), commerce.toString());

    assertThat(failing.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(failing.out()).contains("Check against " + expected + " FAILED: 2 group(s) of changes not declared, "
        + "0 declaration(s) matched nothing.")
        .contains("  not declared: Deployment spec.replicas changed: 1 service (commerce/payments)")
        .contains("  not declared: PodDisruptionBudget spec.minAvailable changed: 1 service (commerce/payments)");

    Files.writeString(expected, """
        changes:
          - {kind: Deployment, path: spec.replicas, change: changed, services: commerce/payments,
             changelog: "payments runs 3 replicas."}
          - {kind: PodDisruptionBudget, path: "spec.*", change: changed, changelog: "payments runs 3 replicas."}
        """);
    CliRun passing = CliRun.of("diff", "--check", "--brief", "--expected", expected.toString(), "--baseline",
        before.toString(), commerce.toString());

    assertThat(passing.exitCode()).as(passing.out()).isZero();

    Files.writeString(expected, """
        changes:
          - {kind: Deployment, path: spec.replicas, change: changed, changelog: "payments runs 3 replicas."}
          - {kind: PodDisruptionBudget, path: spec.minAvailable, change: changed, changelog: "payments runs 3 replicas."}
          - {kind: Service, path: spec.ports, change: changed, changelog: "payments runs 3 replicas."}
        """);
    CliRun unmatched = CliRun.of("diff", "--check", "-o", "json", "--expected", expected.toString(), "--baseline",
        before.toString(), commerce.toString());

    assertThat(unmatched.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(json(unmatched).path("check").path("unmatched").get(0).asText())
        .isEqualTo("Service spec.ports changed");
    assertThat(unmatched.err()).contains("  matched nothing: Service spec.ports changed (changelog: "
        + "\"payments runs 3 replicas.\")");
  }

  @Test
  @DisplayName("a declaration whose changelog line is not in CHANGELOG.md is an input error naming the field")
  void declarationNeedsChangelogLine() throws IOException {
    Path before = snapshot(commerce);
    Path expected = temp.resolve("release/expected-changes.yaml");
    Files.createDirectories(expected.getParent());
    Files.writeString(expected, "changes:\n  - {kind: Deployment, path: spec.replicas, change: changed, "
        + "changelog: \"More replicas.\"}\n");
    Files.writeString(temp.resolve("CHANGELOG.md"), "## Unreleased\n");

    CliRun run = CliRun.of("diff", "--check", "--expected", expected.toString(), "--baseline", before.toString(),
        commerce.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).isEqualTo("error   " + expected + ":" + System.lineSeparator()
        + "  changes[0].changelog: \"More replicas.\" is not in " + temp.resolve("CHANGELOG.md") + ". Fix: add "
        + "that line under ## Unreleased in " + temp.resolve("CHANGELOG.md") + ", or quote the line that "
        + "announces the change." + System.lineSeparator());
  }

  @Test
  @DisplayName("a wrong command line or a file that is not a snapshot is exit status 2 with the fix")
  void inputErrors() throws IOException {
    CliRun none = CliRun.of("diff", commerce.toString());
    assertThat(none.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(none.err()).isEqualTo("lattice diff: give exactly one of --baseline FILE, --policies DIR, --specs "
        + "OLD NEW or --snapshots OLD NEW (see lattice diff --help)." + System.lineSeparator());

    Path notSnapshot = commerce.resolve("orders.yaml");
    CliRun bad = CliRun.of("diff", "--baseline", notSnapshot.toString(), commerce.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(bad.err()).isEqualTo("error   " + notSnapshot + ": not a Lattice snapshot (not gzip). Fix: give the "
        + "file `lattice snapshot --out` wrote." + System.lineSeparator());
  }

  /** A LatticePackage of the test chart at {@code version}, in namespace commerce. */
  private static void writePackage(Path dir, String version) throws IOException {
    Files.writeString(dir.resolve("hello.package.yaml"), """
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: hello, namespace: commerce}
        spec:
          chart: {repository: %s, name: lattice-test-app, version: "%s"}
          owner: team-shop
          reason: JIRA-1234
          expires: "%s"
          mesh: {serviceAccount: default}
        """.formatted(Specs.repoRoot().resolve("charts"), version,
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60)));
  }

  @Test
  @DisplayName("--specs with a package upgraded to a new chart version shows the package's rendered objects that "
      + "change or go, grouped like a service's; a snapshot holds the package too")
  void packageUpgrade() throws IOException {
    writePackage(commerce, "0.1.0");
    Path upgraded = temp.resolve("upgraded");
    copy(commerce, upgraded);
    writePackage(upgraded, "0.2.0");

    CliRun run = CliRun.of("diff", "--specs", commerce.toString(), upgraded.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = json(run);
    assertThat(changedServices(report)).containsExactly("commerce/hello (LatticePackage)");
    List<String> objects = new ArrayList<>();
    report.path("services").forEach(s -> s.path("objects").forEach(o -> objects.add(o.path("object").asText()
        + " " + o.path("change").asText())));
    assertThat(objects).as("0.2.0 no longer renders the ConfigMap").contains("ConfigMap commerce/hello-config "
        + "removed");
    assertThat(report.path("summary").path("compared").asInt()).isEqualTo(4);

    Path before = snapshot(commerce);
    CliRun same = CliRun.of("diff", "--baseline", before.toString(), commerce.toString(), "-o", "json");
    assertThat(same.exitCode()).as(same.err()).isZero();
    assertThat(json(same).path("summary").path("compared").asInt()).isEqualTo(4);
    assertThat(changedServices(json(same))).isEmpty();
  }

  @Test
  @DisplayName("--snapshots compares two snapshot files, as made by two Lattice versions")
  void twoSnapshots() throws IOException {
    Path before = snapshot(commerce);
    edit(commerce.resolve("payments.yaml"), "replicas: 2", "replicas: 3");
    Path after = temp.resolve("after.snapshot");
    assertThat(CliRun.of("snapshot", commerce.toString(), "--out", after.toString()).exitCode()).isZero();

    CliRun run = CliRun.of("diff", "--snapshots", before.toString(), after.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Changes by pattern (2 groups, 1 of 3 services changed):")
        .contains("  Deployment spec.replicas changed: 1 service (e.g. commerce/payments)")
        .contains("-  replicas: 2\n+  replicas: 3");
  }
}
