package dev.lattice.engine.validate;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.testkit.Specs;
import java.util.ArrayList;
import java.util.List;

/** Derives specs the way the CLI does: mapper diagnostics go into the engine together with the intent. */
final class Derivations {
  private Derivations() {}

  static ServiceInput input(String yaml) {
    MappedIntent mapped = Specs.mapped(yaml);
    return new ServiceInput(mapped.intent(), mapped.diagnostics());
  }

  /** Derives {@code yaml} in a fleet made of it and {@code others} (full documents). */
  static Derivation derive(String yaml, List<String> others) {
    return derive(yaml, others, PlatformSettings.defaults());
  }

  /** The same with other platform settings (the platform's providers, issue 17). */
  static Derivation derive(String yaml, List<String> others, PlatformSettings settings) {
    ServiceInput subject = input(yaml);
    List<ServiceInput> fleet = new ArrayList<>();
    fleet.add(subject);
    others.forEach(other -> fleet.add(input(other)));
    return new Engine(settings, dev.lattice.policy.Authorizer.permitAll()).derive(subject, Fleet.of(fleet));
  }

  static Derivation derive(String yaml) {
    return derive(yaml, List.of());
  }

  /** {@link Specs#minimalWith} as a complete service named {@code name} in namespace shop. */
  static String service(String name, String patch) {
    return Specs.minimalWith("metadata: {name: " + name + "}\n" + (patch.isBlank() ? "" : patch));
  }
}
