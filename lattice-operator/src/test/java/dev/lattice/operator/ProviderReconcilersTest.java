package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.ProviderStatus;
import dev.lattice.api.v1.SecretProvider;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.ProviderSettings;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The provider reconcilers called directly, as JOSDK calls them at every operator start: a provider whose status
 * records the digest of what it derives makes no API call; one whose apply failed is retried on a timer instead of
 * waiting for the next start.
 */
class ProviderReconcilersTest {
  static <T extends HasMetadata> T example(Class<T> type) throws IOException {
    String yaml = Files.readString(Specs.repoRoot().resolve("examples/commerce/providers.yaml"));
    for (String document : yaml.split("(?m)^---$")) {
      if (document.contains("kind: " + type.getSimpleName())) {
        T object = Serialization.unmarshal(document, type);
        object.getMetadata().setUid("uid-" + object.getMetadata().getName());
        object.getMetadata().setGeneration(1L);
        return object;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in providers.yaml");
  }

  static Object stored(KubernetesClient client, String group, String version, String kind, String name) {
    var context = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(ClusterObjects.PLURALS.get(kind)).withNamespaced(false).build();
    return client.genericKubernetesResources(context).withName(name).get();
  }

  @Nested
  @EnableKubernetesMockClient(crud = true)
  class Applied {
    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void aSecretProviderWhoseStatusRecordsItsObjectsMakesNoApiCallOnTheNextStart() throws IOException {
      var reconciler = new SecretProviderReconciler(client, ProviderSettings.defaults(),
          ApplyMode.CREATE_OR_UPDATE);
      SecretProvider vault = example(SecretProvider.class);
      UpdateControl<SecretProvider> first = reconciler.reconcile(vault, null);
      assertThat(first.isPatchStatus()).isTrue();
      assertThat(first.getScheduleDelay()).isEmpty();
      ProviderStatus status = first.getResource().orElseThrow().getStatus();
      assertThat(status.phase).isEqualTo("Ready");
      assertThat(status.appliedHash).hasSize(24);
      assertThat(stored(client, "external-secrets.io", "v1", "ClusterSecretStore", "vault")).isNotNull();

      // The next start: the informer hands over the object with the status just written.
      SecretProvider restarted = example(SecretProvider.class);
      restarted.setStatus(status);
      int requests = server.getRequestCount();
      UpdateControl<SecretProvider> again = reconciler.reconcile(restarted, null);
      assertThat(server.getRequestCount()).as("API calls on the second reconcile").isEqualTo(requests);
      assertThat(again.isNoUpdate()).isTrue();
      assertThat(again.getScheduleDelay()).isEmpty();
    }

    @Test
    void anImageProviderWhoseStatusRecordsItsPolicyMakesNoApiCallOnTheNextStart() throws IOException {
      var reconciler = new ImageProviderReconciler(client, ImageVerificationSettings.defaults(), ApplyMode.CREATE_OR_UPDATE);
      UpdateControl<ImageProvider> first = reconciler.reconcile(example(ImageProvider.class), null);
      ProviderStatus status = first.getResource().orElseThrow().getStatus();
      assertThat(status.phase).isEqualTo("Ready");
      assertThat(stored(client, "policy.sigstore.dev", "v1beta1", "ClusterImagePolicy", "lattice-ghcr")).isNotNull();
      assertThat(stored(client, "admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy",
          "lattice-ghcr-exemption")).isNotNull();
      assertThat(stored(client, "admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding",
          "lattice-ghcr-exemption")).isNotNull();

      ImageProvider restarted = example(ImageProvider.class);
      restarted.setStatus(status);
      int requests = server.getRequestCount();
      UpdateControl<ImageProvider> again = reconciler.reconcile(restarted, null);
      assertThat(server.getRequestCount()).as("API calls on the second reconcile").isEqualTo(requests);
      assertThat(again.isNoUpdate()).isTrue();
      assertThat(again.getScheduleDelay()).isEmpty();
    }
  }

  /** No expectations: every request is answered 404, as for a kind whose CRD is not installed. */
  @Nested
  @EnableKubernetesMockClient
  class Failing {
    KubernetesClient client;

    @Test
    void aFailedApplyIsRetriedAfterAMinuteNotOnlyAtTheNextStart() throws IOException {
      var reconciler = new ImageProviderReconciler(client, ImageVerificationSettings.defaults(), ApplyMode.CREATE_OR_UPDATE);
      UpdateControl<ImageProvider> first = reconciler.reconcile(example(ImageProvider.class), null);
      ProviderStatus status = first.getResource().orElseThrow().getStatus();
      assertThat(status.phase).isEqualTo("Failed");
      assertThat(status.appliedHash).isNull();
      assertThat(status.message).startsWith("cannot apply the ClusterImagePolicy: ")
          .endsWith(" Fix: install sigstore policy-controller (its CRDs), and check the operator's RBAC "
              + "(deploy/operator/rbac.yaml).");
      assertThat(first.getScheduleDelay()).isEqualTo(Optional.of(ClusterObjects.RETRY.toMillis()));

      ImageProvider retried = example(ImageProvider.class);
      retried.setStatus(status);
      UpdateControl<ImageProvider> again = reconciler.reconcile(retried, null);
      assertThat(again.isNoUpdate()).as("the same failure: the status stays unwritten").isTrue();
      assertThat(again.getScheduleDelay()).isEqualTo(Optional.of(ClusterObjects.RETRY.toMillis()));
    }

    @Test
    void anInvalidSecretProviderWaitsForItsNextEditInsteadOfRetrying() {
      var reconciler = new SecretProviderReconciler(client, ProviderSettings.defaults(),
          ApplyMode.CREATE_OR_UPDATE);
      SecretProvider none = new SecretProvider();
      none.getMetadata().setName("none");
      none.setSpec(new dev.lattice.api.v1.SecretProviderSpec());
      UpdateControl<SecretProvider> control = reconciler.reconcile(none, null);
      assertThat(control.getResource().orElseThrow().getStatus().message)
          .startsWith("spec.provider must hold exactly one External Secrets provider block");
      assertThat(control.getScheduleDelay()).isEmpty();
      assertThat(List.of(control.isPatchStatus())).containsExactly(true);
    }
  }
}
