package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator's RBAC grants exactly the kinds the engine can derive, and the engine derives only those. */
class RbacTest {
  private static final Set<String> FULL = Set.of("get", "list", "watch", "create", "update", "patch", "delete");

  private static JsonNode clusterRole() throws IOException {
    ObjectMapper yaml = new YAMLMapper();
    for (JsonNode doc : yaml.readerFor(JsonNode.class).<JsonNode>readValues(
        Specs.repoRoot().resolve("deploy/operator/rbac.yaml").toFile()).readAll()) {
      if (doc.path("kind").asText().equals("ClusterRole")) {
        return doc;
      }
    }
    throw new AssertionError("no ClusterRole in deploy/operator/rbac.yaml");
  }

  /** "group/plural" for every rule entry that grants the given verbs set exactly. */
  private static Set<String> grants(JsonNode role, Set<String> verbs) {
    Set<String> out = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      Set<String> ruleVerbs = new TreeSet<>();
      rule.path("verbs").forEach(v -> ruleVerbs.add(v.asText()));
      if (!ruleVerbs.equals(verbs)) {
        continue;
      }
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          out.add(group.asText() + "/" + resource.asText());
        }
      }
    }
    return out;
  }

  @Test
  @DisplayName("the ClusterRole grants full access to exactly the managed kinds, and nothing else gets write access")
  void rbacMatchesManagedKinds() throws IOException {
    Set<String> managed = new TreeSet<>();
    ManagedKinds.ALL.forEach(k -> managed.add(k.group() + "/" + k.plural()));

    assertThat(grants(clusterRole(), FULL)).isEqualTo(managed);
    // Secrets: only get by name (secret rotation), never list, watch or write.
    for (JsonNode rule : clusterRole().path("rules")) {
      if (rule.path("resources").toString().contains("\"secrets\"")) {
        assertThat(rule.path("resources").size()).isEqualTo(1);
        assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\"]");
      }
    }
    assertThat(clusterRole().toString()).doesNotContain("\"*\"");
  }

  @Test
  @DisplayName("the platform's provider objects: SecretProviders read with status, their ClusterSecretStores written "
      + "but never deleted by hand (owner references do)")
  void providerObjects() throws IOException {
    JsonNode role = clusterRole();
    assertThat(grants(role, Set.of("get", "list", "watch", "patch", "update"))).contains("lattice.dev/secretproviders");
    assertThat(grants(role, Set.of("get", "patch", "update"))).contains("lattice.dev/secretproviders/status");
    assertThat(grants(role, Set.of("get", "list", "watch", "create", "update", "patch")))
        .containsExactly("admissionregistration.k8s.io/validatingadmissionpolicies",
            "admissionregistration.k8s.io/validatingadmissionpolicybindings",
            "external-secrets.io/clustersecretstores", "kyverno.io/clusterpolicies",
            "policy.sigstore.dev/clusterimagepolicies");
    assertThat(grants(role, Set.of("get", "list", "watch", "patch", "update"))).contains("lattice.dev/imageproviders");
    assertThat(ClusterObjects.PLURALS.values()).containsExactlyInAnyOrder("clustersecretstores",
        "ciliumnetworkpolicies", "clusterimagepolicies", "clusterpolicies", "validatingadmissionpolicies",
        "validatingadmissionpolicybindings");
  }

  @Test
  @DisplayName("escape hatches: LatticeMeshMembers and LatticePackages read, their status and finalizers written, "
      + "never created or deleted")
  void escapeHatches() throws IOException {
    JsonNode role = clusterRole();
    assertThat(grants(role, Set.of("get", "list", "watch", "patch", "update")))
        .contains("lattice.dev/latticemeshmembers", "lattice.dev/latticepackages");
    assertThat(grants(role, Set.of("get", "patch", "update")))
        .contains("lattice.dev/latticemeshmembers/status", "lattice.dev/latticepackages/status");
    assertThat(grants(role, Set.of("update")))
        .contains("lattice.dev/latticemeshmembers/finalizers", "lattice.dev/latticepackages/finalizers");
    assertThat(grants(role, FULL)).doesNotContain("lattice.dev/latticemeshmembers", "lattice.dev/latticepackages");
  }

  @Test
  @DisplayName("LatticeQuotas: read (never written: the platform team owns them), their status written")
  void quotas() throws IOException {
    JsonNode role = clusterRole();
    assertThat(grants(role, Set.of("get", "list", "watch"))).contains("lattice.dev/latticequotas");
    assertThat(grants(role, Set.of("get", "patch", "update"))).contains("lattice.dev/latticequotas/status");
    assertThat(clusterRole().path("rules").toString().split("\"latticequotas\"")).hasSize(2);
  }

  @Test
  @DisplayName("every kind derived for the example and the feature-rich fixture is a managed kind")
  void derivedKindsAreManaged() throws IOException {
    List<MappedIntent> specs = new java.util.ArrayList<>(
        Specs.readDirectory(Specs.repoRoot().resolve("examples/commerce")));
    specs.addAll(Specs.readDirectory(Specs.repoRoot().resolve("lattice-engine/src/test/resources/fixtures")));
    Fleet fleet = Fleet.of(specs.stream().map(m -> new ServiceInput(m.intent(), m.diagnostics())).toList());
    Set<String> derived = new TreeSet<>();
    for (Derivation d : new Engine(PlatformSettings.defaults(), Authorizer.permitAll()).deriveAll(fleet)) {
      assertThat(d).as("%s derives", d.ref()).isInstanceOf(Derivation.Derived.class);
      ((Derivation.Derived) d).resources().forEach(o -> derived.add(o.getApiVersion() + " " + o.getKind()));
    }
    assertThat(derived).allSatisfy(k -> assertThat(ManagedKinds.of(k.split(" ")[0], k.split(" ")[1])).isPresent());
  }
}
