package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** The operator's incremental fleet against a full rebuild from the same informer cache. */
class FleetViewTest {
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());
  private static final String[] NAMES = {"a", "b", "c", "d", "e", "f"};

  /** Service {@code name} in namespace shop calling {@code outbound} and accepting {@code inbound}. */
  static LatticeService service(String name, long generation, String uid, List<String> outbound, List<String> inbound) {
    StringBuilder patch = new StringBuilder("metadata: {name: " + name + ", uid: " + uid + ", generation: "
        + generation + "}\nspec:\n  workload:\n    resources:\n");
    outbound.forEach(o -> patch.append("      to-").append(o).append(": {type: service, id: ").append(o)
        .append(", direction: outbound}\n"));
    inbound.forEach(i -> patch.append("      from-").append(i).append(": {type: service, id: ").append(i)
        .append(", direction: inbound}\n"));
    if (outbound.isEmpty() && inbound.isEmpty()) {
      patch.append("      {}\n");
    }
    return StorageVersion.v1(Specs.minimalWith(patch.toString()));
  }

  static ServiceRef ref(String name) {
    return new ServiceRef("shop", name);
  }

  /** What a reconcile writes for each service: the objects' digest and the status. */
  static Map<ServiceRef, String> derived(Fleet fleet) {
    Map<ServiceRef, String> out = new LinkedHashMap<>();
    for (ServiceInput input : fleet.services()) {
      Derivation d = ENGINE.derive(input, fleet);
      String objects = d instanceof Derivation.Derived derived ? Applier.digestAll(derived.resources()) : "-";
      out.put(d.ref(), objects + " " + d.status());
    }
    return out;
  }

  @Test
  @DisplayName("a new caller requeues its callee and nobody else; deleting it requeues the callee again")
  void requeuesConsentPartners() {
    FleetView view = new FleetView();
    view.observe(service("a", 1, "u-a", List.of(), List.of("b")));
    view.observe(service("c", 1, "u-c", List.of(), List.of()));

    FleetView.Change added = view.observe(service("b", 1, "u-b", List.of("a"), List.of()));
    assertThat(added.affected()).containsExactly(ref("a"));
    assertThat(view.affectedBy(service("b", 1, "u-b", List.of("a"), List.of()))).containsExactly(ref("a"));
    assertThat(view.affectedBy(service("c", 1, "u-c", List.of(), List.of())))
        .as("c's own last change, not b's: c appearing changed what a's missing caller b could mean")
        .containsExactly(ref("a"));

    assertThat(view.observe(service("b", 1, "u-b", List.of("a"), List.of())).affected())
        .as("the same generation again (a status write) changes nothing").isEmpty();
    assertThat(view.deleted(service("b", 1, "u-b", List.of("a"), List.of())).affected()).containsExactly(ref("a"));
    assertThat(view.fleet().input(ref("b"))).isEmpty();
  }

  @Test
  @DisplayName("a service marked for deletion leaves the fleet at once, as a full rebuild leaves it out")
  void markedForDeletion() {
    FleetView view = new FleetView();
    view.observe(service("a", 1, "u-a", List.of("b"), List.of()));
    LatticeService b = service("b", 1, "u-b", List.of(), List.of("a"));
    view.observe(b);
    b.getMetadata().setDeletionTimestamp("2026-12-01T00:00:00Z");
    b.getMetadata().setGeneration(2L);

    assertThat(view.observe(b).affected()).containsExactly(ref("a"));
    assertThat(view.fleet().input(ref("b"))).isEmpty();
    assertThat(view.deleted(b).affected()).as("already gone").isEmpty();
  }

  @Test
  @DisplayName("the view holds the cache only once it has seen every service at its generation")
  void holdsAll() {
    FleetView view = new FleetView();
    LatticeService a = service("a", 2, "u-a", List.of(), List.of());
    LatticeService b = service("b", 1, "u-b", List.of(), List.of());
    assertThat(view.holdsAll(java.util.stream.Stream.of(a, b))).isFalse();
    view.observe(a);
    view.observe(b);
    assertThat(view.holdsAll(java.util.stream.Stream.of(a, b))).isTrue();
    assertThat(view.holdsAll(java.util.stream.Stream.of(service("a", 3, "u-a", List.of(), List.of())))).isFalse();
  }

  @Test
  @DisplayName("a reconcile sees its own version of the service even before the fleet's informer has it")
  void fleetForOverlaysTheReconciledVersion() {
    FleetView view = new FleetView();
    view.observe(service("a", 1, "u-a", List.of(), List.of()));
    LatticeService next = service("a", 2, "u-a", List.of("b"), List.of());
    ServiceInput input = FleetView.input(next);

    Fleet seen = view.fleetFor(next, input);
    assertThat(seen.input(ref("a"))).contains(input);
    assertThat(view.fleet().input(ref("a"))).isNotEqualTo(java.util.Optional.of(input));
    assertThat(view.fleetFor(service("a", 1, "u-a", List.of(), List.of()), FleetView.input(
        service("a", 1, "u-a", List.of(), List.of())))).as("the version it holds: no copy").isSameAs(view.fleet());
  }

  @Test
  @DisplayName("property: after any sequence of events the incremental fleet derives exactly as a full rebuild, "
      + "and every service whose derivation a change alters is requeued")
  void incrementalEqualsRebuild() {
    qt().withExamples(20).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      FleetView view = new FleetView();
      Map<String, LatticeService> cache = new LinkedHashMap<>();
      Map<String, Long> generations = new LinkedHashMap<>();
      Map<ServiceRef, String> before = Map.of();
      for (int step = 0; step < 10; step++) {
        String name = NAMES[random.nextInt(NAMES.length)];
        FleetView.Change change;
        int what = random.nextInt(10);
        if (what < 2 && cache.containsKey(name)) {
          change = view.deleted(cache.remove(name));
        } else if (what < 3 && cache.containsKey(name)) {
          LatticeService marked = cache.get(name);
          marked.getMetadata().setDeletionTimestamp("2026-12-01T00:00:00Z");
          change = view.observe(marked);
        } else {
          long generation = generations.merge(name, 1L, Long::sum);
          LatticeService next = service(name, generation, "u-" + name, pick(random), pick(random));
          cache.put(name, next);
          change = view.observe(next);
        }
        Fleet rebuilt = FleetView.rebuild(cache.values().stream());
        Map<ServiceRef, String> after = derived(rebuilt);
        assertThat(derived(view.fleet())).isEqualTo(after);
        assertThat(view.fleet().graph().edges()).isEqualTo(rebuilt.graph().edges());
        Set<ServiceRef> changed = new TreeSet<>();
        for (var entry : after.entrySet()) {
          ServiceRef r = entry.getKey();
          if (!r.equals(ref(name)) && before.containsKey(r) && !before.get(r).equals(entry.getValue())) {
            changed.add(r);
          }
        }
        assertThat(change.affected()).containsAll(changed);
        before = after;
      }
    });
  }

  /** Member {@code name} of namespace shop (pods app=name, account name) accepting {@code callers} on http. */
  static dev.lattice.api.hatch.LatticeMeshMember member(String name, long generation, List<String> callers) {
    String yaml = """
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: %s, namespace: shop, uid: u-%s, generation: %d}
        spec:
          owner: team-billing
          reason: JIRA-123 legacy billing until the rewrite
          expires: "2027-03-31"
          selector: {app: %s}
          mesh:
            serviceAccount: %s
            ports: {http: {port: 8080}}
            allowedCallers: {%s}
        """.formatted(name, name, generation, name, name,
        String.join(", ", callers.stream().map(c -> c + ": {}").toList()));
    try {
      return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readValue(yaml,
          dev.lattice.api.hatch.LatticeMeshMember.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("a mesh member is a node: its consent change requeues its caller, the caller's change requeues it, "
      + "each split by kind")
  void meshMembersAreNodes() {
    FleetView view = new FleetView();
    view.observe(service("a", 1, "u-a", List.of("legacy"), List.of()));
    view.observe(service("c", 1, "u-c", List.of(), List.of()));

    FleetView.Change joined = view.observe(member("legacy", 1, List.of()));
    assertThat(joined.affected()).as("its caller a").containsExactly(ref("a"));
    assertThat(view.kindOf(ref("legacy"))).contains(FleetView.Kind.MESH_MEMBER);
    FleetView.Change consented = view.observe(member("legacy", 2, List.of("a")));
    assertThat(consented.affected()).containsExactly(ref("a"));
    assertThat(view.requeues(member("legacy", 2, List.of("a")), FleetView.Kind.MESH_MEMBER))
        .as("nothing before the initial lists are in").isEmpty();

    view.caughtUp();
    FleetView.Change dropped = view.observe(service("a", 2, "u-a", List.of(), List.of()));
    assertThat(dropped.affected()).isEmpty();
    assertThat(dropped.members()).containsExactly(ref("legacy"));
    assertThat(view.requeues(service("a", 2, "u-a", List.of(), List.of()), FleetView.Kind.MESH_MEMBER))
        .containsExactly(ref("legacy"));
    assertThat(view.requeues(service("a", 2, "u-a", List.of(), List.of()))).isEmpty();
    assertThat(derived(view.fleet())).isEqualTo(derived(FleetView.rebuild(java.util.stream.Stream.of(
        service("a", 2, "u-a", List.of(), List.of()), service("c", 1, "u-c", List.of(), List.of()),
        member("legacy", 2, List.of("a"))))));
  }

  @Test
  @DisplayName("a name a node of another kind holds stays that node's: the member beside it neither replaces nor "
      + "removes it")
  void aNameHeldByAnotherKind() {
    FleetView view = new FleetView();
    LatticeService a = service("a", 1, "u-a", List.of(), List.of());
    view.observe(a);
    Fleet before = view.fleet();
    assertThat(view.observe(member("a", 1, List.of())).affected()).isEmpty();
    assertThat(view.fleet()).isSameAs(before);
    assertThat(view.deleted(member("a", 1, List.of())).affected()).isEmpty();
    assertThat(view.kindOf(ref("a"))).contains(FleetView.Kind.SERVICE);
    assertThat(view.holdsAll(java.util.stream.Stream.of(a, member("a", 1, List.of())))).isTrue();
  }

  @Test
  @DisplayName("the view is caught up only once every expected kind's informer has handed over its list")
  void caughtUpPerKind() {
    FleetView view = new FleetView();
    view.expect(FleetView.Kind.SERVICE);
    view.expect(FleetView.Kind.MESH_MEMBER);
    view.caughtUp(FleetView.Kind.SERVICE);
    assertThat(view.isCaughtUp()).isFalse();
    view.caughtUp(FleetView.Kind.MESH_MEMBER);
    assertThat(view.isCaughtUp()).isTrue();
  }

  private static List<String> pick(Random random) {
    return java.util.Arrays.stream(NAMES).filter(n -> random.nextInt(4) == 0).toList();
  }
}
