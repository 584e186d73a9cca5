package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-level warnings of {@code lattice derive}, word for word: said once for the run when what was read holds
 * no provider of a kind at all (a team deriving its own files without the platform's folder), instead of an error
 * per service; with providers read, a name that matches none is an error of its service.
 */
class RunWarningsTest {
  private static final String IMAGE_PROVIDER = """
      apiVersion: lattice.dev/v1
      kind: ImageProvider
      metadata: {name: quay}
      spec:
        registry: quay.io/acme
        credentials: {secretProvider: vault, key: registry/quay-pull}
      """;
  private static final String NO_IMAGE_PROVIDERS = "warning NoImageProviders: no ImageProvider was read, so the 3 "
      + "imagePullSecrets names in 2 services were not checked and their pull credentials (ExternalSecret "
      + "<service>-pull-<provider>) were not derived, only the pods' references; in the cluster a provider that does "
      + "not exist fails its service (ImageProviderNotFound). Fix: add the platform's ImageProviders to the paths, "
      + "e.g. lattice derive platform/ services/.";
  private static final String NO_SECRET_PROVIDERS = "warning NoSecretProviders: no SecretProvider was read, so the "
      + "providers named by 1 secret resource in 1 service were not checked; in the cluster a provider that does "
      + "not exist fails its service (SecretProviderNotFound). Fix: add the platform's SecretProviders to the paths, "
      + "e.g. lattice derive platform/ services/.";

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private Path pulling(String name, String providers) throws IOException {
    return write(name + ".yaml", Specs.minimalWith("metadata: {name: " + name + "}\n"
        + "spec: {imagePullSecrets: [" + providers + "]}"));
  }

  @Test
  @DisplayName("no ImageProvider read: imagePullSecrets give ONE run warning (NoImageProviders), every service "
      + "Ready; the pods reference <svc>-pull-<provider>, no pull ExternalSecret is derived")
  void noImageProvidersIsOneRunWarning() throws IOException {
    Path api = pulling("api", "ghcr");
    Path web = pulling("web", "ghcr, internal");

    CliRun run = CliRun.of("derive", api.toString(), web.toString());

    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains(NO_IMAGE_PROVIDERS).doesNotContain("error   ImageProviderNotFound")
        .contains("2 services: 2 Ready, 0 Failed");
    assertThat(run.out().split("NoImageProviders", -1)).as("said once").hasSize(2);
    CliRun yaml = CliRun.of("derive", "-o", "yaml", web.toString());
    assertThat(yaml.out()).contains("imagePullSecrets:\n        - name: web-pull-ghcr\n        - name: web-pull-internal")
        .doesNotContain("kind: ExternalSecret");
  }

  @Test
  @DisplayName("with an ImageProvider read, a name that matches none is ImageProviderNotFound on its service and no "
      + "run warning")
  void withImageProvidersAMissingOneIsAnError() throws IOException {
    Path platform = write("providers.yaml", IMAGE_PROVIDER);
    Path api = pulling("api", "ghcr");

    CliRun run = CliRun.of("derive", platform.toString(), api.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out()).contains("ImageProviderNotFound").contains("imagePullSecrets names 'ghcr', but the "
        + "platform has no ImageProvider of that name (it has 'quay').").doesNotContain("NoImageProviders");
  }

  @Test
  @DisplayName("no SecretProvider read: the providers of secret resources give ONE run warning (NoSecretProviders)")
  void noSecretProvidersIsOneRunWarning() throws IOException {
    Path api = write("api.yaml", Specs.minimalWith("spec: {workload: {resources: {db: {type: secret, id: api/db, "
        + "params: {provider: vault, keys: [password]}}}}}"));

    CliRun run = CliRun.of("derive", api.toString());

    assertThat(run.out()).contains(NO_SECRET_PROVIDERS).doesNotContain("error   SecretProviderNotFound")
        .doesNotContain("NoImageProviders");
  }
}
