package dev.lattice.engine.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.v1.SecretProvider;
import dev.lattice.engine.ProviderSettings;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecretProviderObjectsTest {
  private static final Path EXAMPLE = Specs.repoRoot().resolve("examples/commerce/providers.yaml");
  private static final Path GOLDEN = Specs.repoRoot().resolve("lattice-engine/src/test/golden/providers/vault.yaml");

  static SecretProvider example() throws IOException {
    return example(SecretProvider.class);
  }

  /** The example's provider of {@code type} (providers.yaml holds one of each kind). */
  static <T> T example(Class<T> type) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    for (var node : yaml.readerFor(com.fasterxml.jackson.databind.JsonNode.class)
        .<com.fasterxml.jackson.databind.JsonNode>readValues(EXAMPLE.toFile()).readAll()) {
      if (node.path("kind").asText().equals(type.getSimpleName())) {
        return yaml.treeToValue(node, type);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + EXAMPLE);
  }

  private static SecretProvider provider(String yaml) throws IOException {
    return new YAMLMapper().readValue(yaml, SecretProvider.class);
  }

  @Test
  @DisplayName("the example's SecretProvider derives its ClusterSecretStore and the controller's egress, as reviewed")
  void exampleMatchesGolden() throws IOException {
    var result = SecretProviderObjects.derive(example(), ProviderSettings.defaults());

    assertThat(result).isInstanceOf(SecretProviderObjects.Derived.class);
    var derived = (SecretProviderObjects.Derived) result;
    assertThat(derived.endpoint()).isEqualTo("vault.platform.example.com:8200");
    Golden.assertMatches(GOLDEN, Manifests.yaml(derived.objects()));
  }

  @Test
  @DisplayName("every derived object matches the upstream schema of its kind (ClusterSecretStore, CiliumNetworkPolicy)")
  void objectsMatchUpstreamSchemas() throws IOException {
    var derived = (SecretProviderObjects.Derived) SecretProviderObjects.derive(example(), ProviderSettings.defaults());

    assertThat(derived.objects()).extracting(HasMetadata::getKind)
        .containsExactly("ClusterSecretStore", "CiliumNetworkPolicy");
    for (HasMetadata object : derived.objects()) {
      assertThat(SchemaValidator.problems(Manifests.tree(object))).as(object.getKind()).isEmpty();
    }
  }

  @Test
  @DisplayName("the store copies the provider block as written; the egress sits in the External Secrets namespace")
  void storeAndEgress() throws IOException {
    ProviderSettings settings = ProviderSettings.defaults();
    var derived = (SecretProviderObjects.Derived) SecretProviderObjects.derive(provider(
        "apiVersion: lattice.dev/v1\nkind: SecretProvider\nmetadata: {name: aws, uid: u-1}\n"
            + "spec: {endpoint: \"https://10.0.0.7\", provider: {aws: {service: SecretsManager, region: eu-west-1}}}"),
        settings);

    HasMetadata store = derived.objects().get(0);
    assertThat(store.getMetadata().getName()).isEqualTo("aws");
    assertThat(store.getMetadata().getNamespace()).isNull();
    assertThat(Manifests.tree(store).path("spec").path("provider").path("aws").path("region").asText())
        .isEqualTo("eu-west-1");
    assertThat(store.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo("u-1"));
    HasMetadata egress = derived.objects().get(1);
    assertThat(egress.getMetadata().getNamespace()).isEqualTo("external-secrets");
    assertThat(egress.getMetadata().getName()).isEqualTo("secretprovider-aws-egress");
    assertThat(Manifests.tree(egress).path("spec").path("egress").get(2).toString())
        .isEqualTo("{\"toCIDR\":[\"10.0.0.7/32\"],\"toPorts\":[{\"ports\":[{\"port\":\"443\",\"protocol\":\"TCP\"}]}]}");
    assertThat(derived.endpoint()).isEqualTo("10.0.0.7:443");
  }

  @Test
  @DisplayName("a provider without an endpoint, or with two provider blocks, fails with the fix")
  void failures() throws IOException {
    var noEndpoint = SecretProviderObjects.derive(provider(
        "metadata: {name: aws}\nspec: {provider: {aws: {service: SecretsManager, region: eu-west-1}}}"),
        ProviderSettings.defaults());
    var two = SecretProviderObjects.derive(provider(
        "metadata: {name: two}\nspec: {provider: {aws: {}, vault: {server: \"https://v:8200\"}}}"),
        ProviderSettings.defaults());

    assertThat(noEndpoint).isEqualTo(new SecretProviderObjects.Failed("no endpoint: spec.endpoint is not set and the "
        + "provider block has no server, url or endpoint URL, so the External Secrets controller's egress cannot "
        + "be derived. Fix: set spec.endpoint to the provider's API URL, e.g. endpoint: "
        + "https://vault.example.com:8200."));
    assertThat(two).isInstanceOf(SecretProviderObjects.Failed.class);
    assertThat(((SecretProviderObjects.Failed) two).message()).startsWith("spec.provider must hold exactly one");
  }

  @Test
  @DisplayName("the same SecretProvider derives the same bytes, whatever the order of its provider block's keys")
  void deterministic() throws IOException {
    var a = SecretProviderObjects.derive(provider("metadata: {name: v}\nspec: {provider: {vault: {server: "
        + "\"https://v:8200\", path: secret, version: v2}}}"), ProviderSettings.defaults());
    var b = SecretProviderObjects.derive(provider("metadata: {name: v}\nspec: {provider: {vault: {version: v2, "
        + "path: secret, server: \"https://v:8200\"}}}"), ProviderSettings.defaults());

    assertThat(Manifests.yaml(((SecretProviderObjects.Derived) a).objects()))
        .isEqualTo(Manifests.yaml(((SecretProviderObjects.Derived) b).objects()));
  }
}
