package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.versions.ApiVersion;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How files become documents: empty documents, YAML anchors and merge keys, JSON, overlapping paths, kinds. */
class ManifestReadingTest {
  @TempDir Path dir;

  private static final String HEAD = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        workload:
          containers:
            main:
              image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
              command: ["/app/api"]
      """;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  @DisplayName("empty documents (a trailing ---, a file of only ---, a file of comments) are skipped, as kubectl does")
  void emptyDocuments() throws IOException {
    write("api.yaml", Specs.MINIMAL + "---\n");
    write("only-separator.yaml", "---\n");
    write("comments.yaml", "# nothing here yet\n---\n# nor here\n");

    CliRun run = CliRun.of("derive", dir.toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("1 service: 1 Ready, 0 Failed.").doesNotContain("error");
  }

  @Test
  @DisplayName("anchors, aliases and merge keys are resolved where text, mappings and lists are expected")
  void anchorsAndMergeKeys() throws IOException {
    Path file = write("api.yaml", HEAD + """
              variables:
                PV: &pv "persistent value"
                COPY: *pv
              args: &args ["--port", "8080"]
              resources:
                limits: &shared {cpu: 500m, memory: 256Mi}
                requests:
                  <<: *shared
                  cpu: 100m
        sidecars:
          shipper:
            image: &img ghcr.io/acme/shipper:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
            command: ["/bin/ship"]
            args: *args
            resources: {limits: *shared}
      """);

    CliRun run = CliRun.of("derive", "-o", "yaml", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("COPY: persistent value").contains("PV: persistent value")
        .contains("image: ghcr.io/acme/shipper:1.0.0@sha256:").doesNotContain("image: img")
        .contains("requests:\n              cpu: 100m\n              memory: 256Mi");
    assertThat(run.err()).doesNotContain("UnknownField");
  }

  @Test
  @DisplayName("a problem inside an aliased or merged mapping is reported at the alias, or at the mapping that "
      + "merges it")
  void linesThroughAliases() throws IOException {
    String text = HEAD + """
              resources:
                requests: &bad {cpu: lots, memory: 64Mi}
                limits:
                  <<: *bad
                  memory: 128Mi
        sidecars:
          shipper:
            image: ghcr.io/acme/shipper:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
            command: ["/bin/ship"]
            resources:
              limits: *bad
      """;
    Path file = write("api.yaml", text);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out())
        .contains("error   InvalidCpuQuantity  " + file + ":" + lineOf(text, "          requests: &bad"))
        .contains("error   InvalidCpuQuantity  " + file + ":" + lineOf(text, "          limits:"))
        .contains("error   InvalidCpuQuantity  " + file + ":" + lineOf(text, "        limits: *bad"))
        .contains("spec.sidecars.shipper.resources.limits.cpu: 'lots' is not a CPU quantity.");
  }

  @Test
  @DisplayName("an alias bomb is refused as an input error with file and line, before anything walks it")
  void aliasBomb() throws IOException {
    StringBuilder bomb = new StringBuilder(Specs.MINIMAL).append("  bomb:\n    l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append("    l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      bomb.append("]\n");
    }
    Path file = write("bomb.yaml", bomb.toString());

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).contains("error   " + file + ":" + lineOf(bomb.toString(), "    l5:")
        + ": aliases expand this "
        + "document to more than 100000 values, which no LatticeService needs (an alias bomb?); it is not read. "
        + "Fix: write the shared values out, or alias them without nesting aliases of aliases.");
  }

  @Test
  @DisplayName("an alias without its anchor is an input error naming it")
  void unknownAlias() throws IOException {
    String text = Specs.MINIMAL + "  replicas: *two\n";
    Path file = write("api.yaml", text);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).contains("error   " + file + ":" + lineOf(text, "  replicas") + ": the alias *two refers "
        + "to no anchor &two before it in this document.");
  }

  @Test
  @DisplayName("a lone UTF-16 surrogate in a quoted value is rejected with its field path and line")
  void loneSurrogate() throws IOException {
    Path file = write("api.yaml", HEAD + """
              variables:
                GREETING: "a\\uD800b"
              resources: {limits: {cpu: 500m, memory: 256Mi}}
      """);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out()).contains("error   InvalidUnicode  " + file + ":11")
        .contains("spec.workload.containers.main.variables.GREETING: 'a\\uD800b' holds \\uD800, half of a UTF-16 "
            + "surrogate pair without its other half; no Kubernetes object can carry it (written out, the text "
            + "would be corrupted).")
        .contains("Fix: write the character itself (the file is UTF-8), or escape both halves of its pair, e.g. "
            + "\"\\uD83D\\uDE00\" for U+1F600.");
  }

  @Test
  @DisplayName("a lone surrogate in another kind of document is an input error (exit 2) with its field path")
  void loneSurrogateElsewhere() throws IOException {
    Path file = write("ns.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: \"x\\uDC00\"}\n");

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out()).contains("error   " + file + ":5: metadata.labels.team: 'x\\uDC00' holds \\uDC00, half "
        + "of a UTF-16 surrogate pair without its other half;");
  }

  @Test
  @DisplayName("overlapping paths read each file once: no service is a duplicate of itself")
  void overlappingPaths() throws IOException {
    Path file = write("shop/api.yaml", Specs.MINIMAL);

    CliRun run = CliRun.of("derive", dir.toString(), file.toString(), dir.resolve("shop/../shop/api.yaml").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("1 service: 1 Ready, 0 Failed.").doesNotContain("also defined");
  }

  @Test
  @DisplayName("JSON files in a directory are read alongside YAML files")
  void jsonInDirectories() throws IOException {
    write("a/api.yaml", Specs.MINIMAL);
    write("a/web.json", """
        {"apiVersion": "lattice.dev/v1alpha1", "kind": "LatticeService",
         "metadata": {"name": "web", "namespace": "shop"},
         "spec": {"workload": {"containers": {"main": {
           "image": "ghcr.io/acme/web:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479",
           "command": ["/app/web"], "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}}}}}
        """);

    CliRun run = CliRun.of("derive", dir.resolve("a").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("shop/web  Ready").contains("2 services: 2 Ready, 0 Failed.");
  }

  @Test
  @DisplayName("a LatticeService without metadata.namespace warns, naming the file, that it became 'default'")
  void namespaceDefaulted() throws IOException {
    Path file = write("api.yaml", Specs.MINIMAL.replace("metadata: {name: api, namespace: shop}",
        "metadata: {name: api}"));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("default/api  Ready")
        .contains("warning NamespaceDefaulted  " + file + ":3")
        .contains("metadata.namespace: the LatticeService has no namespace, so it is derived into 'default' "
            + "(kubectl apply would use the namespace of your current context instead).")
        .contains("Fix: set metadata.namespace to your team's namespace, e.g. namespace: shop.");
  }

  @Test
  @DisplayName("lattice derive warns once per v1alpha1 service that the version is deprecated, with the migrate "
      + "command; lattice validate does not")
  void deprecatedVersion() throws IOException {
    Path file = write("api.yaml", Specs.MINIMAL);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("shop/api  Ready")
        .contains("warning DeprecatedApiVersion  " + file + ":1\n"
            + "          apiVersion: shop/api in " + file + " is written in lattice.dev/v1alpha1, which is deprecated "
            + "and may break in a later release; the cluster stores it as lattice.dev/v1.\n"
            + "          Fix: run lattice migrate --to v1 " + file + ", review the diff and apply the migrated file.");
    assertThat(run.out().split("DeprecatedApiVersion", -1)).hasSize(2);
    assertThat(CliRun.of("validate", "--strict", file.toString()).out()).doesNotContain("DeprecatedApiVersion");
  }

  @Test
  @DisplayName("the deprecation warning points at the line of apiVersion in each document, wherever it is written "
      + "(the line comes from the first reading, not from parsing the file again)")
  void deprecationLineIsTheApiVersionLine() throws IOException {
    String moved = Specs.MINIMAL.replace("apiVersion: lattice.dev/v1alpha1\nkind: LatticeService\n",
        "kind: LatticeService\n# the version comes second here\napiVersion: lattice.dev/v1alpha1\n");
    String second = moved.replace("name: api,", "name: web,");
    String text = moved + "---\n" + second;
    Path file = write("two.yaml", text);

    CliRun run = CliRun.of("derive", file.toString());

    int firstLine = lineOf(text, "apiVersion: lattice.dev/v1alpha1");
    int secondLine = lineOf(text.substring(text.indexOf("---")), "apiVersion: lattice.dev/v1alpha1")
        + lineOf(text, "---") - 1;
    assertThat(firstLine).isEqualTo(3);
    assertThat(run.out()).contains("warning DeprecatedApiVersion  " + file + ":" + firstLine + "\n"
            + "          apiVersion: shop/api in ")
        .contains("warning DeprecatedApiVersion  " + file + ":" + secondLine + "\n"
            + "          apiVersion: shop/web in ");
  }

  @Test
  @DisplayName("the same service in v1beta1 and in v1 derives with no warning and the same objects")
  void everyServedVersionDerives() throws IOException {
    Path alpha = write("alpha/api.yaml", Specs.MINIMAL);
    Path beta = write("beta/api.yaml", Specs.converted(Specs.MINIMAL, ApiVersion.V1BETA1));
    Path v1 = write("v1/api.yaml", Specs.converted(Specs.MINIMAL, ApiVersion.V1));

    CliRun fromAlpha = CliRun.of("derive", "-o", "yaml", alpha.toString());
    CliRun fromBeta = CliRun.of("derive", "-o", "yaml", beta.toString());
    CliRun fromV1 = CliRun.of("derive", "-o", "yaml", v1.toString());

    assertThat(fromBeta.exitCode()).as(fromBeta.err()).isZero();
    assertThat(fromV1.exitCode()).as(fromV1.err()).isZero();
    assertThat(fromBeta.out()).isEqualTo(fromAlpha.out());
    assertThat(fromV1.out()).isEqualTo(fromAlpha.out());
    assertThat(fromV1.err()).doesNotContain("warning");
  }

  @Test
  @DisplayName("a v1 document using the v1alpha1 field spec.workload gets \"did you mean\" for the v1 field")
  void v1alpha1FieldInV1() throws IOException {
    Path file = write("api.yaml", Specs.MINIMAL.replace("lattice.dev/v1alpha1", "lattice.dev/v1"));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out()).contains("warning UnknownField  " + file + ":5\n"
        + "          spec.workload: 'workload' is the lattice.dev/v1alpha1 field; lattice.dev/v1 has no spec.workload, "
        + "so it is ignored. Did you mean 'containers'?\n"
        + "          Fix: move spec.workload.containers to spec.containers and spec.workload.service.ports to "
        + "spec.ports, and split spec.workload.resources into spec.dependencies, spec.secrets and spec.volumes "
        + "(lattice migrate --to v1 FILE does it for you).")
        .contains("error   MissingWorkload")
        .contains("spec.containers: the spec has no workload, so there is nothing to run. Did you mean "
            + "'containers' for the unknown field 'workload' at spec.workload (line 5)? It was ignored.");
  }

  @Test
  @DisplayName("a v1 dependency with the v1beta1 field direction is told where v1 says the direction")
  void directionInV1() throws IOException {
    String v1 = Specs.converted(Specs.minimalWith("spec: {workload: {resources: {cart: {direction: inbound}}}}"),
        ApiVersion.V1).replace("inbound:\n      cart: {}", "outbound:\n      cart:\n        direction: \"both\"");
    Path file = write("api.yaml", v1);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out()).as(v1).contains("spec.dependencies.outbound.cart.direction: 'direction' is the "
        + "lattice.dev/v1beta1 field; in lattice.dev/v1 the map an entry is in says its direction, so it is ignored.")
        .contains("Fix: remove direction; for both directions, write 'cart' under both spec.dependencies.outbound "
            + "and spec.dependencies.inbound.");
  }

  @Test
  @DisplayName("a misspelt kind is an input error with \"did you mean\" (exit 2), never skipped as not handled")
  void misspeltKind() throws IOException {
    Path typo = write("typo.yaml", Specs.MINIMAL.replace("kind: LatticeService", "kind: LaticeService"));
    Path unserved = write("unserved.yaml", Specs.MINIMAL.replace("kind: LatticeService", "kind: LatticeWidget"));
    Path otherGroup = write("other.yaml", Specs.MINIMAL.replace("apiVersion: lattice.dev/v1alpha1",
        "apiVersion: v1").replace("kind: LatticeService", "kind: LatticeServce"));

    CliRun run = CliRun.of("derive", typo.toString(), unserved.toString(), otherGroup.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.out())
        .contains("error   " + typo + ":2: kind LaticeService is not served by the lattice.dev group (this release "
            + "serves LatticeService, CedarPolicy, SecretProvider, ImageProvider, LatticeMeshMember, LatticePackage and "
            + "LatticeQuota); "
            + "did you mean LatticeService? Fix: write kind: LatticeService (apiVersion: lattice.dev/v1).")
        .contains("error   " + unserved + ":2: kind LatticeWidget is not served by the lattice.dev group (this "
            + "release serves LatticeService, CedarPolicy, SecretProvider, ImageProvider, LatticeMeshMember, "
            + "LatticePackage and LatticeQuota). Fix: use kind LatticeService, CedarPolicy, SecretProvider, ImageProvider, "
            + "LatticeMeshMember, LatticePackage or LatticeQuota with apiVersion: lattice.dev/v1 (CedarPolicy: lattice.dev/v1alpha1), "
            + "or remove the document.")
        .contains("error   " + otherGroup + ":2: kind LatticeServce (v1) is not a kind this release serves; did you "
            + "mean LatticeService?")
        .doesNotContain("not handled");
  }

  @Test
  @DisplayName("-o yaml and -o json with no derived service: the report on stderr, an empty stream, exit 1")
  void nothingDerived() throws IOException {
    Path file = write("api.yaml", Specs.minimalWith("spec: {replicas: -1}"));

    CliRun yaml = CliRun.of("derive", "-o", "yaml", file.toString());
    CliRun json = CliRun.of("derive", "-o", "json", file.toString());

    assertThat(yaml.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(yaml.out()).isEmpty();
    assertThat(yaml.err()).contains("shop/api  Failed  nothing derived").contains("1 service: 0 Ready, 1 Failed.")
        .doesNotContain("internal error");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(json.out())
        .isEqualToIgnoringWhitespace("{\"apiVersion\" : \"v1\", \"kind\" : \"List\", \"items\" : [ ]}");
    assertThat(json.err()).contains("1 service: 0 Ready, 1 Failed.");
  }

  private static int lineOf(String text, String fragment) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(fragment)) {
        return i + 1;
      }
    }
    throw new AssertionError(fragment);
  }
}
