package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DerivedManifestsSchemaTest {
  // Everything permitted, so that every object an access decision can add is rendered and checked.
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());

  @Test
  @DisplayName("every object derived from the bundled commerce example matches the upstream schema of its kind")
  void examplesMatchUpstreamSchemas() {
    List<Derivation> derivations = derive(Specs.readDirectory(Specs.repoRoot().resolve("examples/commerce")));

    assertThat(derivations).isNotEmpty();
    derivations.forEach(DerivedManifestsSchemaTest::assertDerived);
    assertAllValid(derivations);
  }

  @Test
  @DisplayName("the feature-rich fixture derives and every object, of every kind the renderer makes, matches its"
      + " upstream schema")
  void featureRichFixtureMatchesUpstreamSchemas() throws URISyntaxException {
    Path fixture = Path.of(getClass().getResource("/fixtures/feature-rich.yaml").toURI());
    List<Derivation> derivations = derive(Specs.readDirectory(fixture));

    assertThat(derivations).hasSize(3);
    derivations.forEach(DerivedManifestsSchemaTest::assertDerived);
    assertAllValid(derivations);
    // The fixture is only worth something while it reaches every kind the renderer can make.
    Set<String> kinds = derivations.stream()
        .flatMap(d -> ((Derivation.Derived) d).resources().stream())
        .map(o -> o.getApiVersion() + " " + o.getKind())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(kinds).containsExactlyInAnyOrder(
        "v1 ServiceAccount", "v1 ConfigMap", "v1 Service", "v1 PersistentVolumeClaim", "apps/v1 Deployment",
        "policy/v1 PodDisruptionBudget", "external-secrets.io/v1 ExternalSecret", "keda.sh/v1alpha1 ScaledObject",
        "operator.victoriametrics.com/v1beta1 VMServiceScrape", "gateway.networking.k8s.io/v1 HTTPRoute",
        "gateway.networking.k8s.io/v1 GRPCRoute", "gateway.networking.k8s.io/v1 TCPRoute",
        "cert-manager.io/v1 Certificate", "cilium.io/v2 CiliumNetworkPolicy",
        "security.istio.io/v1 AuthorizationPolicy", "cilium.io/v1alpha1 TracingPolicyNamespaced",
        "gateway.networking.k8s.io/v1 Gateway", "networking.istio.io/v1 ServiceEntry");
  }

  static List<Derivation> derive(List<MappedIntent> intents) {
    Fleet fleet = Fleet.of(intents.stream().map(m -> new ServiceInput(m.intent(), m.diagnostics())).toList());
    return ENGINE.deriveAll(fleet);
  }

  static void assertDerived(Derivation derivation) {
    if (!(derivation instanceof Derivation.Derived)) {
      fail(derivation.ref() + " was rejected:\n" + derivation.diagnostics().stream()
          .map(d -> d.reason() + " " + d.message()).collect(Collectors.joining("\n")));
    }
  }

  /** Every problem of every object, so that one run shows all of them. */
  static void assertAllValid(List<Derivation> derivations) {
    SoftAssertions softly = new SoftAssertions();
    for (Derivation derivation : derivations) {
      if (derivation instanceof Derivation.Derived derived) {
        for (HasMetadata object : derived.resources()) {
          softly.assertThat(SchemaValidator.problems(Manifests.tree(object)))
              .as(SchemaValidator.identify(Manifests.tree(object)))
              .isEmpty();
        }
      }
    }
    softly.assertAll();
  }
}
