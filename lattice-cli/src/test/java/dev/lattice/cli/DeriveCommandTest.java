package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract scripts and CI rely on: exit statuses, where output goes, and what messages say. */
class DeriveCommandTest {
  @TempDir Path dir;

  /** The 1-based line of the first line of {@code file} containing {@code text}. */
  private static int lineOf(Path file, String text) throws IOException {
    var lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Nested
  @DisplayName("when a service fails validation")
  class WhenAServiceFails {
    @Test
    @DisplayName("exit status is 1 and the report names reason, file:line, field path, problem and fix")
    void reportsEveryProblem() throws IOException {
      Path file = write("api.yaml", Specs.minimalWith("""
          spec:
            workload:
              containers:
                main:
                  image: ghcr.io/acme/api:1.0.0
                  command: ["app"]
                  resources: {limits: {cpu: lots}}
          """));

      CliRun run = CliRun.of("derive", file.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
      assertThat(run.out())
          .contains("shop/api  Failed  nothing derived")
          .contains("error   CommandNotAbsolute  " + file + ":")
          .contains("spec.workload.containers.main.command[0]: 'app' is not an absolute path")
          .contains("Fix: write the binary's absolute path")
          .contains("error   InvalidCpuQuantity")
          .contains("spec.workload.containers.main.resources.limits.cpu: 'lots' is not a CPU quantity.")
          .contains("1 service: 0 Ready, 1 Failed.");
    }

    @Test
    @DisplayName("a failed service gets no manifest file, and a stale one from an earlier run is removed")
    void removesStaleOutput() throws IOException {
      Path out = dir.resolve("out");
      Path file = write("api.yaml", Specs.MINIMAL);
      assertThat(CliRun.of("derive", "--output-dir", out.toString(), file.toString()).exitCode()).isZero();
      assertThat(out.resolve("shop/api.yaml")).exists();

      write("api.yaml", Specs.minimalWith("spec: {replicas: -1}"));
      CliRun run = CliRun.of("derive", "--output-dir", out.toString(), file.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
      assertThat(out.resolve("shop/api.yaml")).doesNotExist();
    }

    @Test
    @DisplayName("the JSON report carries the failing conditions with reason codes")
    void jsonReportOfFailure() throws Exception {
      Path file = write("api.yaml", Specs.minimalWith("spec: {replicas: 5, autoscaling: {max: 3}}"));

      CliRun run = CliRun.of("derive", "--report", "json", file.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
      JsonNode service = new ObjectMapper().readTree(run.out()).path("services").get(0);
      assertThat(service.path("phase").asText()).isEqualTo("Failed");
      assertThat(service.path("resources").size()).isZero();
      JsonNode validated = service.path("conditions").get(0);
      assertThat(validated.path("type").asText()).isEqualTo("Validated");
      assertThat(validated.path("status").asText()).isEqualTo("False");
      assertThat(validated.path("reason").asText()).isEqualTo("ReplicasExceedMax");
      assertThat(validated.path("message").asText())
          .contains("spec.replicas: replicas (5) is more than spec.autoscaling.max (3).");
      // First the deprecation warning (v1alpha1), at the apiVersion line; then the error at its field.
      assertThat(service.path("diagnostics").get(0).path("reason").asText()).isEqualTo("DeprecatedApiVersion");
      assertThat(service.path("diagnostics").get(1).path("line").asInt()).isEqualTo(lineOf(file, "replicas: 5"));
    }
  }

  @Nested
  @DisplayName("when input cannot be read")
  class WhenInputIsBad {
    @Test
    @DisplayName("bad YAML exits 2 with file and line, never a stack trace, and other files are still derived")
    void badYaml() throws IOException {
      write("good.yaml", Specs.MINIMAL);
      Path bad = write("bad.yaml", "apiVersion: lattice.dev/v1alpha1\nkind: LatticeService\nmetadata: {name: x\n");

      CliRun run = CliRun.of("derive", dir.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.out()).contains("error   " + bad + ":").contains("invalid YAML");
      assertThat(run.out()).contains("shop/api  Ready");
      assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a value of the wrong type names the file, the line and the field")
    void wrongType() throws IOException {
      Path file = write("api.yaml", Specs.minimalWith("spec: {replicas: three}"));

      CliRun run = CliRun.of("derive", file.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.out()).contains(file + ":" + lineOf(file, "replicas: ") + ": spec.replicas: expected a whole "
          + "number but found the text \"three\". Fix: write a whole number here");
    }

    @Test
    @DisplayName("an apiVersion this release does not serve is an input error that names the served one")
    void unknownVersion() throws IOException {
      Path file = write("api.yaml", Specs.MINIMAL.replace("lattice.dev/v1alpha1", "lattice.dev/v2"));

      CliRun run = CliRun.of("derive", file.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.out()).contains(file + ":1: apiVersion lattice.dev/v2 is not served for LatticeService by this "
          + "release, which serves lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1; use lattice.dev/v1 "
          + "(lattice migrate --to v1 converts older specs).");
    }

    @Test
    @DisplayName("the same service defined twice is an input error naming both places")
    void duplicate() throws IOException {
      write("a.yaml", Specs.MINIMAL);
      write("b.yaml", Specs.MINIMAL);

      CliRun run = CliRun.of("derive", dir.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.out()).contains("LatticeService shop/api is also defined in " + dir.resolve("a.yaml"));
    }

    @Test
    @DisplayName("a path that does not exist exits 2")
    void missingPath() {
      CliRun run = CliRun.of("derive", dir.resolve("nope").toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.out()).contains("nope: no such file or directory.");
    }

    @Test
    @DisplayName("an unknown option exits 2 with usage help on stderr")
    void unknownOption() {
      CliRun run = CliRun.of("derive", "--frobnicate", "x");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
      assertThat(run.err()).contains("Unknown option: '--frobnicate'").contains("Usage: lattice derive");
    }
  }

  @Nested
  @DisplayName("when a spec has a field Lattice does not know")
  class WhenAFieldIsUnknown {
    @Test
    @DisplayName("the service is still derived, with a warning that suggests the field meant")
    void typoWarns() throws IOException {
      Path file = write("api.yaml", Specs.minimalWith("spec: {replica: 3}"));

      CliRun run = CliRun.of("derive", file.toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("shop/api  Ready")
          .contains("warning UnknownField  " + file + ":")
          .contains("spec.replica: 'replica' is not a field here; it is ignored.")
          .contains("Fix: did you mean 'replicas'?");
    }

    @Test
    @DisplayName("fields of the reference system that are not derived yet are accepted with a warning")
    void deferredFieldsAccepted() throws IOException {
      Path file = write("api.yaml", Specs.minimalWith("""
          spec:
            backup: {schedule: "0 2 * * *"}
            topology: {mode: Soft}
          """));

      CliRun run = CliRun.of("derive", file.toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("warning NotYetDerived").contains("spec.backup: is accepted and kept")
          .doesNotContain("UnknownField");
    }
  }

  @Nested
  @DisplayName("with CedarPolicies among the inputs")
  class WithPolicies {
    @Test
    @DisplayName("a statement that does not parse is reported with its line and skipped; the fleet is still derived")
    void invalidPolicyIsSkipped() throws IOException {
      write("api.yaml", Specs.minimalWith(
          "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}"));
      write("policy.yaml", """
          apiVersion: lattice.dev/v1alpha1
          kind: CedarPolicy
          metadata: {name: shop-secrets, namespace: lattice-system}
          spec:
            policies: |
              permit(principal == Lattice::Service::"shop/api", action == Lattice::Action::"AccessSecret", resource);
              permit(principal action, resource);
          """);

      CliRun run = CliRun.of("derive", dir.toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("shop/api  Ready")
          .contains("policy  CedarPolicy lattice-system/shop-secrets line 2: unexpected token `action` (statement "
              + "skipped; the rest of the policy applies)")
          .contains("1 Cedar statement enforced");
    }

    @Test
    @DisplayName("a policy document larger than SnakeYAML's default 3 MiB limit is still read")
    void largePolicyDocument() throws IOException {
      write("api.yaml", Specs.MINIMAL);
      StringBuilder policies = new StringBuilder();
      for (int i = 0; i < 60_000; i++) {
        policies.append("    permit(principal == Lattice::Service::\"shop/s").append(i)
            .append("\", action, resource);\n");
      }
      write("policy.yaml", "apiVersion: lattice.dev/v1alpha1\nkind: CedarPolicy\n"
          + "metadata: {name: big, namespace: lattice-system}\nspec:\n  policies: |\n" + policies);

      CliRun run = CliRun.of("derive", dir.toString());

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out()).contains("60000 Cedar statements enforced");
    }

    @Test
    @DisplayName("the platform contact from the lattice-platform ConfigMap is named in denials")
    void contactFromPlatformSettings() throws IOException {
      write("api.yaml", Specs.minimalWith(
          "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}}}"));
      write("platform.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: lattice-platform, namespace: lattice-system}
          data: {contact: "Ada in #platform"}
          """);

      CliRun run = CliRun.of("derive", dir.toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
      assertThat(run.out()).contains("error   AccessSecretDenied").contains("Fix: contact Ada in #platform to request")
          .doesNotContain("skipped");
    }
  }

  @Nested
  @DisplayName("output streams")
  class OutputStreams {
    @Test
    @DisplayName("-o yaml prints only manifests on stdout and moves the report to stderr")
    void manifestsOnStdout() throws IOException {
      Path file = write("api.yaml", Specs.MINIMAL);

      CliRun run = CliRun.of("derive", "-o", "yaml", file.toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("---\napiVersion: v1\nkind: ServiceAccount").doesNotContain("Ready");
      assertThat(run.err()).contains("shop/api  Ready");
    }

    @Test
    @DisplayName("-o json prints a Kubernetes List kubectl can apply")
    void manifestsAsJsonList() throws Exception {
      Path file = write("api.yaml", Specs.MINIMAL);

      CliRun run = CliRun.of("derive", "-o", "json", "--report", "json", file.toString());

      JsonNode list = new ObjectMapper().readTree(run.out());
      assertThat(list.path("kind").asText()).isEqualTo("List");
      assertThat(list.path("items").findValuesAsText("kind")).contains("Deployment", "Service", "ServiceAccount");
      assertThat(new ObjectMapper().readTree(run.err()).path("services").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("--help explains the command with examples and exit statuses")
    void help() {
      CliRun run = CliRun.of("derive", "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("--output-dir=DIR").contains("--report=REPORT").contains("Examples:")
          .contains("Exit status:").contains("1  a service failed").contains("2  input could not be read");
    }

    @Test
    @DisplayName("a shell completion script can be generated")
    void completion() {
      CliRun run = CliRun.of("generate-completion");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("complete").contains("derive");
    }
  }
}
