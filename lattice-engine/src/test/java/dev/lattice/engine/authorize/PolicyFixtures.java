package dev.lattice.engine.authorize;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import dev.lattice.testkit.Specs;
import java.util.ArrayList;
import java.util.List;

/** Derivations of one service under given Cedar statements, with the default platform contact. */
final class PolicyFixtures {
  private PolicyFixtures() {}

  /** Each argument is the text of one CedarPolicy in lattice-system, named p1, p2, … */
  static Engine engine(String... policies) {
    List<PolicyDocument> documents = new ArrayList<>();
    for (int i = 0; i < policies.length; i++) {
      documents.add(new PolicyDocument("p" + (i + 1), "lattice-system", policies[i], true, 0, "", ""));
    }
    return new Engine(PlatformSettings.defaults(), new CedarAuthorizer(PolicyLibrary.load(documents)));
  }

  static ServiceInput service(String patch) {
    return ServiceInput.of(Specs.intent(Specs.minimalWith(patch)));
  }

  static Derivation derive(Engine engine, ServiceInput input) {
    return engine.derive(input, Fleet.of(input));
  }
}
