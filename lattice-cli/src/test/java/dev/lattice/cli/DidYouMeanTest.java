package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name the user wrote that matches nothing is named, with the nearest thing that exists, in the message that
 * stops the service, and an unknown field is named (with its line) by the rule its absence breaks.
 */
class DidYouMeanTest {
  private static final String IMAGE =
      "ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479";

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path file = dir.resolve("api.yaml");
    Files.writeString(file, content);
    return file;
  }

  private static String service(String name, String containerLines, String resourceLines) {
    return """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: %s, namespace: shop}
        spec:
          workload:
            containers:
              main:
                image: %s
        %s
            resources:
              none: {type: volume}
        %s
        """.formatted(name, IMAGE, containerLines.indent(8).stripTrailing(), resourceLines.indent(6).stripTrailing());
  }

  @Test
  @DisplayName("a misspelt command: the allowedBinary:* denial says no command was given and names 'comand' with its line")
  void misspeltCommand() throws IOException {
    Path file = write(service("api", """
        comand: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", ""));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out()).contains("""
          error   SecurityOverrideDenied  %s:7
                  spec.workload.containers.main.command: Service shop/api is not permitted to use security override \
        allowedBinary:* (container main) (Cedar: principal Lattice::Service::"shop/api", action \
        Lattice::Action::"OverrideSecurity", resource Lattice::SecurityOverride::"allowedBinary:*"): no permit policy \
        matched. The spec asks for this only because no command was given. Did you mean 'command' for the unknown \
        field 'comand' at spec.workload.containers.main.comand (line 9)? It was ignored.
                  Fix: rename 'comand' to 'command'; the request then goes away.
        """.formatted(file));
  }

  @Test
  @DisplayName("a misspelt resources block: MissingResourceLimits names 'resource' with its line")
  void misspeltResources() throws IOException {
    Path file = write(service("api", """
        command: ["/app/api"]
        resource: {limits: {cpu: 500m, memory: 256Mi}}""", ""));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out()).contains("""
          error   MissingResourceLimits  %s:7
                  spec.workload.containers.main.resources.limits: container 'main' has no resource limits; the \
        platform needs them to schedule and budget it. Did you mean 'resources' for the unknown field 'resource' at \
        spec.workload.containers.main.resource (line 10)? It was ignored.
                  Fix: rename 'resource' to 'resources'; otherwise, add resources.limits, e.g. limits: {cpu: 500m, \
        memory: 256Mi}.
        """.formatted(file));
  }

  @Test
  @DisplayName("a misspelt image: InvalidImage names 'imag'")
  void misspeltImage() throws IOException {
    Path file = write(service("api", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", "").replace("image: ", "imag: "));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out()).contains("""
                  spec.workload.containers.main.image: the container has no image. Did you mean 'image' for the \
        unknown field 'imag' at spec.workload.containers.main.imag (line 8)? It was ignored.
                  Fix: rename 'imag' to 'image'; otherwise, set image to a registry reference, ideally pinned by \
        digest, e.g. ghcr.io/acme/app:1.4.2@sha256:<digest>.
        """);
  }

  @Test
  @DisplayName("references to a misspelt resource, secret or key, and a misspelt resource type, suggest the one meant")
  void misspeltReferences() throws IOException {
    Path file = write(service("api", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}
        variables:
          A: "${resources.ordrs.url}"
          B: "${secret.stripe-key.api-kye}"
          C: "${secret.strpe-key.api-key}"
          D: "${resource.orders.host}"
          E: "${secret.cache.token}"
          F: "${resources.nothing-like-it.url}\"""", """
        orders: {type: service}
        stripe-key: {type: secret, id: x/y, params: {provider: vault, keys: [api-key]}}
        cache: {type: secert, id: c}"""));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out())
        .contains("spec.workload.resources.cache.type: 'secert' is not a resource type; did you mean 'secret'?\n"
            + "          Fix: write type: secret.\n")
        .doesNotContain("type 'secert' is accepted")
        .contains("spec.workload.containers.main.variables.A: '${resources.ordrs.url}' refers to resource 'ordrs', "
            + "which spec.workload.resources does not declare; did you mean '${resources.orders.url}'?\n"
            + "          Fix: write 'orders' for 'ordrs', or declare 'ordrs' under spec.workload.resources.\n")
        .contains("spec.workload.containers.main.variables.B: '${secret.stripe-key.api-kye}' uses key 'api-kye', "
            + "which secret resource 'stripe-key' does not list in params.keys [api-key]; did you mean 'api-key'?\n"
            + "          Fix: write '${secret.stripe-key.api-key}', or add 'api-kye' to "
            + "spec.workload.resources.stripe-key.params.keys.\n")
        .contains("spec.workload.containers.main.variables.C: '${secret.strpe-key.api-key}' refers to 'strpe-key', "
            + "which is not a secret resource of this service; did you mean '${secret.stripe-key.api-key}'?\n"
            + "          Fix: write 'stripe-key' for 'strpe-key', or declare 'strpe-key' under "
            + "spec.workload.resources with type: secret, an id and params.provider.\n")
        .contains("spec.workload.containers.main.variables.D: '${resource.orders.host}' is not a reference Lattice "
            + "knows; did you mean '${resources.orders.host}'?\n")
        .contains("spec.workload.containers.main.variables.E: '${secret.cache.token}' refers to 'cache', which is a "
            + "resource of type 'secert', not a secret resource; did you mean type: secret?\n"
            + "          Fix: give spec.workload.resources.cache type: secret (with an id and params.provider), or "
            + "reference a secret resource.\n")
        .contains("spec.workload.containers.main.variables.F: '${resources.nothing-like-it.url}' refers to resource "
            + "'nothing-like-it', which spec.workload.resources does not declare. It declares 'cache', 'none', "
            + "'orders' and 'stripe-key'.\n");
  }

  @Test
  @DisplayName("a misspelt params key: SecretProviderMissing names it with its line")
  void misspeltParamsKey() throws IOException {
    Path file = write(service("api", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", """
        key:
          type: secret
          id: api/key
          params: {provder: vault}"""));

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out()).contains("Did you mean 'provider' for the unknown field 'provder' at "
        + "spec.workload.resources.key.params.provder (line 16)? It was ignored.\n"
        + "          Fix: rename 'provder' to 'provider'; otherwise, ");
  }

  @Test
  @DisplayName("a dependency on a missing service suggests the nearest one, in its namespace or another")
  void missingDependency() throws IOException {
    String api = service("api", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", """
        ordrs: {type: service}
        payments: {type: service, namespace: shop-eu}""");
    String others = service("orders", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", "")
        + "---\n" + service("payments", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", "");
    Path file = write(api + "---\n" + others);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out())
        .contains("spec.workload.resources.ordrs: service shop/ordrs does not exist (it is not among the services "
            + "given to Lattice), so traffic to it stays denied; did you mean shop/orders?\n"
            + "          Fix: if you meant shop/orders, write `id: orders` in the entry; check the entry's id and "
            + "namespace (id defaults to the entry's name, namespace to this service's); if shop/ordrs is not "
            + "deployed yet, the edge becomes active once it exists and accepts shop/api.\n")
        .contains("spec.workload.resources.payments: service shop-eu/payments does not exist (it is not among the "
            + "services given to Lattice), so traffic to it stays denied; did you mean shop/payments?\n"
            + "          Fix: if you meant shop/payments, write `namespace: shop` in the entry;");
  }

  @Test
  @DisplayName("a CedarPolicy naming a misspelt action is reported at load, and the denial it fails to prevent names it")
  void misspeltAction() throws IOException {
    Path file = write(service("api", """
        command: ["/app/api"]
        resources: {limits: {cpu: 500m, memory: 256Mi}}""", """
        key: {type: secret, id: api/key, params: {provider: vault}}""") + """
        ---
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: api-secrets, namespace: lattice-system}
        spec:
          policies: |
            permit(principal == Lattice::Service::"shop/api", action == Lattice::Action::"AccesSecret",
                   resource == Lattice::SecretPath::"vault:api/key");
        """);

    CliRun run = CliRun.of("derive", file.toString());

    assertThat(run.out())
        .contains("no permit policy matched (Cedar denies by default). CedarPolicy api-secrets, statement 1 (line 1) "
            + "names Lattice::Action::\"AccesSecret\", which does not exist; did you mean "
            + "Lattice::Action::\"AccessSecret\"?\n"
            + "          Fix: contact the platform team to correct the misspelt name in that statement, or to add a "
            + "CedarPolicy in namespace lattice-system with: permit(principal == Lattice::Service::\"shop/api\", "
            + "action == Lattice::Action::\"AccessSecret\", resource == Lattice::SecretPath::\"vault:api/key\");\n")
        .contains("policy  CedarPolicy lattice-system/api-secrets line 1: statement 1 names action "
            + "Lattice::Action::\"AccesSecret\", which Lattice never uses, so the statement can never match it; did "
            + "you mean Lattice::Action::\"AccessSecret\"?\n");
  }
}
