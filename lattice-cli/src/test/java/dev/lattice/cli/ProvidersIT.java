package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.SecretProvider;
import dev.lattice.engine.providers.ExemptionGuards;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
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

  private static final String SKIP = "lattice.dev/skip-image-verification";
  private static final String OPERATOR = "system:serviceaccount:lattice-system:lattice-operator";
  private static final String CONTROLLER = "system:serviceaccount:kube-system:replicaset-controller";

  /**
   * The exemption cannot be self-granted: with the ImageProvider Ready, its ValidatingAdmissionPolicy refuses a Pod or
   * Deployment carrying the skip label from a team's user (alice, impersonated), also an edit of an exempted
   * Deployment's image; the operator's identity may write it, and the cluster's controllers (here: their identity)
   * may create its labelled Pods.
   */
  @Test
  void onlyThePlatformMayExemptAWorkloadFromVerification(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    cluster.kubectl("apply", "-f", "examples/commerce/providers.yaml").assertOk();
    await("the ImageProvider is Ready with its guard", Duration.ofSeconds(90), () -> {
      ImageProvider ghcr = cluster.client().resources(ImageProvider.class).withName("ghcr").get();
      return ghcr != null && ghcr.getStatus() != null && "Ready".equals(ghcr.getStatus().phase)
          && ghcr.getStatus().message.contains("ValidatingAdmissionPolicy lattice-ghcr-exemption");
    });
    // Both users may write pods and deployments (RBAC); only admission tells them apart.
    apply(cluster, """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: providers-it-writers}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
          - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
          - {kind: ServiceAccount, name: lattice-operator, namespace: lattice-system}
          - {kind: ServiceAccount, name: replicaset-controller, namespace: kube-system}
        """).assertOk();
    String ns = namespace.name();
    await("alice's labelled pod is refused", Duration.ofSeconds(30), () -> cluster.kubectl("--as=alice", "-n", ns,
        "run", "self-granted", "--image=ghcr.io/acme/tool:1", "--labels=" + SKIP + "=true").exitCode() != 0);
    var pod = cluster.kubectl("--as=alice", "-n", ns, "run", "self-granted", "--image=ghcr.io/acme/tool:1",
        "--labels=" + SKIP + "=true");
    assertThat(pod.stderr()).contains("ValidatingAdmissionPolicy 'lattice-ghcr-exemption' with binding "
        + "'lattice-ghcr-exemption' denied request: " + ExemptionGuards.message());
    cluster.kubectl("--as=alice", "-n", ns, "run", "plain", "--image=ghcr.io/acme/tool:1").assertOk();

    String deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: exempted, namespace: %s}
        spec:
          replicas: 1
          selector: {matchLabels: {app: exempted}}
          template:
            metadata: {labels: {app: exempted, %s: "true"}}
            spec: {containers: [{name: main, image: "ghcr.io/acme/tool:1"}]}
        """.formatted(ns, SKIP);
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "exempted-", ".yaml");
    Files.writeString(file, deployment);
    var byAlice = cluster.kubectl("--as=alice", "apply", "-f", file.toString());
    assertThat(byAlice.exitCode()).isNotZero();
    assertThat(byAlice.stderr()).contains("denied request: " + ExemptionGuards.message());

    cluster.kubectl("--as=" + OPERATOR, "apply", "-f", file.toString()).assertOk();
    // This control plane runs no deployment or replicaset controller: act as the one that creates the pods.
    cluster.kubectl("--as=" + CONTROLLER, "-n", ns, "run", "exempted-pod", "--image=ghcr.io/acme/tool:1",
        "--labels=" + SKIP + "=true").assertOk();
    var edit = cluster.kubectl("--as=alice", "-n", ns, "set", "image", "deployment/exempted",
        "main=ghcr.io/acme/unsigned:1");
    assertThat(edit.exitCode()).as("editing an exempted workload").isNotZero();
    assertThat(edit.stderr()).contains("denied request: " + ExemptionGuards.message());
    cluster.kubectl("delete", "clusterrolebinding", "providers-it-writers").assertOk();
  }
}
