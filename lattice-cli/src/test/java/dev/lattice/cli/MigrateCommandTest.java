package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lattice migrate}: what goes where, what is written, and the exit status. */
class MigrateCommandTest {
  private static final String ALPHA = """
      # The API, owned by the shop team.
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        workload:
          # Just one.
          containers:
            main: {image: "ghcr.io/acme/api:1.0.0", command: [/app/api]}
      """;
  private static final String BETA = """
      # The API, owned by the shop team.
      apiVersion: lattice.dev/v1beta1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        # Just one.
        containers:
          main: {image: "ghcr.io/acme/api:1.0.0", command: [/app/api]}
      """;
  private static final String RUNTIME_IMAGE = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: worker, namespace: shop}
      spec:
        workload:
          containers:
            main:
              image: "."
              command: [/app/worker]
      """;

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  @DisplayName("without --write: the converted files on stdout, their diff and the summary on stderr")
  void toStdout() throws IOException {
    Path api = file("api.yaml", ALPHA);

    CliRun run = CliRun.of("migrate", "--to", "v1beta1", api.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(BETA);
    assertThat(run.err()).isEqualTo("--- a/" + api + "\n+++ b/" + api + "\n" + """
        @@ -1,9 +1,8 @@
         # The API, owned by the shop team.
        -apiVersion: lattice.dev/v1alpha1
        +apiVersion: lattice.dev/v1beta1
         kind: LatticeService
         metadata: {name: api, namespace: shop}
         spec:
        -  workload:
        -    # Just one.
        -    containers:
        -      main: {image: "ghcr.io/acme/api:1.0.0", command: [/app/api]}
        +  # Just one.
        +  containers:
        +    main: {image: "ghcr.io/acme/api:1.0.0", command: [/app/api]}
        lattice migrate: 1 LatticeService converted to lattice.dev/v1beta1.
        """);
    assertThat(api).hasContent(ALPHA);
  }

  @Test
  @DisplayName("--write rewrites each file in place, prints the diff on stdout and leaves no temporary file")
  void writeInPlace() throws IOException {
    Path api = file("services/api.yaml", ALPHA);
    Path other = file("services/nested/namespace.yml", "# kept\napiVersion: v1\nkind: Namespace\n"
        + "metadata: {name: shop}\n");

    CliRun run = CliRun.of("migrate", "--to", "v1beta1", "--write", dir.resolve("services").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(api).hasContent(BETA);
    assertThat(other).hasContent("# kept\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    assertThat(run.out()).startsWith("--- a/" + api + "\n+++ b/" + api + "\n@@ -1,9 +1,8 @@\n");
    assertThat(run.err()).isEqualTo("lattice migrate: 1 LatticeService converted and written to "
        + "lattice.dev/v1beta1.\n");
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).containsExactlyInAnyOrder(api, other);
    }
  }

  @Test
  @DisplayName("--write through a symbolic link rewrites its target, keeping the link and the file's permissions")
  void writeKeepsLinksAndPermissions() throws IOException {
    Path api = file("real/api.yaml", ALPHA);
    Files.setPosixFilePermissions(api, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(dir.resolve("api.yaml"), api);

    CliRun run = CliRun.of("migrate", "--to", "v1beta1", "--write", link.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(api).hasContent(BETA);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(api)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  @DisplayName("a spec that needs a decision is listed word for word, exit 1, and its file is left untouched")
  void decisionRemains() throws IOException {
    Path worker = file("worker.yaml", RUNTIME_IMAGE + "---\n" + ALPHA);
    Path api = file("api.yaml", ALPHA);

    CliRun run = CliRun.of("migrate", "--to", "v1", "--write", worker.toString(), api.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(worker).hasContent(RUNTIME_IMAGE + "---\n" + ALPHA);
    assertThat(Files.readString(api)).startsWith("# The API, owned by the shop team.\napiVersion: lattice.dev/v1\n");
    assertThat(run.err()).startsWith(worker + ":8: spec.workload.containers.main.image: image '.' asks the runtime "
        + "to supply the image at deploy time, which lattice.dev/v1 does not allow, and no conversion can know "
        + "which image you deploy. Decide: choose the image to run and write it at "
        + "spec.workload.containers.main.image, e.g. image: ghcr.io/acme/app:1.4.2@sha256:<digest>, then convert "
        + "again. The file is left unchanged.\n");
    assertThat(run.err()).endsWith("lattice migrate: 1 LatticeService converted and written to lattice.dev/v1.\n");
  }

  @Test
  @DisplayName("an unreadable file exits 2 and is not written; the readable ones still are")
  void unreadableFile() throws IOException {
    String broken = ALPHA + "---\napiVersion: lattice.dev/v1alpha1\nkind: [LatticeService\n";
    Path bad = file("bad.yaml", broken);
    Path api = file("api.yaml", ALPHA);

    CliRun run = CliRun.of("migrate", "--to", "v1beta1", "--write", bad.toString(), api.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(bad).hasContent(broken);
    assertThat(api).hasContent(BETA);
    assertThat(run.err()).startsWith(bad + ":").contains(": invalid YAML: ").contains(" Nothing is written.\n");
  }

  @Test
  @DisplayName("an unknown version, a wrong --to and a missing path exit 2 with the served versions")
  void badInput() throws IOException {
    Path v2 = file("v2.yaml", "apiVersion: lattice.dev/v2\nkind: LatticeService\nmetadata: {name: a}\n");

    CliRun unknown = CliRun.of("migrate", "--to", "v1", v2.toString());
    CliRun alpha = CliRun.of("migrate", "--to", "v1alpha1", v2.toString());
    CliRun missing = CliRun.of("migrate", "--to", "v1", dir.resolve("nothing.yaml").toString());

    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(unknown.err()).startsWith(v2 + ":1: apiVersion lattice.dev/v2 is not served for LatticeService; "
        + "served versions: lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1. Nothing is written.\n");
    assertThat(alpha.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(alpha.err()).isEqualTo("lattice migrate: --to v1alpha1 is not a version to migrate to; use one of "
        + "v1beta1, v1.\n");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(missing.err()).startsWith(dir.resolve("nothing.yaml") + ": no such file or directory.\n");
  }

  @Test
  @DisplayName("the commerce example migrated in place to v1beta1 and to v1 derives byte-identical objects")
  void migratedExampleDerivesTheSame() throws IOException {
    Path example = dev.lattice.testkit.Specs.repoRoot().resolve("examples/commerce");
    String before = CliRun.of("derive", "-o", "yaml", example.toString()).out();
    for (String version : new String[] {"v1beta1", "v1"}) {
      Path copy = dir.resolve(version);
      Files.createDirectories(copy);
      try (Stream<Path> files = Files.list(example)) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }

      CliRun migrate = CliRun.of("migrate", "--to", version, "--write", copy.toString());
      CliRun derive = CliRun.of("derive", "-o", "yaml", copy.toString());

      assertThat(migrate.exitCode()).isZero();
      assertThat(derive.exitCode()).isZero();
      assertThat(derive.out()).as(version).isNotEmpty().isEqualTo(before);
    }
  }

  @Test
  @DisplayName("files already in the target version are printed as they are, exit 0")
  void alreadyConverted() throws IOException {
    Path api = file("api.yaml", BETA);

    CliRun run = CliRun.of("migrate", "--to", "lattice.dev/v1beta1", api.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(BETA);
    assertThat(run.err()).isEqualTo("lattice migrate: 0 LatticeServices converted to lattice.dev/v1beta1.\n");
  }
}
