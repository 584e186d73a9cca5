package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  private static final String EXAMPLE = "../examples/commerce";

  @TempDir Path dir;

  private Path proposed(String policies) throws IOException {
    Files.writeString(dir.resolve("proposed.yaml"), """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: proposed, namespace: lattice-system}
        spec:
          policies: |
        """ + policies.indent(4));
    return dir;
  }

  @Test
  @DisplayName("policy test lists who loses which access, and which statement takes it away")
  void losses() throws IOException {
    Path dir = proposed("""
        permit(principal, action == Lattice::Action::"AccessSecret", resource) when { resource.provider == "vault" };
        forbid(principal, action, resource) when { resource.path like "payments/*" };
        """);

    CliRun run = CliRun.of("policy", "test", "--policies", dir.toString(), EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        commerce/payments  loses  access secret vault:payments/stripe-key  (spec.workload.resources.stripe-key; \
        forbidden by CedarPolicy proposed, statement 2 (line 2))

        1 of 3 services change: 0 access(es) gained, 1 lost.
        """);
  }

  @Test
  @DisplayName("policy test sees a mesh member as Lattice::MeshMember: a permit for services only takes its "
      + "egress away, one for members gives it back")
  void meshMemberPrincipal() throws IOException {
    String example = Path.of(EXAMPLE).resolveSibling("mesh-member").toString();
    CliRun services = CliRun.of("policy", "test", "--policies", proposed("""
        permit(principal is Lattice::Service, action == Lattice::Action::"AccessExternalEndpoint", resource);
        """).toString(), example);

    assertThat(services.exitCode()).as(services.err()).isZero();
    assertThat(services.out()).isEqualTo("""
        billing/legacy-ledger  loses  reach external endpoint api.bank.example:443  (spec.mesh.egress.bank; \
        no permit matches any more)
        billing/legacy-ledger  loses  reach external endpoint 10.40.0.0/16:5432  (spec.mesh.egress.mainframe; \
        no permit matches any more)

        1 of 2 services change: 0 access(es) gained, 2 lost.
        """);

    CliRun members = CliRun.of("policy", "test", "--policies", proposed("""
        permit(principal is Lattice::MeshMember, action == Lattice::Action::"AccessExternalEndpoint", resource);
        """).toString(), example);
    assertThat(members.out()).isEqualTo("No access changes for the 2 services read.\n");
  }

  @Test
  @DisplayName("policy test lists gains as JSON for scripts")
  void gainsAsJson() throws Exception {
    Path dir = proposed("""
        permit(principal, action == Lattice::Action::"AccessSecret", resource);
        """);
    // The example's services without today's policies: every secret is denied now.
    Path services = Files.createDirectories(this.dir.resolve("services"));
    for (String name : new String[] {"payments.yaml", "orders.yaml", "frontend.yaml"}) {
      Files.copy(Path.of(EXAMPLE, name), services.resolve(name));
    }

    CliRun run = CliRun.of("policy", "test", "--policies", dir.resolve("proposed.yaml").toString(), "--format",
        "json", services.toString());

    JsonNode changes = new ObjectMapper().readTree(run.out()).path("changes");
    assertThat(changes.findValuesAsText("change")).containsExactly("gains", "gains");
    assertThat(changes.findValuesAsText("access"))
        .containsExactly("access secret vault:commerce/orders-db", "access secret vault:payments/stripe-key");
    assertThat(changes.get(0).path("why").asText()).isEqualTo("permitted by CedarPolicy proposed, statement 1 (line 1)");
  }

  @Test
  @DisplayName("a proposed policy with a syntax error is reported with its line; the comparison still runs")
  void brokenProposal() throws IOException {
    Path dir = proposed("""
        permit(principal, action == Lattice::Action::"AccessSecret", resource);
        forbid(principal action, resource);
        """);

    CliRun run = CliRun.of("policy", "test", "--policies", dir.toString(), EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning CedarPolicy proposed line 2: unexpected token `action`");
  }

  @Test
  @DisplayName("a missing --policies folder is an input error that stops before comparing")
  void missingPolicies() {
    String missing = dir.resolve("proposd").toString();

    CliRun run = CliRun.of("policy", "test", "--policies", missing, EXAMPLE);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error   --policies " + missing + ": no such file or directory, so there are no "
        + "proposed CedarPolicies to compare. Fix: give the file or folder that holds them, e.g. --policies "
        + "proposed/." + System.lineSeparator());
  }

  @Test
  @DisplayName("policy test with statements that crashed native Cedar (deep brackets, a long && chain): each is "
      + "skipped with its line and grants nothing, the JVM survives and the comparison runs")
  void hostileProposal() throws IOException {
    Path dir = proposed("permit(principal, action, resource) when { " + "(".repeat(10_000) + "true"
        + ")".repeat(10_000) + " };\npermit(principal, action, resource) when { true" + " && true".repeat(5_000)
        + " };\n");

    CliRun run = CliRun.of("policy", "test", "--policies", dir.toString(), EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning CedarPolicy proposed line 1: the statement nests brackets 10001 levels deep")
        .contains("warning CedarPolicy proposed line 2: the statement has 5000 operators, more than the 256");
    // The proposal replaces today's policies and its two statements grant nothing: both secrets are lost.
    assertThat(run.out()).endsWith("2 of 3 services change: 0 access(es) gained, 2 lost.\n");
  }
}
