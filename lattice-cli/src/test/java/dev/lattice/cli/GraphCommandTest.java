package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  @TempDir Path dir;

  private Path fleet() throws IOException {
    Files.writeString(dir.resolve("web.yaml"), Specs.minimalWith("""
        metadata: {name: web}
        spec: {workload: {resources: {api: {type: service}, ledger: {type: service, namespace: finance}}}}
        """));
    Files.writeString(dir.resolve("api.yaml"), Specs.minimalWith("""
        metadata: {name: api}
        spec: {workload: {resources: {admin: {type: service, direction: inbound}}}}
        """));
    Files.writeString(dir.resolve("admin.yaml"), Specs.minimalWith("""
        metadata: {name: admin}
        spec: {workload: {resources: {api: {type: service}}}}
        """));
    return dir;
  }

  @Test
  @DisplayName("the text format lists every edge with its state and what would complete it")
  void text() throws IOException {
    CliRun run = CliRun.of("graph", fleet().toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        CALLER      CALLEE          STATE             TO COMPLETE
        shop/admin  shop/api        active
        shop/web    finance/ledger  unknown target    no such service; check id/namespace of shop/web's ledger entry
        shop/web    shop/api        pending on callee shop/api adds web: {type: service, direction: inbound}

        3 edges: 1 active, 2 not carrying traffic.
        """);
  }

  @Test
  @DisplayName("the JSON format gives every edge with state and the resources that declare it")
  void json() throws Exception {
    CliRun run = CliRun.of("graph", "--format", "json", fleet().toString());

    JsonNode edges = new ObjectMapper().readTree(run.out()).path("edges");
    assertThat(edges.findValuesAsText("state")).containsExactly("active", "unknown-target", "pending-callee");
    assertThat(edges.get(0).path("callerResource").asText()).isEqualTo("api");
    assertThat(edges.get(0).path("calleeResource").asText()).isEqualTo("admin");
  }

  @Test
  @DisplayName("the dot format draws agreed edges solid and one-sided ones dashed or dotted")
  void dot() throws IOException {
    CliRun run = CliRun.of("graph", "--format", "dot", fleet().toString());

    assertThat(run.out()).startsWith("digraph lattice {")
        .contains("\"shop/admin\" -> \"shop/api\" [label=\"active\", color=\"#2e7d32\", style=solid];")
        .contains("\"shop/web\" -> \"shop/api\" [label=\"pending on callee\", color=\"#ef6c00\", style=dashed];");
  }

  @Test
  @DisplayName("the commerce example's graph matches its golden file")
  void commerce() {
    CliRun run = CliRun.of("graph", "../examples/commerce");

    assertThat(run.exitCode()).isZero();
    Golden.assertMatches(Specs.repoRoot().resolve("lattice-cli/src/test/golden/commerce/graph.txt"), run.out());
  }
}
