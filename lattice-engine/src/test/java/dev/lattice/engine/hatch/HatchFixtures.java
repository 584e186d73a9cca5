package dev.lattice.engine.hatch;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Engines on a pinned date with given Cedar statements, and fleets of services and mesh members. */
final class HatchFixtures {
  private HatchFixtures() {}

  static Engine engine(LocalDate today, String... policies) {
    List<PolicyDocument> documents = new ArrayList<>();
    for (int i = 0; i < policies.length; i++) {
      documents.add(new PolicyDocument("p" + (i + 1), "lattice-system", policies[i], true, 0, "", ""));
    }
    return new Engine(PlatformSettings.defaults(), new CedarAuthorizer(PolicyLibrary.load(documents))).on(today);
  }

  static Derivation derive(Engine engine, ServiceIntent subject, ServiceIntent... others) {
    List<ServiceInput> inputs = new ArrayList<>();
    inputs.add(ServiceInput.of(subject));
    Arrays.stream(others).map(ServiceInput::of).forEach(inputs::add);
    return engine.derive(inputs.get(0), Fleet.of(inputs));
  }
}
