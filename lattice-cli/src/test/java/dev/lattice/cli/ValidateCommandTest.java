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

/** {@code lattice validate} and {@code --strict}: the CI check, and its reports for CI systems. */
class ValidateCommandTest {
  @TempDir Path dir;

  private static int lineOf(Path file, String text) throws IOException {
    var lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  /** A valid service with one warning: an unknown field. */
  private Path withWarning() throws IOException {
    return Files.writeString(dir.resolve("api.yaml"), Specs.minimalWith("spec: {replicass: 2}"));
  }

  @Test
  @DisplayName("validate checks like derive and writes nothing; a warning alone passes")
  void warningPassesWithoutStrict() throws IOException {
    Path file = withWarning();

    CliRun run = CliRun.of("validate", file.toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("shop/api  Ready").contains("warning UnknownField  " + file + ":")
        .contains("1 service: 1 Ready, 0 Failed.");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  @DisplayName("under --strict a warning fails the run with exit status 1, for validate and for derive")
  void strictFailsOnWarning() throws IOException {
    Path file = withWarning();

    for (String command : new String[] {"validate", "derive"}) {
      CliRun run = CliRun.of(command, "--strict", file.toString());

      assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.SERVICE_FAILED);
      // derive also warns that v1alpha1 is deprecated; validate does not, so a deprecation never fails CI.
      assertThat(run.out()).contains(command.equals("validate")
          ? "1 service: 1 Ready, 0 Failed. Strict: 1 warning fails the run."
          : "1 service: 1 Ready, 0 Failed. Strict: 2 warnings fail the run.");
    }
    assertThat(CliRun.of("validate", "--strict", "../examples/commerce").exitCode()).isZero();
  }

  @Test
  @DisplayName("--report github prints one workflow annotation per problem, as an error under --strict")
  void githubAnnotations() throws IOException {
    Path file = withWarning();
    int line = lineOf(file, "replicass");

    CliRun plain = CliRun.of("validate", "--report", "github", file.toString());
    CliRun strict = CliRun.of("validate", "--strict", "--report", "github", file.toString());

    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out().lines()).hasSize(2);
    assertThat(plain.out().lines().findFirst().orElseThrow())
        .startsWith("::warning file=" + file + ",line=" + line + ",title=UnknownField (shop/api)::spec.replicass: ");
    assertThat(plain.out()).endsWith("1 service: 1 Ready, 0 Failed; 1 warning; 0 input errors."
        + System.lineSeparator());
    assertThat(strict.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(strict.out()).startsWith("::error file=" + file + ",line=" + line + ",title=UnknownField (shop/api)::")
        .contains("1 warning (strict: warnings fail the run); 0 input errors.");
  }

  @Test
  @DisplayName("--report github annotates errors and unreadable input too")
  void githubErrors() throws IOException {
    Path file = Files.writeString(dir.resolve("api.yaml"), Specs.minimalWith("spec: {replicas: -1}"));
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: [\n");

    CliRun run = CliRun.of("validate", "--report", "github", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).contains("::error file=" + file + ",line=" + lineOf(file, "replicas")
        + ",title=InvalidReplicas (shop/api)::spec.replicas: ");
    assertThat(run.out()).contains("::error file=" + broken + ",line=");
    assertThat(run.out()).contains(",title=input error::invalid YAML: ");
  }

  @Test
  @DisplayName("--report json under --strict says how many warnings fail the run")
  void strictJson() throws Exception {
    Path file = withWarning();

    CliRun run = CliRun.of("validate", "--strict", "--report", "json", file.toString());

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(report.path("strict").path("warnings").asInt()).isEqualTo(1);
    assertThat(report.path("services").get(0).path("diagnostics").get(0).path("reason").asText())
        .isEqualTo("UnknownField");
  }
}
