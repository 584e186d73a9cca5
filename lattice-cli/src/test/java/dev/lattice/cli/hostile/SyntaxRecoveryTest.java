package dev.lattice.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A syntax error loses only its own document: the reader starts again at the next {@code ---}, the broken document
 * is reported with its line, and the lines of later documents' diagnostics are the file's, not the restarted
 * parser's.
 */
class SyntaxRecoveryTest {
  @TempDir Path root;

  private static String service(String name, String limits) {
    return "apiVersion: lattice.dev/v1alpha1\nkind: LatticeService\nmetadata: {name: " + name + ", namespace: shop}\n"
        + "spec:\n  workload:\n    containers:\n      main:\n"
        + "        image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479\n"
        + "        command: [\"/app/api\"]\n" + limits;
  }

  private static final String LIMITS = "        resources: {limits: {cpu: 500m, memory: 256Mi}}\n";

  @Test
  void theDocumentsAroundASyntaxErrorAreDerived() throws IOException {
    Path in = Files.createDirectory(root.resolve("in"));
    // Lines: 1-10 first, 11 ---, 12-15 broken (error on 15), 16 ---, 17-26 third, 27 ---, 28-36 fourth (no limits, line 34).
    String text = service("first", LIMITS) + "---\n"
        + "apiVersion: lattice.dev/v1alpha1\nkind: LatticeService\nmetadata: {name: broken, namespace: shop}\n"
        + "spec: {workload: {containers: [}\n"
        + "---\n" + service("third", LIMITS) + "---\n" + service("fourth", "");
    Files.writeString(in.resolve("fleet.yaml"), text);

    Hostile run = Hostile.derive(root, in);

    Path out = root.resolve("out/shop");
    assertThat(out.resolve("first.yaml")).exists();
    assertThat(out.resolve("third.yaml")).exists();
    assertThat(out.resolve("broken.yaml")).doesNotExist();
    assertThat(run.report).contains("fleet.yaml:15: invalid YAML: while parsing a flow node: expected the node content, but found '}'.")
        .contains(" The documents from line 16 on are still read.")
        .containsPattern("MissingResourceLimits +\\S*fleet.yaml:34\\b");
    assertThat(run.exitCode).as("a failed service and an input error").isNotZero();
  }

  @Test
  void aDuplicateKeyLosesOnlyItsDocument() throws IOException {
    Path in = Files.createDirectory(root.resolve("in"));
    String text = service("first", LIMITS).replace("kind: LatticeService\n", "kind: LatticeService\nkind: Pod\n")
        + "---\n" + service("second", LIMITS);
    Files.writeString(in.resolve("dup.yaml"), text);

    Hostile run = Hostile.derive(root, in);

    assertThat(root.resolve("out/shop/second.yaml")).exists();
    assertThat(run.report).contains("dup.yaml:3: kind: the key 'kind' appears twice in the same mapping. Fix: keep "
        + "one of them. The documents from line 12 on are still read.");
  }

  @Test
  void aBrokenLastDocumentSaysNothingMoreIsRead() throws IOException {
    Path in = Files.createDirectory(root.resolve("in"));
    Files.writeString(in.resolve("tail.yaml"), service("first", LIMITS) + "---\nkind: [\n");

    Hostile run = Hostile.derive(root, in);

    assertThat(root.resolve("out/shop/first.yaml")).exists();
    assertThat(run.report).contains("tail.yaml:12: invalid YAML: while parsing a flow node: expected the node content, but found '<stream end>'").doesNotContain("still read");
  }
}
