package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.SecretProvider;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's provider kinds on the real API server: its admission validation (structural schema and CEL rules
 * of the CRDs) rejects what the operator could not derive, and the operator applies a SecretProvider's
 * ClusterSecretStore and egress policy and writes its status.
 */
@RealCluster
class ProvidersIT {
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "providers-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  private static LocalCluster.KubectlResult apply(LocalCluster cluster, String yaml) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "provider-", ".yaml");
    Files.writeString(file, yaml);
    return cluster.kubectl("apply", "-f", file.toString());
  }

  @Test
  void admissionRejectsWhatCannotBeDerived(LocalCluster cluster) throws Exception {
    var twoBlocks = apply(cluster, """
        apiVersion: lattice.dev/v1
        kind: SecretProvider
        metadata: {name: two}
        spec: {provider: {vault: {server: "https://v:8200"}, aws: {service: SecretsManager}}}
        """);
    var noProvider = apply(cluster, """
        apiVersion: lattice.dev/v1
        kind: SecretProvider
        metadata: {name: none}
        spec: {endpoint: "https://v:8200"}
        """);
    var bothKeys = apply(cluster, """
        apiVersion: lattice.dev/v1
        kind: ImageProvider
        metadata: {name: both}
        spec:
          registry: ghcr.io/acme
          credentials: {secretProvider: vault, key: registry/ghcr}
          trust:
            authorities:
              - name: a
                publicKey: "-----BEGIN PUBLIC KEY-----"
                keyless: {issuer: "https://issuer", subject: me}
        """);
    var badRegistry = apply(cluster, """
        apiVersion: lattice.dev/v1
        kind: ImageProvider
        metadata: {name: upper}
        spec: {registry: "GHCR.io/Acme", credentials: {secretProvider: vault, key: k}}
        """);

    // Two provider blocks pass admission (a free-form object); the operator fails the SecretProvider's status.
    twoBlocks.assertOk();
    await("the SecretProvider with two blocks is Failed", Duration.ofSeconds(90), () -> {
      SecretProvider two = cluster.client().resources(SecretProvider.class).withName("two").get();
      return two != null && two.getStatus() != null && "Failed".equals(two.getStatus().phase)
          && two.getStatus().message.startsWith("spec.provider must hold exactly one");
    });
    assertThat(noProvider.exitCode()).isNotZero();
    assertThat(noProvider.stderr()).contains("spec.provider: Required value");
    assertThat(bothKeys.exitCode()).isNotZero();
    assertThat(bothKeys.stderr()).contains("an authority has exactly one of publicKey and keyless");
    assertThat(badRegistry.exitCode()).isNotZero();
    assertThat(badRegistry.stderr()).contains("spec.registry");
  }

  @Test
  void secretProviderGetsItsStoreAndEgress(LocalCluster cluster) throws Exception {
    cluster.kubectl("apply", "-f", "examples/commerce/providers.yaml").assertOk();

    await("the SecretProvider is Ready", Duration.ofSeconds(90), () -> {
      SecretProvider vault = cluster.client().resources(SecretProvider.class).withName("vault").get();
      return vault != null && vault.getStatus() != null && "Ready".equals(vault.getStatus().phase);
    });
    var store = cluster.client().genericKubernetesResources("external-secrets.io/v1", "ClusterSecretStore")
        .withName("vault").get();
    assertThat(store).isNotNull();
    assertThat(store.getAdditionalProperties().get("spec").toString()).contains("vault.platform.example.com:8200");
    assertThat(cluster.client().genericKubernetesResources("cilium.io/v2", "CiliumNetworkPolicy")
        .inNamespace("external-secrets").withName("secretprovider-vault-egress").get()).isNotNull();
    assertThat(cluster.kubectl("get", "sprov", "vault").assertOk().stdout())
        .contains("vault.platform.example.com:8200").contains("Ready");

    await("the ImageProvider is Ready", Duration.ofSeconds(90), () -> {
      ImageProvider ghcr = cluster.client().resources(ImageProvider.class).withName("ghcr").get();
      return ghcr != null && ghcr.getStatus() != null && "Ready".equals(ghcr.getStatus().phase);
    });
    assertThat(cluster.client().genericKubernetesResources("policy.sigstore.dev/v1beta1", "ClusterImagePolicy")
        .withName("lattice-ghcr").get()).isNotNull();
  }
}
