package dev.lattice.engine.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ImageProviders: a service's pull credentials (imagePullSecrets) and the registry's verification policy. */
class ImageProvidersTest {
  private static final Path GOLDEN = Specs.repoRoot().resolve("lattice-engine/src/test/golden/providers");

  private static PlatformSettings withExample() throws IOException {
    ImageProvider ghcr = SecretProviderObjectsTest.example(ImageProvider.class);
    PlatformSettings settings = PlatformSettings.defaults();
    return settings.withProviders(settings.providers().withSecretProviders(List.of("vault"))
        .withImageProviders(Map.of("ghcr", ImageProviderObjects.source(ghcr))));
  }

  private static Derivation derive(String patch, PlatformSettings settings) {
    var mapped = Specs.mapped(Specs.minimalWith(patch));
    ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
    return new Engine(settings, Authorizer.permitAll()).derive(input, Fleet.of(input));
  }

  @Test
  @DisplayName("imagePullSecrets: [ghcr] derives a typed dockerconfigjson ExternalSecret and the pod's imagePullSecrets")
  void pullCredentials() throws IOException {
    Derivation result = derive("spec: {imagePullSecrets: [ghcr]}", withExample());

    assertThat(result).isInstanceOf(Derivation.Derived.class);
    assertThat(result.diagnostics()).isEmpty();
    List<HasMetadata> objects = ((Derivation.Derived) result).resources();
    HasMetadata pull = objects.stream().filter(o -> o.getMetadata().getName().equals("api-pull-ghcr")).findFirst()
        .orElseThrow();
    Golden.assertMatches(GOLDEN.resolve("pull-ghcr.yaml"), Manifests.yaml(List.of(pull)));
    Deployment deployment = (Deployment) objects.stream().filter(o -> o instanceof Deployment).findFirst()
        .orElseThrow();
    assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
        .extracting(r -> r.getName()).containsExactly("api-pull-ghcr");
    for (HasMetadata object : objects) {
      assertThat(SchemaValidator.problems(Manifests.tree(object))).as(object.getKind()).isEmpty();
    }
  }

  @Test
  @DisplayName("skipping verification is asked of Cedar (SkipImageVerification); permitted, the pods carry the label "
      + "the ClusterImagePolicy leaves out")
  void skipVerification() throws IOException {
    Derivation skipped = derive("metadata: {annotations: {lattice.dev/skip-image-verification: \"true\"}}",
        withExample());
    Derivation verified = derive("{}", withExample());

    assertThat(labels(skipped)).containsEntry(ImageProviderObjects.SKIP_LABEL, "true");
    assertThat(labels(verified)).doesNotContainKey(ImageProviderObjects.SKIP_LABEL);
    var input = Specs.mapped(Specs.minimalWith(
        "metadata: {annotations: {lattice.dev/skip-image-verification: \"true\"}}"));
    assertThat(new Engine(withExample(), Authorizer.permitAll()).accessRequests(
        new ServiceInput(input.intent(), input.diagnostics()), Fleet.of()).stream()
        .map(a -> a.request().action().name())).contains("SkipImageVerification");
  }

  private static Map<String, String> labels(Derivation d) {
    return ((Derivation.Derived) d).resources().stream().filter(o -> o instanceof Deployment)
        .map(o -> ((Deployment) o).getSpec().getTemplate().getMetadata().getLabels()).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a rotated credential key changes the ExternalSecret and so the pods' config hash")
  void credentialsFeedTheConfigHash() throws IOException {
    PlatformSettings before = withExample();
    var source = before.providers().imageProviders().get("ghcr");
    PlatformSettings after = before.withProviders(before.providers().withImageProviders(Map.of("ghcr",
        new dev.lattice.engine.ProviderSettings.ImageSource(source.registry(), source.secretProvider(),
            "registry/ghcr-pull-2", source.property()))));

    assertThat(hash(derive("spec: {imagePullSecrets: [ghcr]}", before)))
        .isNotEqualTo(hash(derive("spec: {imagePullSecrets: [ghcr]}", after)));
  }

  private static String hash(Derivation d) {
    return ((Derivation.Derived) d).resources().stream().filter(o -> o instanceof Deployment)
        .map(o -> ((Deployment) o).getSpec().getTemplate().getMetadata().getAnnotations()
            .get("lattice.dev/config-hash")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("the example's trust section derives a ClusterImagePolicy over the registry, valid upstream, as reviewed")
  void verificationPolicy() throws IOException {
    ImageProvider ghcr = SecretProviderObjectsTest.example(ImageProvider.class);
    var policy = ImageProviderObjects.verificationPolicy(ghcr);

    assertThat(policy).isPresent();
    assertThat(SchemaValidator.problems(Manifests.tree(policy.get()))).isEmpty();
    Golden.assertMatches(GOLDEN.resolve("ghcr-policy.yaml"), Manifests.yaml(List.of(policy.get())));
    ghcr.getSpec().trust = null;
    assertThat(ImageProviderObjects.verificationPolicy(ghcr)).as("no authority, nothing to verify").isEmpty();
  }

  @Test
  @DisplayName("with imageVerification.admissionController: kyverno the trust section derives a Kyverno ClusterPolicy "
      + "with a verifyImages rule over the registry, valid upstream, as reviewed")
  void kyvernoPolicy() throws IOException {
    ImageProvider ghcr = SecretProviderObjectsTest.example(ImageProvider.class);
    ImageVerificationSettings kyverno = PlatformSettings.defaults()
        .withOverrides(Map.of("imageVerification.admissionController", "kyverno")).imageVerification();
    var policy = ImageProviderObjects.verificationPolicy(ghcr, kyverno);

    assertThat(kyverno.admissionController()).isEqualTo(ImageVerificationSettings.AdmissionController.kyverno);
    assertThat(policy).isPresent();
    assertThat(policy.get().getApiVersion()).isEqualTo("kyverno.io/v1");
    assertThat(policy.get().getKind()).isEqualTo("ClusterPolicy");
    assertThat(SchemaValidator.problems(Manifests.tree(policy.get()))).isEmpty();
    Golden.assertMatches(GOLDEN.resolve("ghcr-kyverno-policy.yaml"), Manifests.yaml(List.of(policy.get())));

    // A public key is an entry of its own; any one authority suffices, as with the ClusterImagePolicy.
    var key = new dev.lattice.api.v1.ImageProviderSpec.Authority();
    key.name = "offline";
    key.publicKey = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----";
    ghcr.getSpec().trust.authorities.add(key);
    var both = ImageProviderObjects.verificationPolicy(ghcr, kyverno).orElseThrow();
    assertThat(SchemaValidator.problems(Manifests.tree(both))).isEmpty();
    assertThat(Manifests.json(both)).contains("\"count\":1")
        .contains("{\"keys\":{\"publicKeys\":\"-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----\"}}");
    ghcr.getSpec().trust = null;
    assertThat(ImageProviderObjects.verificationPolicy(ghcr, kyverno)).as("no authority, nothing to verify").isEmpty();
  }

  @Test
  @DisplayName("an unknown admission controller in the settings keeps the default, sigstore")
  void unknownControllerKeepsTheDefault() {
    assertThat(PlatformSettings.defaults().withOverrides(Map.of("imageVerification.admissionController", "opa"))
        .imageVerification()).isEqualTo(ImageVerificationSettings.defaults());
  }
}
