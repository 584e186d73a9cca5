package dev.lattice.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read locator lets go of its document's tree once the document is digested (the tree of every service held to
 * the end of a run made the heap grow with the fleet); a line asked for afterwards comes from the text it kept, and
 * must be the line it would have given with the tree.
 */
class LocatorAfterDigestTest {
  @TempDir Path dir;

  private static List<Integer> lines(SourcedService service) {
    return service.input().intakeDiagnostics().stream().map(Diagnostic::fieldPath)
        .map(path -> service.locator().lineOf(path)).toList();
  }

  @Test
  @DisplayName("lines below the top level are the same asked before or after the digest, after a broken document too")
  void sameLinesAfterDigest() throws IOException {
    String spec = Specs.MINIMAL.replace("        command:",
        "        unknown.one: x\n        unknown-two: y\n        command:");
    // A broken document first: the service is read from the text after it (a part of the file, not its start).
    Path file = Files.writeString(dir.resolve("svc.yaml"), "a: [unclosed\n---\n" + spec);

    SourcedService before = new ManifestReader().read(List.of(file)).services().get(0);
    List<Integer> expected = lines(before);
    String digest = before.locator().inputDigest();

    SourcedService after = new ManifestReader().read(List.of(file)).services().get(0);
    assertThat(after.locator().inputDigest()).isEqualTo(digest);
    assertThat(expected).hasSize(2).allMatch(line -> line > 3);
    assertThat(lines(after)).isEqualTo(expected);
    assertThat(after.locator().inputDigest()).isEqualTo(digest);
  }
}
