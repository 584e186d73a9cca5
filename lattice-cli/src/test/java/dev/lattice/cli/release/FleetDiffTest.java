package dev.lattice.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.cli.LatticeCli;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.output.Manifests;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff model on derived fleets: one changed rule is one group, a no-op is empty, noise is no change. */
class FleetDiffTest {
  @TempDir static Path temp;
  static Inputs fleet;

  @BeforeAll
  static void generateFleet() throws IOException {
    Path dir = temp.resolve("fleet");
    assertThat(LatticeCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "generate-fleet", "--services", "40", "--out", dir.toString())).isZero();
    fleet = Inputs.read(List.of(dir));
  }

  /** The current code with one derivation rule changed: pods spread over zones instead of hosts. */
  private static DerivedFleet zoneSpread() {
    PlatformSettings s = fleet.platform().settings();
    PlatformSettings zones = new PlatformSettings(s.clusterName(), s.clusterDomain(), "topology.kubernetes.io/zone",
        s.metricsQueryAddress(), s.platformContact(), s.systemNamespaces(), s.trustDomain(), s.metricsScraper(),
        s.serving(), s.providers(), s.hatches(), s.imageVerification(), s.cost());
    return new DerivedFleet(fleet.fleet(), zones, fleet.platform().authorizer());
  }

  private static final Expectation ZONES = new Expectation("Deployment",
      "spec.template.spec.topologySpreadConstraints[*].topologyKey", "changed", null, "Pods spread over zones.");

  private static long deployments() {
    List<ServiceRecord> records = new ArrayList<>();
    fleet.derived().forEachRemaining(records::add);
    return records.stream().filter(r -> r.objects().stream().anyMatch(o -> o.path("kind").asText()
        .equals("Deployment"))).count();
  }

  @Test
  @DisplayName("a changed derivation rule shows as one group with the right count and fails --check until declared")
  void changedRuleIsOneGroup() throws IOException {
    long expected = deployments();
    try (DiffResult result = FleetDiff.run(fleet.derived(), zoneSpread(), Expectations.none(), true)) {
      assertThat(result.groups()).singleElement().satisfies(group -> {
        assertThat(group.key()).isEqualTo(new GroupKey("Deployment",
            "spec.template.spec.topologySpreadConstraints[*].topologyKey", "changed"));
        assertThat(group.services()).isEqualTo(expected).isEqualTo(40);
        assertThat(group.examples()).hasSize(FleetDiff.EXAMPLES);
        assertThat(group.uncovered()).isEqualTo(40);
      });
      assertThat(result.flips()).isEmpty();
      assertThat(result.changed()).isEqualTo(40);
      assertThat(result.explained()).isFalse();
    }
    try (DiffResult result = FleetDiff.run(fleet.derived(), zoneSpread(), new Expectations(List.of(ZONES)), true)) {
      assertThat(result.explained()).isTrue();
      assertThat(result.groups().get(0).uncovered()).isZero();
    }
  }

  @Test
  @DisplayName("a declaration that matches nothing, or only some services, fails the check")
  void unmatchedAndPartialDeclarations() throws IOException {
    Expectation replicas = new Expectation("Deployment", "spec.replicas", "changed", null, "x");
    Expectation someServices = new Expectation("Deployment", "spec.template.**", "changed", "team-000/*", "x");
    try (DiffResult result = FleetDiff.run(fleet.derived(), zoneSpread(),
        new Expectations(List.of(replicas, someServices)), true)) {
      assertThat(result.unmatched()).containsExactly(replicas);
      assertThat(result.groups().get(0).uncovered()).isBetween(1, 39);
      assertThat(result.groups().get(0).uncoveredExamples()).noneMatch(s -> s.startsWith("team-000/"));
      assertThat(result.explained()).isFalse();
    }
  }

  @Test
  @DisplayName("a no-op diffs empty, also through a snapshot file (numbers, key order)")
  void noOpIsEmpty() throws IOException {
    Path snapshot = temp.resolve("noop.snapshot");
    Snapshots.write(fleet.derived(), snapshot);
    try (ServiceStream before = Snapshots.read(snapshot);
        DiffResult result = FleetDiff.run(before, fleet.derived(), Expectations.none(), true)) {
      assertThat(result.empty()).isTrue();
      assertThat(result.groups()).isEmpty();
      assertThat(result.compared()).isEqualTo(40);
      assertThat(result.explained()).isTrue();
    }
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) Manifests.jsonMapper().readTree(text);
  }

  @Test
  @DisplayName("key order, named-list order, an empty field and a spelt-out Kubernetes default are no change")
  void noiseIsNoChange() throws IOException {
    ObjectNode before = json("""
        {"kind":"Deployment","metadata":{"name":"a","labels":{"x":"1","y":"2"}},
         "spec":{"template":{"spec":{"containers":[{"name":"a","image":"i"},{"name":"b","image":"j"}]}}}}""");
    ObjectNode after = json("""
        {"metadata":{"labels":{"y":"2","x":"1"},"name":"a","annotations":{}},"kind":"Deployment",
         "spec":{"revisionHistoryLimit":10,"template":{"spec":{"dnsPolicy":"ClusterFirst",
           "containers":[{"image":"j","name":"b"},{"name":"a","image":"i","terminationMessagePolicy":"File"}]}}}}""");

    assertThat(TreeDiff.diff(before, after)).isEmpty();
  }

  @Test
  @DisplayName("one rule inserted in an unnamed list is one element added, not every later rule changed")
  void insertedRule() throws IOException {
    ObjectNode before = json("""
        {"kind":"CiliumNetworkPolicy","spec":{"egress":[{"toEntities":["a"]},{"toEntities":["c"]}]}}""");
    ObjectNode after = json("""
        {"kind":"CiliumNetworkPolicy","spec":{"egress":[{"toEntities":["a"]},{"toEntities":["b"]},
         {"toEntities":["c"]}]}}""");

    assertThat(TreeDiff.diff(before, after)).containsExactly(
        new FieldChange("spec.egress[1]", "spec.egress[*]", FieldChange.Change.added));
  }

  private static ServiceRecord record(String hash, int replicas) throws IOException {
    ObjectNode deployment = json("{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"},"
        + "\"spec\":{\"replicas\":" + replicas + ",\"template\":{\"metadata\":{\"annotations\":"
        + "{\"lattice.dev/config-hash\":\"" + hash + "\"}}}}}");
    return new ServiceRecord("n/a", "Ready", Manifests.jsonMapper().createArrayNode(), Map.of(), List.of(deployment));
  }

  private static List<GroupKey> groups(ServiceRecord before, ServiceRecord after) throws IOException {
    try (DiffResult result = FleetDiff.run(new ListStream(List.of(before)), new ListStream(List.of(after)),
        Expectations.none(), false)) {
      return result.groups().stream().map(DiffResult.Group::key).toList();
    }
  }

  @Test
  @DisplayName("a hash annotation that changes with another field is an echo; alone it is the change")
  void hashEcho() throws IOException {
    assertThat(groups(record("h1", 2), record("h2", 3)))
        .containsExactly(new GroupKey("Deployment", "spec.replicas", "changed"));
    assertThat(groups(record("h1", 2), record("h2", 2))).containsExactly(new GroupKey("Deployment",
        "spec.template.metadata.annotations[lattice.dev/config-hash]", "changed"));
  }
}
