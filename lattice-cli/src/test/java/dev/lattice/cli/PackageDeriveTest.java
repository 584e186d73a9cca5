package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lattice derive} renders LatticePackages offline from a local chart folder and includes their objects. */
class PackageDeriveTest {
  private static final Path CHARTS = Path.of("..", "charts").toAbsolutePath().normalize();

  private static Path write(Path dir, String version, boolean permit) throws IOException {
    Files.writeString(dir.resolve("hello.yaml"), """
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: hello, namespace: shop}
        spec:
          chart: {repository: %s, name: lattice-test-app, version: "%s"}
          values:
            databasePassword: "${secret.db.password}"
          secrets:
            db: {id: shop/hello-db, provider: vault, keys: [password]}
          owner: team-shop
          reason: JIRA-1234
          expires: "%s"
          mesh: {serviceAccount: default}
        """.formatted(CHARTS, version, java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60)));
    if (permit) {
      Files.writeString(dir.resolve("policy.yaml"), """
          apiVersion: lattice.dev/v1alpha1
          kind: CedarPolicy
          metadata: {name: hello-db, namespace: lattice-system}
          spec:
            policies: >-
              permit(principal == Lattice::Package::"shop/hello", action == Lattice::Action::"AccessSecret",
              resource == Lattice::SecretPath::"vault:shop/hello-db");
          """);
    }
    return dir;
  }

  @Test
  void derivesAPackageAndPrintsItsObjects(@TempDir Path dir) throws IOException {
    CliRun run = CliRun.of("derive", write(dir, "0.1.0", true).toString(), "-o", "yaml");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("kind: ExternalSecret", "kind: ConfigMap", "kind: Deployment")
        .contains("lattice.dev/package: hello").doesNotContain("${secret");
    assertThat(run.err()).contains("package shop/hello  Ready   7 resources  (" + dir.resolve("hello.yaml") + ")");
  }

  @Test
  void writesThePackageFileAndFailsWithoutThePermit(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("out");
    Path in = Files.createDirectories(dir.resolve("in"));
    CliRun ok = CliRun.of("derive", "--output-dir", out.toString(), write(in, "0.2.0", true).toString());
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    assertThat(Files.readString(out.resolve("shop/hello.package.yaml"))).contains("kind: Deployment")
        .doesNotContain("kind: ConfigMap");

    Files.delete(in.resolve("policy.yaml"));
    CliRun denied = CliRun.of("derive", "--output-dir", out.toString(), in.toString());
    assertThat(denied.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(denied.out()).contains("package shop/hello  Failed  nothing rendered",
        "  error   AccessSecretDenied  " + in.resolve("hello.yaml") + ":");
    assertThat(out.resolve("shop/hello.package.yaml")).doesNotExist();
  }

  /** A service and a package that call each other: both sides must consent, and a one-sided call is reported. */
  @Test
  void consentBetweenAServiceAndAPackageIsTwoSided(@TempDir Path dir) throws IOException {
    write(dir, "0.1.0", true);
    Files.writeString(dir.resolve("hello.yaml"), Files.readString(dir.resolve("hello.yaml"))
        .replace("mesh: {serviceAccount: default}", "mesh: {serviceAccount: default, dependencies: {api: {}}}"));
    String service = """
        apiVersion: lattice.dev/v1
        kind: LatticeService
        metadata: {name: api, namespace: shop}
        spec:
          containers:
            main:
              image: ghcr.io/acme/api:1.0.0@sha256:5a0f1c5ad1a8e4f6b1e0d49f6a3a0f0d3e7bd0c2a2c77d5e1f2b4b6c8d9e0f1a
              command: ["/app/api"]
              resources:
                limits: {cpu: 100m, memory: 64Mi}
          ports:
            http: {port: 80, targetPort: 8080}
        %s""";
    Files.writeString(dir.resolve("api.yaml"), service.formatted(""));
    CliRun oneSided = CliRun.of("derive", dir.toString(), "-o", "yaml");
    assertThat(oneSided.exitCode()).as(oneSided.err()).isZero();
    assertThat(oneSided.err()).contains("ConsentPending");
    assertThat(policyOf(oneSided.out(), "api-mesh")).doesNotContain("lattice.dev/package: hello");

    Files.writeString(dir.resolve("api.yaml"), service.formatted("  dependencies: {inbound: {hello: {}}}\n"));
    CliRun agreed = CliRun.of("derive", dir.toString(), "-o", "yaml");
    assertThat(agreed.exitCode()).as(agreed.err()).isZero();
    assertThat(agreed.err()).doesNotContain("ConsentPending");
    assertThat(policyOf(agreed.out(), "api-mesh")).contains("lattice.dev/package: hello");
  }

  /** The CiliumNetworkPolicy document named {@code name} in a multi-document YAML stream. */
  private static String policyOf(String yaml, String name) {
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.contains("kind: CiliumNetworkPolicy") && doc.contains("\n  name: " + name + "\n")) {
        return doc;
      }
    }
    throw new AssertionError("no CiliumNetworkPolicy " + name + " in:\n" + yaml);
  }
}
