package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled example, end to end through the CLI, against reviewed golden output. The paths are given relative
 * to this module so the reports in the golden files are the same on every clone.
 */
class CommerceExampleTest {
  private static final String EXAMPLE = "../examples/commerce";
  private static final Path GOLDEN = Specs.repoRoot().resolve("lattice-cli/src/test/golden/commerce");

  @Test
  @DisplayName("derive --output-dir writes <namespace>/<name>.yaml for every service, matching the golden files")
  void writesGoldenManifests(@TempDir Path out) {
    CliRun run = CliRun.of("derive", "--output-dir", out.toString(), EXAMPLE);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(out.resolve("commerce")).isDirectoryContaining(p -> p.getFileName().toString().equals("payments.yaml"));
    Golden.assertDirectoryMatches(GOLDEN.resolve("manifests"), out);
  }

  @Test
  @DisplayName("the text report gives one line per service with its phase, and notes skipped documents")
  void textReport() {
    CliRun run = CliRun.of("derive", EXAMPLE);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("commerce/payments  Ready")
        .contains("skipped ../examples/commerce/namespace.yaml:2  v1 Namespace commerce: not a Lattice kind")
        .contains("3 services: 3 Ready, 0 Failed; 3 Cedar statements enforced; 1 other document skipped.");
    Golden.assertMatches(GOLDEN.resolve("report.txt"), run.out());
  }

  @Test
  @DisplayName("the JSON report follows the documented contract: services with phase, conditions and resources")
  void jsonReport() throws Exception {
    CliRun run = CliRun.of("derive", "--report", "json", EXAMPLE);

    assertThat(run.exitCode()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.path("errors").size()).isZero();
    JsonNode payments = report.path("services").get(2);
    assertThat(payments.path("namespace").asText()).isEqualTo("commerce");
    assertThat(payments.path("name").asText()).isEqualTo("payments");
    assertThat(payments.path("phase").asText()).isEqualTo("Ready");
    assertThat(payments.path("conditions").get(0).fieldNames()).toIterable()
        .containsExactly("type", "status", "reason", "message");
    assertThat(payments.path("resources").get(0).fieldNames()).toIterable()
        .containsExactly("apiVersion", "kind", "namespace", "name");
    assertThat(payments.path("resources").findValuesAsText("kind"))
        .contains("ServiceAccount", "Deployment", "Service", "ExternalSecret", "PodDisruptionBudget",
            "VMServiceScrape");
    Golden.assertMatches(GOLDEN.resolve("report.json"), run.out());
  }

  @Test
  @DisplayName("the example's files are what a new user runs first: they must stay free of warnings (but the "
      + "deprecation of v1alpha1, which they are written in until lattice migrate moves them)")
  void exampleHasNoWarnings() {
    CliRun run = CliRun.of("derive", EXAMPLE);

    assertThat(run.out().lines().filter(l -> l.contains("warning")))
        .allSatisfy(l -> assertThat(l).contains("warning DeprecatedApiVersion"));
    assertThat(Files.exists(Specs.repoRoot().resolve("examples/commerce/payments.yaml"))).isTrue();
  }
}
