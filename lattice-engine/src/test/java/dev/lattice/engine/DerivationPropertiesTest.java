package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.ManifestInvariants;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.SpecGenerators;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Properties over generated specs. Example counts are kept small enough for the class to run in a few seconds on two
 * cores; run with {@code -DQT_EXAMPLES=5000} (and {@code -DQT_SEED=<seed>} to replay a failure) to search harder.
 */
class DerivationPropertiesTest {
  // Everything permitted, so that every object an access decision can add is rendered and checked.
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());

  @Test
  @DisplayName("deriving any generated spec, valid or not, never throws: problems become Rejected; a value of the"
      + " wrong type is a reading error, never a crash of the mapper")
  void derivationNeverThrows() {
    AtomicInteger derived = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    qt().withExamples(examples(1000))
        .forAll(Generate.oneOf(SpecGenerators.services(2), SpecGenerators.services(15)))
        .checkAssert(document -> deriveAlone(document).ifPresent(derivation -> {
          (derivation instanceof Derivation.Derived ? derived : rejected).incrementAndGet();
          if (derivation instanceof Derivation.Rejected) {
            assertThat(derivation.diagnostics()).as("a rejection says why").isNotEmpty();
          }
        }));
    // Both outcomes must be common, or the property says little about one of them.
    assertThat(derived.get()).as("derived").isGreaterThan(examples(1000) / 20);
    assertThat(rejected.get()).as("rejected").isGreaterThan(examples(1000) / 4);
  }

  @Test
  @DisplayName("every object of every derived spec matches its upstream schema and the invariants schemas cannot"
      + " check")
  void derivedObjectsAreValid() {
    AtomicInteger derived = new AtomicInteger();
    qt().withExamples(examples(300))
        .forAll(Generate.oneOf(SpecGenerators.validServices(), SpecGenerators.services(3)))
        .checkAssert(document -> {
          if (deriveAlone(document).orElse(null) instanceof Derivation.Derived d) {
            derived.incrementAndGet();
            List<JsonNode> trees = d.resources().stream().map(Manifests::tree).toList();
            trees.forEach(SchemaValidator::assertValid);
            ManifestInvariants.assertHold(trees);
          }
        });
    assertThat(derived.get()).as("derived").isGreaterThan(examples(300) / 3);
  }

  @Test
  @DisplayName("specs generated from valid choices only are always derived")
  void validSpecsDerive() {
    qt().withExamples(examples(300))
        .forAll(SpecGenerators.validServices())
        .checkAssert(document -> {
          Derivation derivation = deriveAlone(document).orElseThrow();
          assertThat(derivation.diagnostics())
              .as("diagnostics of a valid spec")
              .allSatisfy(d -> assertThat(d.severity()).isEqualTo(dev.lattice.api.status.Severity.WARNING));
          assertThat(derivation).isInstanceOf(Derivation.Derived.class);
        });
  }

  @Test
  @DisplayName("a fleet derives byte-identical objects and status whatever the order of its services and of the"
      + " keys in their YAML")
  void derivationIsDeterministic() {
    qt().withExamples(examples(100))
        .forAll(SpecGenerators.fleets(4, 3), Generate.longRange(0, Long.MAX_VALUE))
        .checkAssert((fleet, seed) -> {
          String expected = output(fleet);
          Random random = new Random(seed);
          List<Map<String, Object>> reordered = new ArrayList<>();
          for (Map<String, Object> document : fleet) {
            reordered.add(SpecGenerators.shuffledKeys(document, random));
          }
          Collections.shuffle(reordered, random);
          assertThat(output(reordered)).isEqualTo(expected);
        });
  }

  /** {@code -DQT_EXAMPLES=n} overrides every count here, to search harder (or faster) than the build does. */
  private static int examples(int usual) {
    return Integer.getInteger("QT_EXAMPLES", usual);
  }

  /** The derivation of one spec on its own, or empty when the spec cannot be read at all. */
  private static Optional<Derivation> deriveAlone(Map<String, Object> document) {
    return read(document).map(input -> ENGINE.derive(input, Fleet.of(input)));
  }

  /**
   * The spec through the v1alpha1 mapper. A value Jackson cannot convert (say, null where an int-or-string is
   * expected) is a reading error the CLI reports with file and line before the engine is involved; any other
   * exception is a bug of the mapper and fails the property.
   */
  private static Optional<ServiceInput> read(Map<String, Object> document) {
    MappedIntent mapped;
    try {
      mapped = Specs.mapped(SpecGenerators.yaml(document));
    } catch (UncheckedIOException e) {
      assertThat(e.getCause()).as("why the spec cannot be read").isInstanceOf(JsonMappingException.class);
      return Optional.empty();
    }
    return Optional.of(new ServiceInput(mapped.intent(), mapped.diagnostics()));
  }

  /** Everything a fleet derives to, as text: each service's status, then its objects as canonical YAML. */
  private static String output(List<Map<String, Object>> documents) {
    List<ServiceInput> inputs = new ArrayList<>();
    for (Map<String, Object> document : documents) {
      read(document).ifPresent(inputs::add);
    }
    StringBuilder out = new StringBuilder();
    for (Derivation derivation : ENGINE.deriveAll(Fleet.of(inputs))) {
      out.append("# ").append(derivation.ref()).append(' ').append(derivation.status()).append('\n');
      if (derivation instanceof Derivation.Derived derived) {
        List<HasMetadata> resources = derived.resources();
        out.append(Manifests.yaml(resources));
      }
    }
    return out.toString();
  }
}
