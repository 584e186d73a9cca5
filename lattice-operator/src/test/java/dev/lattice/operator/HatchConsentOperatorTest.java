package dev.lattice.operator;

import static dev.lattice.operator.OperatorTest.await;
import static dev.lattice.operator.OperatorTest.kind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Consent between a LatticeService and a LatticeMeshMember in the operator (fabric8's mock API server): both
 * controllers derive against the one fleet, both statuses name a one-sided declaration, and a change to either side
 * re-derives the other.
 */
@EnableKubernetesMockClient(crud = true)
class HatchConsentOperatorTest {
  KubernetesClient client;

  private LatticeOperator operator;

  @BeforeEach
  void start() throws IOException {
    OperatorTest.installCrds(client);
    operator = new LatticeOperator(client, PlatformSettings.defaults(), LatticeOperator.Options.mockServer());
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
  }

  @Test
  @DisplayName("a service calling a member: denied and reported on both sides until the member accepts it, then "
      + "admitted by the member's policy, the service's status following the member's change")
  void serviceCallsMember() {
    client.resource(member("")).create();
    client.resource(service("{legacy: {type: service, direction: outbound}}")).create();

    await("the service names the member's missing consent", () -> consent(serviceStatus()).contains(
        "this service declares shop/legacy as a dependency, but shop/legacy does not accept calls from shop/api yet"));
    await("the member names the one-sided caller", () -> consent(memberStatus()).contains(
        "shop/api wants to call this service (its spec.dependencies.outbound.legacy declares it), but this service "
            + "does not accept it"));
    assertThat(policy("AuthorizationPolicy", "legacy-mesh")).doesNotContain("sa/api");

    edit(LatticeMeshMember.class, "legacy", m -> m.getSpec().mesh.allowedCallers =
        new java.util.TreeMap<>(java.util.Map.of("api", new dev.lattice.api.hatch.MeshSpec.PeerSpec())));
    await("the member's policy admits the service", () -> policy("AuthorizationPolicy", "legacy-mesh")
        .contains("sa/api"));
    await("the service, requeued by the member's change, sees the consent", () -> !consent(serviceStatus())
        .contains("shop/legacy"));
    // The member's own status write can trail the service's: waited for, not asserted at once (flaked under load).
    await("the member no longer names the caller", () -> !consent(memberStatus()).contains("shop/api"));
  }

  @Test
  @DisplayName("a member calling a service: reported on both sides until the service accepts it; the member, "
      + "requeued by the service's change, then reaches the service's pods")
  void memberCallsService() {
    client.resource(member("dependencies: {api: {}}")).create();
    client.resource(service("{}")).create();

    await("the member names the service's missing consent", () -> consent(memberStatus()).contains("shop/api"));
    await("the service names the one-sided caller", () -> consent(serviceStatus()).contains("shop/legacy"));
    String egress = policy("CiliumNetworkPolicy", "legacy-mesh");

    edit(LatticeService.class, "api", s -> s.getSpec().dependencies = dependencies("""
        inbound: {legacy: {}}
        """));
    await("the member, requeued by the service's change, agrees", () -> !consent(memberStatus())
        .contains("shop/api"));
    assertThat(policy("CiliumNetworkPolicy", "legacy-mesh")).as("its egress opens to the service")
        .isNotEqualTo(egress);
    await("the service agrees", () -> !consent(serviceStatus()).contains("shop/legacy"));
  }

  private LatticeMeshMember member(String mesh) {
    String yaml = """
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: legacy, namespace: shop}
        spec:
          owner: team-billing
          reason: JIRA-123 legacy billing until the rewrite
          expires: "%s"
          selector: {app: legacy-billing}
          mesh: {serviceAccount: legacy-billing, ports: {http: {port: 8080}}%s}
        """.formatted(LocalDate.now(ZoneOffset.UTC).plusDays(90), mesh.isEmpty() ? "" : ", " + mesh);
    try {
      return new YAMLMapper().readValue(yaml, LatticeMeshMember.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static LatticeService service(String resources) {
    return StorageVersion.v1(Specs.minimalWith("spec: {workload: {resources: " + resources + "}}"));
  }

  private static dev.lattice.api.v1.LatticeServiceSpec.Dependencies dependencies(String yaml) {
    try {
      return new YAMLMapper().readValue(yaml, dev.lattice.api.v1.LatticeServiceSpec.Dependencies.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private LatticeServiceStatus serviceStatus() {
    LatticeService s = client.resources(LatticeService.class).inNamespace("shop").withName("api").get();
    return s == null ? null : s.getStatus();
  }

  private LatticeServiceStatus memberStatus() {
    LatticeMeshMember m = client.resources(LatticeMeshMember.class).inNamespace("shop").withName("legacy").get();
    return m == null ? null : m.getStatus();
  }

  /** The BilateralConsent condition's message (empty when there is none). */
  private static String consent(LatticeServiceStatus status) {
    return status == null || status.conditions == null ? "" : status.conditions.stream()
        .filter(c -> c.getType().equals("BilateralConsent")).findFirst().map(c -> c.getMessage()).orElse("");
  }

  private String policy(String kind, String name) {
    var object = client.genericKubernetesResources(kind(kind).context()).inNamespace("shop").withName(name).get();
    return object == null ? "" : String.valueOf(object.getAdditionalProperties().get("spec"));
  }

  private <T extends HasMetadata> void edit(Class<T> type, String name, Consumer<T> change) {
    for (int attempt = 0; ; attempt++) {
      T current = client.resources(type).inNamespace("shop").withName(name).get();
      change.accept(current);
      try {
        client.resource(current).update();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 20) {
          throw e;
        }
      }
    }
  }
}
