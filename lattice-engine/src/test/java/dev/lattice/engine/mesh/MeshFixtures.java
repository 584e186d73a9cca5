package dev.lattice.engine.mesh;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Small fleets for mesh tests: services in namespace shop with one http port (8080) and given resources. */
final class MeshFixtures {
  static final Engine ENGINE = new Engine(PlatformSettings.defaults(), dev.lattice.policy.Authorizer.permitAll());

  private MeshFixtures() {}

  /** A service named {@code name} in {@code namespace} with {@code resources} (YAML flow mappings). */
  static ServiceInput inNamespace(String namespace, String name, String... resources) {
    StringBuilder patch = new StringBuilder("metadata: {name: " + name + ", namespace: " + namespace + "}\n"
        + "spec:\n  workload:\n    resources:\n");
    if (resources.length == 0) {
      patch.append("      {}\n");
    }
    for (String r : resources) {
      patch.append("      ").append(r).append('\n');
    }
    return ServiceInput.of(Specs.intent(Specs.minimalWith(patch.toString())));
  }

  static ServiceInput service(String name, String... resources) {
    return inNamespace("shop", name, resources);
  }

  static Derivation.Derived derive(Fleet fleet, String name) {
    return derive(fleet, "shop", name);
  }

  static Derivation.Derived derive(Fleet fleet, String namespace, String name) {
    var input = fleet.services().stream()
        .filter(s -> s.intent().ref().name().equals(name) && s.intent().ref().namespace().equals(namespace))
        .findFirst().orElseThrow();
    Derivation d = ENGINE.derive(input, fleet);
    if (d instanceof Derivation.Derived derived) {
      return derived;
    }
    throw new AssertionError("expected " + name + " to derive, got " + d.diagnostics());
  }

  static HasMetadata object(Derivation.Derived derived, String kind) {
    return derived.resources().stream().filter(o -> o.getKind().equals(kind)).findFirst().orElseThrow();
  }

  /** The object as canonical YAML, for asserting on what a user would read. */
  static String yaml(HasMetadata object) {
    return Manifests.yaml(List.of(object));
  }
}
