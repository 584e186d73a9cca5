package dev.lattice.engine.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * Changing one service re-derives only it and its graph neighbours, and the result is exactly what deriving the
 * whole new fleet gives: byte-identical objects and identical status for every service.
 */
class IncrementalDerivationTest {
  private static final Engine ENGINE = MeshFixtures.ENGINE;

  @Test
  @DisplayName("property: applying one change incrementally equals a full derivation of the new fleet")
  void incrementalEqualsFull() {
    qt().withExamples(40).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<String> names = List.of("a", "b", "c", "d", "e");
      List<ServiceInput> inputs = new ArrayList<>();
      for (String name : names) {
        inputs.add(randomService(name, names, random));
      }
      Fleet before = Fleet.of(inputs);
      Map<ServiceRef, String> state = render(ENGINE.deriveAll(before));

      boolean removal = random.nextInt(4) == 0;
      String target = names.get(random.nextInt(names.size()));
      Engine.Change change = removal
          ? ENGINE.remove(before, new ServiceRef("shop", target))
          : ENGINE.apply(before, randomService(target, names, random));
      change.removed().forEach(state::remove);
      if (removal) {
        state.remove(new ServiceRef("shop", target));
      }
      state.putAll(render(List.copyOf(change.rederived().values())));

      assertThat(state).isEqualTo(render(ENGINE.deriveAll(change.fleet())));
      assertThat(change.rederived().size()).isLessThanOrEqualTo(names.size());
    });
  }

  @Test
  @DisplayName("a change re-derives the service and its neighbours, and nothing else")
  void onlyNeighboursAreRederived() {
    Fleet before = Fleet.of(
        MeshFixtures.service("a", "b: {type: service}"),
        MeshFixtures.service("b", "a: {type: service, direction: inbound}"),
        MeshFixtures.service("c"));

    Engine.Change change = ENGINE.apply(before, MeshFixtures.service("a", "b: {type: service}", "x: {type: secret, "
        + "id: a/x, params: {provider: vault}}"));

    assertThat(change.rederived().keySet())
        .containsExactly(new ServiceRef("shop", "a"), new ServiceRef("shop", "b"));
  }

  @Test
  @DisplayName("a new or removed service re-derives the services whose missing dependency it is the nearest name for")
  void suggestionsFollowExistence() {
    Fleet before = Fleet.of(
        MeshFixtures.service("a", "ordrs: {type: service}"),
        MeshFixtures.service("c"));

    Engine.Change added = ENGINE.apply(before, MeshFixtures.service("orders"));
    Engine.Change removed = ENGINE.remove(added.fleet(), new ServiceRef("shop", "orders"));

    assertThat(added.rederived().keySet())
        .containsExactly(new ServiceRef("shop", "a"), new ServiceRef("shop", "orders"));
    assertThat(added.rederived().get(new ServiceRef("shop", "a")).status().toString())
        .contains("did you mean shop/orders?");
    assertThat(render(List.copyOf(added.rederived().values())).get(new ServiceRef("shop", "a")))
        .isEqualTo(render(ENGINE.deriveAll(added.fleet())).get(new ServiceRef("shop", "a")));
    assertThat(removed.rederived().get(new ServiceRef("shop", "a")).status().toString())
        .doesNotContain("did you mean");
  }

  private static ServiceInput randomService(String name, List<String> names, Random random) {
    List<String> resources = new ArrayList<>();
    for (String other : names) {
      int roll = random.nextInt(5);
      if (roll < 3 && !other.equals(name)) {
        resources.add(other + ": {type: service, direction: " + List.of("outbound", "inbound", "both").get(roll) + "}");
      }
    }
    if (random.nextInt(4) == 0) {
      resources.add("ghost: {type: service}");
    }
    return MeshFixtures.service(name, resources.toArray(String[]::new));
  }

  /** Everything a derivation says, as text: objects as canonical YAML plus every condition. */
  private static Map<ServiceRef, String> render(List<Derivation> derivations) {
    Map<ServiceRef, String> out = new TreeMap<>();
    for (Derivation d : derivations) {
      List<HasMetadata> objects = d instanceof Derivation.Derived derived ? derived.resources() : List.of();
      out.put(d.ref(), Manifests.yaml(objects) + d.status());
    }
    return out;
  }
}
