package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.cli.generate.FleetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateFleetTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a generated fleet derives: every service Ready, one-sided declarations reported, nothing failed")
  void generatedFleetDerives() {
    Path fleet = dir.resolve("fleet");
    CliRun generated = CliRun.of("generate-fleet", "--services", "200", "--out", fleet.toString());
    assertThat(generated.exitCode()).isZero();
    assertThat(generated.err()).contains("Wrote 202 files (200 services)");

    CliRun derived = CliRun.of("derive", "--output-dir", dir.resolve("out").toString(), fleet.toString());
    assertThat(derived.exitCode()).as(derived.err()).isZero();
    assertThat(derived.out()).contains("200 services: 200 Ready, 0 Failed").contains("ConsentPending");
  }

  @Test
  @DisplayName("the same seed writes the same bytes; another seed another fleet")
  void seeded() throws IOException {
    CliRun.of("generate-fleet", "--services", "60", "--out", dir.resolve("a").toString());
    CliRun.of("generate-fleet", "--services", "60", "--out", dir.resolve("b").toString());
    CliRun.of("generate-fleet", "--services", "60", "--seed", "7", "--out", dir.resolve("c").toString());
    assertThat(contents(dir.resolve("a"))).isEqualTo(contents(dir.resolve("b")))
        .isNotEqualTo(contents(dir.resolve("c")));
  }

  @Test
  @DisplayName("a large fleet's grants are split into CedarPolicies the API server can store, none lost")
  void policiesSplit() {
    List<ObjectNode> policies = FleetGenerator.generate(8_000, 42).stream()
        .filter(d -> d.file().equals("platform/policies.yaml"))
        .map(FleetGenerator.Document::body)
        .toList();
    assertThat(policies).hasSizeGreaterThan(1);
    assertThat(policies).extracting(p -> p.path("metadata").path("name").asText())
        .startsWith("fleet-secrets", "fleet-secrets-2");
    long statements = 0;
    for (ObjectNode policy : policies) {
      String text = policy.path("spec").path("policies").asText();
      assertThat(text.length()).isLessThanOrEqualTo(512 * 1024);
      statements += text.lines().filter(l -> l.startsWith("permit(")).count();
    }
    // One permit per secret of an even-namespace service plus one conditional permit per odd namespace.
    assertThat(statements).isGreaterThan(3_000);
  }

  private static String contents(Path root) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.append(root.relativize(file)).append('\n').append(Files.readString(file));
      }
    }
    return out.toString();
  }
}
