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

/** Output for large fleets: --summary, colour only on a terminal, no progress in redirected output. */
class FleetOutputTest {
  @TempDir Path dir;

  private void fleet() throws IOException {
    for (String name : new String[] {"a", "b", "c"}) {
      Files.writeString(dir.resolve(name + ".yaml"), Specs.minimalWith("metadata: {name: " + name + "}"));
    }
    Files.writeString(dir.resolve("d.yaml"), Specs.minimalWith("""
        metadata: {name: d}
        spec: {replicas: -1}
        """));
  }

  @Test
  @DisplayName("--summary lists only the failing services, then counts by phase and by reason")
  void summary() throws IOException {
    fleet();

    CliRun run = CliRun.of("derive", "--summary", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out()).startsWith("shop/d  Failed  nothing derived  (" + dir.resolve("d.yaml") + ")")
        .doesNotContain("shop/a").doesNotContain("shop/b")
        .contains("""

            By phase:  Ready 3, Failed 1
            By reason: DeprecatedApiVersion 4, InvalidReplicas 1
            4 services: 3 Ready, 1 Failed.
            """);
  }

  @Test
  @DisplayName("--summary --report json holds the counts and only the failing services")
  void summaryJson() throws Exception {
    fleet();

    JsonNode report = new ObjectMapper().readTree(CliRun.of("derive", "--summary", "--report", "json",
        dir.toString()).out());

    assertThat(report.path("summary").toString())
        .isEqualTo("{\"services\":4,\"phases\":{\"Ready\":3,\"Failed\":1},\"reasons\":{\"DeprecatedApiVersion\":4,\"InvalidReplicas\":1}}");
    assertThat(report.path("services").findValuesAsText("name")).containsExactly("d");
  }

  @Test
  @DisplayName("on a terminal the phase and severity are coloured; redirected or with NO_COLOR they are not")
  void colourOnlyOnATerminal() throws IOException {
    fleet();

    CliRun terminal = CliRun.of(new Terminal(true, true, false), "derive", dir.toString());
    CliRun noColor = CliRun.of(new Terminal(true, true, true), "derive", dir.toString());
    CliRun redirected = CliRun.of(Terminal.REDIRECTED, "derive", dir.toString());

    assertThat(terminal.out()).contains("shop/a  \033[32mReady \033[0m  ")
        .contains("shop/d  \033[31mFailed\033[0m  nothing derived")
        .contains("  \033[31merror  \033[0m InvalidReplicas  ");
    assertThat(noColor.out()).doesNotContain("\033[").isEqualTo(redirected.out());
    assertThat(redirected.out()).contains("shop/a  Ready   ").contains("  error   InvalidReplicas  ");
  }

  @Test
  @DisplayName("with -o the report goes to stderr, so stderr being a terminal decides its colour")
  void colourFollowsTheReportStream() throws IOException {
    fleet();

    CliRun stderrTerminal = CliRun.of(new Terminal(false, true, false), "derive", "-o", "json", dir.toString());
    CliRun stdoutTerminal = CliRun.of(new Terminal(true, false, false), "derive", "-o", "json", dir.toString());

    assertThat(stderrTerminal.err()).contains("\033[31mFailed\033[0m");
    assertThat(stderrTerminal.out()).doesNotContain("\033[");
    assertThat(stdoutTerminal.err()).doesNotContain("\033[");
  }

  @Test
  @DisplayName("a short run prints no progress line, on a terminal or not")
  void noProgressForShortRuns() throws IOException {
    fleet();

    assertThat(CliRun.of(new Terminal(true, true, false), "derive", dir.toString()).err()).isEmpty();
    assertThat(CliRun.of(Terminal.REDIRECTED, "derive", dir.toString()).err()).isEmpty();
  }
}
