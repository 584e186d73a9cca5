package dev.lattice.engine.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples and the feature-rich fixture derive the same in every version; diagnostics name written paths. */
class WrittenVersionTest {
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());
  private static final ObjectMapper YAML = new YAMLMapper();

  static Stream<Path> fleets() throws Exception {
    return Stream.of(Specs.repoRoot().resolve("examples/commerce"), Specs.repoRoot().resolve("examples/invalid"),
        Path.of(WrittenVersionTest.class.getResource("/fixtures/feature-rich.yaml").toURI()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fleets")
  @DisplayName("a v1alpha1 fleet and the same fleet converted to v1beta1 and to v1 derive byte-identical objects")
  void convertedFleetsDeriveIdentically(Path fleet) throws IOException {
    List<ObjectNode> documents = documents(fleet);
    assertThat(documents).isNotEmpty();
    List<Derivation> alpha = derive(documents);
    for (ApiVersion version : List.of(ApiVersion.V1BETA1, ApiVersion.V1)) {
      List<Derivation> other = derive(documents.stream().map(d -> Specs.converted(d, version)).toList());
      assertThat(other).hasSameSizeAs(alpha);
      for (int i = 0; i < alpha.size(); i++) {
        ApiVersionPropertiesTest.assertSame(alpha.get(i), other.get(i), version);
      }
      assertThat(Manifests.jsonDigest(objects(other))).isEqualTo(Manifests.jsonDigest(objects(alpha)));
    }
  }

  @Test
  @DisplayName("owner references name the storage version lattice.dev/v1, whatever version the spec was written in")
  void ownerReferencesUseTheStorageVersion() {
    for (ApiVersion version : ApiVersion.values()) {
      String yaml = Specs.converted(Specs.minimalWith("metadata: {uid: 6a1c1f7e-0d0e-4d5e-9c1a-1b2c3d4e5f60}"),
          version);
      MappedIntent mapped = Specs.mapped(yaml);
      ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
      Derivation.Derived derived = (Derivation.Derived) ENGINE.derive(input, Fleet.of(input));
      assertThat(derived.resources()).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences())
          .singleElement().satisfies(ref -> assertThat(ref.getApiVersion()).isEqualTo("lattice.dev/v1")));
    }
  }

  @Test
  @DisplayName("a problem found by a rule names the field as written in v1beta1 and v1")
  void diagnosticsNameTheWrittenPath() {
    String alpha = Specs.minimalWith("""
        spec:
          workload:
            containers:
              main: {command: [relative]}
            resources:
              db-password: {type: secret, params: {provider: vault}}
              cart: {type: service, direction: inbound, id: "Cart!"}
        """);
    assertThat(paths(alpha, ApiVersion.V1ALPHA1)).containsExactly("spec.workload.containers.main.command[0]",
        "spec.workload.resources.cart.id", "spec.workload.resources.db-password.id", "spec.workload.resources.cart");
    assertThat(paths(alpha, ApiVersion.V1BETA1)).containsExactly("spec.containers.main.command[0]",
        "spec.dependencies.cart.id", "spec.secrets.db-password.id", "spec.dependencies.cart");
    assertThat(paths(alpha, ApiVersion.V1)).containsExactly("spec.containers.main.command[0]",
        "spec.dependencies.inbound.cart.id", "spec.secrets.db-password.id", "spec.dependencies.inbound.cart");
  }

  @Test
  @DisplayName("image '.' in a v1 document is an error at the field, with the choice to make")
  void runtimeImageInV1() throws IOException {
    ObjectNode v1 = (ObjectNode) YAML.readTree(Specs.converted(Specs.MINIMAL, ApiVersion.V1));
    ((ObjectNode) v1.at("/spec/containers/main")).put("image", ".");
    MappedIntent mapped = Specs.mapped(v1);
    ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
    List<Diagnostic> errors = ENGINE.derive(input, Fleet.of(input)).diagnostics().stream()
        .filter(d -> d.reason() == Reason.InvalidImage).toList();
    assertThat(errors).containsExactly(new Diagnostic(Reason.InvalidImage, "spec.containers.main.image",
        "image '.' (supplied by the runtime at deploy time) is not part of lattice.dev/v1: a v1 spec names the "
            + "image it runs.",
        "choose the image and write it here, e.g. image: ghcr.io/acme/app:1.4.2@sha256:<digest> (or keep the spec "
            + "in lattice.dev/v1beta1 until you can)."));
  }

  private static List<io.fabric8.kubernetes.api.model.HasMetadata> objects(List<Derivation> derivations) {
    return derivations.stream().filter(Derivation.Derived.class::isInstance)
        .flatMap(d -> ((Derivation.Derived) d).resources().stream()).toList();
  }

  private static List<String> paths(String alphaYaml, ApiVersion version) {
    MappedIntent mapped = Specs.mapped(Specs.converted(alphaYaml, version));
    ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
    return ENGINE.derive(input, Fleet.of(input)).diagnostics().stream().map(Diagnostic::fieldPath).toList();
  }

  private static List<Derivation> derive(List<ObjectNode> documents) {
    List<ServiceInput> inputs = new ArrayList<>();
    for (ObjectNode document : documents) {
      MappedIntent mapped = Specs.mapped(document);
      inputs.add(new ServiceInput(mapped.intent(), mapped.diagnostics()));
    }
    return ENGINE.deriveAll(Fleet.of(inputs));
  }

  private static List<ObjectNode> documents(Path path) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    List<Path> files;
    try (var walk = Files.walk(path)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path file : files) {
      for (Object document : YAML.readerFor(ObjectNode.class).readValues(Files.readString(file)).readAll()) {
        ObjectNode node = (ObjectNode) document;
        if ("LatticeService".equals(node.path("kind").asText())) {
          out.add(node);
        }
      }
    }
    return out;
  }
}
