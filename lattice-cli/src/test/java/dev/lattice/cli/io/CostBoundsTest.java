package dev.lattice.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost bounded in the size of the input (issue 18): locating every diagnostic of a spec k times larger takes at
 * most about k times the steps, counted by {@link SourceLocator#operations()} rather than timed. Before, each
 * message compared its path with every key of the mapping, so 10,000 unknown fields took 17 s.
 */
class CostBoundsTest {
  @TempDir Path dir;

  /** A spec with {@code n} unknown fields in one container, each reported as UnknownField and located. */
  private long locateAll(int n) {
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < n; i++) {
      fields.append("        unknown.field-").append(i).append(": x\n");
    }
    try {
      Path file = Files.writeString(Files.createTempFile(dir, "spec", ".yaml"),
          Specs.MINIMAL.replace("        command:", fields + "        command:"));
      ReadResult read = new ManifestReader().read(List.of(file));
      SourcedService service = read.services().get(0);
      List<Diagnostic> unknown = service.input().intakeDiagnostics();
      assertThat(unknown).hasSize(n);
      for (Diagnostic d : unknown) {
        service.locator().lineOf(d.fieldPath());
      }
      return service.locator().operations();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("locating the diagnostics of a spec k times larger costs at most ~k times more steps")
  void linearInTheSpec() {
    qt().withExamples(15).forAll(integers().between(20, 300), integers().between(2, 10)).check((n, k) -> {
      long small = locateAll(n);
      long large = locateAll(n * k);
      return large <= 1.25 * k * small;
    });
  }

  @Test
  @DisplayName("a key containing dots is still found whole, and its line is the key's line")
  void dottedKeys() throws IOException {
    Path file = Files.writeString(dir.resolve("api.yaml"), Specs.MINIMAL.replace("        command:",
        "        files:\n          /etc/app.d/x.conf: {content: a, mode: wrong}\n        command:"));
    SourcedService service = new ManifestReader().read(List.of(file)).services().get(0);
    assertThat(service.locator().lineOf("spec.workload.containers.main.files./etc/app.d/x.conf.mode")).isEqualTo(10);
    assertThat(service.locator().lineOf("spec.workload.containers.main.files./etc/missing.conf")).isEqualTo(9);
  }

  @Test
  @DisplayName("array elements and keys with ~ and / are found at their own lines")
  void elementsAndEscapedKeys() throws IOException {
    String text = Specs.MINIMAL.replace("        command: [\"/app/api\"]",
        "        files:\n          /etc/a~b/c.conf:\n            mode: wrong\n        command:\n          - /app/api\n"
            + "          - --verbose");
    Path file = Files.writeString(dir.resolve("api.yaml"), text);
    SourcedService service = new ManifestReader().read(List.of(file)).services().get(0);
    List<String> lines = text.lines().toList();
    assertThat(service.locator().lineOf("spec.workload.containers.main.command[1]"))
        .isEqualTo(lines.indexOf("          - --verbose") + 1);
    assertThat(service.locator().lineOf("spec.workload.containers.main.command[7]"))
        .isEqualTo(lines.indexOf("        command:") + 1);
    assertThat(service.locator().lineOf("spec.workload.containers.main.files./etc/a~b/c.conf.mode"))
        .isEqualTo(lines.indexOf("            mode: wrong") + 1);
  }
}
