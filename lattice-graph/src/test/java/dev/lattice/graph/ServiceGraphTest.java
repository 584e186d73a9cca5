package dev.lattice.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.testkit.Specs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class ServiceGraphTest {
  private static final ServiceRef FRONTEND = new ServiceRef("shop", "frontend");
  private static final ServiceRef BACKEND = new ServiceRef("shop", "backend");

  /** A service in namespace shop with the given {@code spec.workload.resources} entries (YAML flow mappings). */
  static ServiceIntent service(String name, String... resources) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: %s, namespace: shop}
        spec:
          workload:
            containers: {main: {image: x, command: [/x], resources: {limits: {cpu: 1, memory: 1Gi}}}}
            resources:
        """.formatted(name));
    if (resources.length == 0) {
      yaml.append("      {}\n");
    }
    for (String r : resources) {
      yaml.append("      ").append(r).append('\n');
    }
    return Specs.intent(yaml.toString());
  }

  @Test
  @DisplayName("an edge is active when the caller declares the callee and the callee declares the caller")
  void bilateralEdgeIsActive() {
    ServiceGraph graph = ServiceGraph.of(List.of(
        service("frontend", "backend: {type: service, direction: outbound}"),
        service("backend", "frontend: {type: service, direction: inbound}")));

    assertThat(graph.edges()).containsExactly(
        new Edge(FRONTEND, BACKEND, EdgeState.ACTIVE, java.util.Optional.of("backend"),
            java.util.Optional.of("frontend"), false));
  }

  @Test
  @DisplayName("a callee that accepts a caller which does not declare it has no active edge: pending on caller")
  void calleeOnlyIsPendingOnCaller() {
    ServiceGraph graph = ServiceGraph.of(List.of(
        service("frontend"),
        service("backend", "frontend: {type: service, direction: inbound}")));

    assertThat(graph.edgesTo(BACKEND)).singleElement()
        .satisfies(e -> assertThat(e.state()).isEqualTo(EdgeState.PENDING_CALLER));
    assertThat(graph.edgesFrom(FRONTEND)).singleElement()
        .satisfies(e -> assertThat(e.state()).isEqualTo(EdgeState.PENDING_CALLER));
  }

  @Test
  @DisplayName("a caller-only declaration is pending on the callee and reported from both sides")
  void callerOnlyIsPendingOnCallee() {
    ServiceGraph graph = ServiceGraph.of(List.of(
        service("frontend", "backend: {type: service}"),
        service("backend")));

    assertThat(graph.edgesFrom(FRONTEND)).extracting(Edge::state).containsExactly(EdgeState.PENDING_CALLEE);
    assertThat(graph.edgesTo(BACKEND)).extracting(Edge::state).containsExactly(EdgeState.PENDING_CALLEE);
  }

  @Test
  @DisplayName("a dependency on a service outside the fleet is an unknown target")
  void unknownTarget() {
    ServiceGraph graph = ServiceGraph.of(List.of(service("frontend", "ledger: {type: service, namespace: finance}")));

    assertThat(graph.edgesFrom(FRONTEND)).singleElement().satisfies(e -> {
      assertThat(e.callee()).isEqualTo(new ServiceRef("finance", "ledger"));
      assertThat(e.state()).isEqualTo(EdgeState.UNKNOWN_TARGET);
    });
  }

  @Test
  @DisplayName("an inbound \"*\" accepts every caller that declares the service, and creates no edge by itself")
  void anyCaller() {
    ServiceGraph graph = ServiceGraph.of(List.of(
        service("frontend", "backend: {type: service}"),
        service("other"),
        service("backend", "anyone: {type: service, direction: inbound, id: \"*\"}")));

    assertThat(graph.edgesTo(BACKEND)).singleElement().satisfies(e -> {
      assertThat(e.caller()).isEqualTo(FRONTEND);
      assertThat(e.state()).isEqualTo(EdgeState.ACTIVE);
      assertThat(e.viaAnyCaller()).isTrue();
      assertThat(e.calleeResource()).contains("anyone");
    });
  }

  @Test
  @DisplayName("direction both declares the edge in both directions")
  void both() {
    ServiceGraph graph = ServiceGraph.of(List.of(
        service("frontend", "backend: {type: service, direction: both}"),
        service("backend", "frontend: {type: service, direction: both}")));

    assertThat(graph.edges()).extracting(Edge::state).containsExactly(EdgeState.ACTIVE, EdgeState.ACTIVE);
  }

  @Test
  @DisplayName("neighbours of a service are everyone it declares and everyone declaring it")
  void neighbours() {
    ServiceGraph graph = ServiceGraph.of(List.of(
        service("a", "b: {type: service}"),
        service("b"),
        service("c", "a: {type: service, direction: inbound}"),
        service("d", "a: {type: service}"),
        service("e")));

    assertThat(graph.neighbours(new ServiceRef("shop", "a")))
        .containsExactly(new ServiceRef("shop", "b"), new ServiceRef("shop", "c"), new ServiceRef("shop", "d"));
  }

  @Test
  @DisplayName("property: an edge A->B is active if and only if A declares B and B declares A (or accepts any)")
  void activeIffBothDeclare() {
    qt().withExamples(60).forAll(fleets()).checkAssert(fleet -> {
      ServiceGraph graph = ServiceGraph.of(fleet.intents());
      for (ServiceRef a : fleet.refs()) {
        for (ServiceRef b : fleet.refs()) {
          boolean expected = fleet.outbound(a, b) && (fleet.inbound(b, a) || fleet.any(b));
          boolean active = graph.edgesFrom(a).stream().anyMatch(e -> e.callee().equals(b) && e.active());
          assertThat(active).as("%s -> %s", a, b).isEqualTo(expected);
          assertThat(graph.edgesTo(b).stream().anyMatch(e -> e.caller().equals(a) && e.active()))
              .as("seen from the callee %s -> %s", a, b).isEqualTo(expected);
        }
      }
    });
  }

  @Test
  @DisplayName("property: updating services one at a time gives the same edges as building the graph at once")
  void incrementalEqualsFull() {
    qt().withExamples(40).forAll(fleets(), fleets()).checkAssert((before, after) -> {
      ServiceGraph graph = ServiceGraph.of(before.intents());
      for (ServiceIntent intent : after.intents()) {
        graph = graph.with(intent);
      }
      for (ServiceRef ref : before.refs()) {
        if (!after.refs().contains(ref)) {
          graph = graph.without(ref);
        }
      }
      ServiceGraph full = ServiceGraph.of(after.intents());
      assertThat(graph.edges()).isEqualTo(full.edges());
      assertThat(graph.declaringMissing(missing -> true)).isEqualTo(full.declaringMissing(missing -> true));
    });
  }

  /** A random fleet of up to 6 services with random outbound and inbound declarations between them. */
  record RandomFleet(List<ServiceRef> refs, Map<ServiceRef, ServiceIntent> byRef, long seed) {
    List<ServiceIntent> intents() {
      List<ServiceIntent> list = new ArrayList<>(byRef.values());
      Collections.shuffle(list, new Random(seed));
      return list;
    }

    boolean outbound(ServiceRef a, ServiceRef b) {
      return Declarations.of(byRef.get(a)).outbound().containsKey(b);
    }

    boolean inbound(ServiceRef b, ServiceRef a) {
      return Declarations.of(byRef.get(b)).inbound().containsKey(a);
    }

    boolean any(ServiceRef b) {
      return Declarations.of(byRef.get(b)).anyCaller().isPresent();
    }
  }

  static Gen<RandomFleet> fleets() {
    return SourceDSL.longs().all().map(seed -> {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(6);
      List<ServiceRef> refs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        refs.add(new ServiceRef(random.nextBoolean() ? "shop" : "ops", "s" + i));
      }
      Map<ServiceRef, ServiceIntent> byRef = new TreeMap<>();
      for (ServiceRef ref : refs) {
        List<String> resources = new ArrayList<>();
        for (ServiceRef other : refs) {
          int roll = random.nextInt(6);
          String direction = roll == 0 ? "outbound" : roll == 1 ? "inbound" : roll == 2 ? "both" : null;
          if (direction != null) {
            resources.add("r-" + other.namespace() + "-" + other.name() + ": {type: service, direction: " + direction
                + ", namespace: " + other.namespace() + ", id: " + other.name() + "}");
          }
        }
        if (random.nextInt(8) == 0) {
          resources.add("anyone: {type: service, direction: inbound, id: \"*\"}");
        }
        if (random.nextInt(5) == 0) {
          resources.add("ghost: {type: service, namespace: nowhere}");
        }
        byRef.put(ref, withNamespace(ref, resources));
      }
      return new RandomFleet(refs, byRef, seed);
    });
  }

  private static ServiceIntent withNamespace(ServiceRef ref, List<String> resources) {
    ServiceIntent intent = service(ref.name(), resources.toArray(String[]::new));
    return new ServiceIntent(new ServiceRef(ref.namespace(), ref.name()), intent.apiVersion(), intent.uid(),
        intent.generation(), intent.labels(), intent.annotations(), intent.spec());
  }
}
