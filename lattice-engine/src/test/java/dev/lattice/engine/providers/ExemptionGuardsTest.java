package dev.lattice.engine.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The guard that keeps the image-verification exemption platform-derived (issue 17). */
class ExemptionGuardsTest {
  private static final Path GOLDEN = Specs.repoRoot().resolve("lattice-engine/src/test/golden/providers");

  @Test
  @DisplayName("a provider that verifies derives its policy, then a ValidatingAdmissionPolicy and its binding that "
      + "refuse the exemption label from anyone but the operator and the cluster's controllers; valid upstream")
  void guardFollowsThePolicy() throws IOException {
    ImageProvider ghcr = SecretProviderObjectsTest.example(ImageProvider.class);
    List<GenericKubernetesResource> objects =
        ImageProviderObjects.verificationObjects(ghcr, ImageVerificationSettings.defaults());

    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
        "ClusterImagePolicy/lattice-ghcr", "ValidatingAdmissionPolicy/lattice-ghcr-exemption",
        "ValidatingAdmissionPolicyBinding/lattice-ghcr-exemption");
    for (GenericKubernetesResource object : objects) {
      assertThat(SchemaValidator.problems(Manifests.tree(object))).as(object.getKind()).isEmpty();
    }
    Golden.assertMatches(GOLDEN.resolve("ghcr-exemption.yaml"), Manifests.yaml(List.copyOf(objects.subList(1, 3))));
    assertThat(ExemptionGuards.message()).isEqualTo("lattice.dev/skip-image-verification is set only by the "
        + "Lattice operator, on the pods of a LatticeService that Cedar permits SkipImageVerification. Fix: remove "
        + "the label and annotate the LatticeService lattice.dev/skip-image-verification: \"true\"; the operator "
        + "adds it where the permit exists.");
  }

  @Test
  @DisplayName("the same guard stands beside a Kyverno policy; the operator's user name comes from the settings")
  void kyvernoAndTheOperatorUser() throws IOException {
    ImageProvider ghcr = SecretProviderObjectsTest.example(ImageProvider.class);
    ImageVerificationSettings settings = PlatformSettings.defaults().withOverrides(Map.of(
        "imageVerification.admissionController", "kyverno",
        "imageVerification.operatorUser", "system:serviceaccount:platform:lattice")).imageVerification();
    List<GenericKubernetesResource> objects = ImageProviderObjects.verificationObjects(ghcr, settings);

    assertThat(objects).extracting(GenericKubernetesResource::getKind).containsExactly("ClusterPolicy",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    assertThat(Manifests.json(objects.get(1)))
        .contains("request.userInfo.username == 'system:serviceaccount:platform:lattice'")
        .doesNotContain("lattice-system:lattice-operator");
    ghcr.getSpec().trust = null;
    assertThat(ImageProviderObjects.verificationObjects(ghcr, settings)).as("nothing verified, nothing exempted")
        .isEmpty();
  }
}
