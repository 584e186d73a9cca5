package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/mesh-member end to end through the CLI on a pinned date, against reviewed golden output. */
class MeshMemberExampleTest {
  private static final String EXAMPLE = "../examples/mesh-member";
  private static final Path GOLDEN = Specs.repoRoot().resolve("lattice-cli/src/test/golden/mesh-member");

  @Test
  @DisplayName("derive writes the member's three policies and the service's objects, matching the golden files")
  void writesGoldenManifests(@TempDir Path out) throws Exception {
    CliRun run = CliRun.of("derive", "--today", "2027-01-01", "--output-dir", out.toString(), EXAMPLE);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Golden.assertDirectoryMatches(GOLDEN.resolve("manifests"), out);
    List<JsonNode> member = documents(out.resolve("billing/legacy-ledger.yaml"));
    assertThat(member).extracting(d -> d.path("kind").asText())
        .containsExactly("CiliumNetworkPolicy", "AuthorizationPolicy", "PeerAuthentication");
    List<JsonNode> all = new ArrayList<>(member);
    all.addAll(documents(out.resolve("billing/invoices.yaml")));
    all.forEach(SchemaValidator::assertValid);
  }

  @Test
  @DisplayName("the report shows both Ready, and the member's Expiring warning once 30 days are left")
  void report() {
    CliRun run = CliRun.of("derive", "--today", "2027-01-01", EXAMPLE);
    assertThat(run.exitCode()).as(run.out()).isZero();
    Golden.assertMatches(GOLDEN.resolve("report.txt"), run.out());

    CliRun later = CliRun.of("derive", "--today", "2027-02-01", EXAMPLE);
    assertThat(later.out()).contains("warning EscapeHatchExpiring")
        .contains("spec.expires: LatticeMeshMember billing/legacy-ledger (owner team-billing) expires on 2027-02-15, "
            + "in 14 days.");
    CliRun stopped = CliRun.of("derive", "--today", "2027-03-02", EXAMPLE);
    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(stopped.out()).contains("error   EscapeHatchExpired");
  }

  @Test
  @DisplayName("lattice graph shows the member as a node, marked, with both edges agreed")
  void graph() {
    CliRun run = CliRun.of("graph", EXAMPLE);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        CALLER                               CALLEE                               STATE             TO COMPLETE
        billing/invoices                     billing/legacy-ledger (mesh member)  active
        billing/legacy-ledger (mesh member)  billing/invoices                     active

        2 edges: 2 active, 0 not carrying traffic.
        """);
    assertThat(CliRun.of("graph", "--format", "dot", EXAMPLE).out())
        .contains("\"billing/legacy-ledger\" [shape=component, style=dashed, label=\"billing/legacy-ledger\\n"
            + "(mesh member)\"];");
  }

  private static List<JsonNode> documents(Path file) throws Exception {
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(Files.readString(file))) {
      return it.readAll();
    }
  }
}
