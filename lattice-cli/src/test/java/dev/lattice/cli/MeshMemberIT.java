package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.operator.ManagedKinds;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LatticeMeshMember on the real API server: its CiliumNetworkPolicy, AuthorizationPolicy and PeerAuthentication
 * applied, a removed port's rules gone from them, a member without an owner denied at admission, and every policy
 * pruned when the member is deleted; and consent with a LatticeService on both sides: until the member accepts the
 * service's calls, neither policy lets them through and both statuses say so.
 */
@RealCluster
class MeshMemberIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ResourceDefinitionContext MEMBERS = new ResourceDefinitionContext.Builder()
      .withGroup("lattice.dev").withVersion("v1").withKind("LatticeMeshMember").withPlural("latticemeshmembers")
      .withNamespaced(true).build();
  private static final ResourceDefinitionContext SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("lattice.dev").withVersion("v1").withKind("LatticeService").withPlural("latticeservices")
      .withNamespaced(true).build();
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "meshmember-it");
    operator.registerWebhook(cluster);
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aMemberGetsItsPoliciesLosesARemovedPortsRulesAndIsPrunedOnDelete(LocalCluster cluster,
      TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String ports = "http: {port: 8080}, admission: {port: 9443, peerAuthentication: webhook}";
    apply(cluster, member(ns, true, ports)).assertOk();
    await("the member is Ready", WAIT, () -> "Ready".equals(phase(cluster, ns)));
    assertThat(policies(cluster, ns).keySet()).containsExactly("AuthorizationPolicy/legacy-mesh",
        "CiliumNetworkPolicy/legacy-mesh", "PeerAuthentication/legacy-mesh");
    assertThat(spec(cluster, ns, "CiliumNetworkPolicy")).contains("9443");
    assertThat(spec(cluster, ns, "PeerAuthentication")).contains("9443");

    apply(cluster, member(ns, true, "http: {port: 8080}")).assertOk();
    await("the removed port's rules are gone", WAIT, () -> !spec(cluster, ns, "CiliumNetworkPolicy").contains("9443")
        && !spec(cluster, ns, "PeerAuthentication").contains("9443"));

    var denied = apply(cluster, member(ns, false, "http: {port: 8080}"));
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr()).contains("LatticeMeshMember " + ns + "/legacy is invalid (1 problem):")
        .contains("EscapeHatchGovernanceMissing: spec.owner: LatticeMeshMember " + ns + "/legacy has no owner");

    cluster.kubectl("-n", ns, "delete", "latticemeshmember", "legacy").assertOk();
    await("every policy of the member is gone", WAIT, () -> policies(cluster, ns).isEmpty());
  }

  @Test
  void aServiceReachesAMemberOnlyOnceTheMemberConsentsAndBothStatusesSaySoUntilThen(LocalCluster cluster,
      TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    apply(cluster, member(ns, true, "http: {port: 8080}")).assertOk();
    apply(cluster, """
        apiVersion: lattice.dev/v1
        kind: LatticeService
        metadata: {name: api, namespace: %s}
        spec:
          containers:
            main:
              image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
              command: ["/app/api"]
              resources:
                limits: {cpu: 500m, memory: 256Mi}
          ports:
            http: {port: 8080}
          dependencies:
            outbound:
              legacy: {}
        """.formatted(ns)).assertOk();
    await("the service's status names the member's missing consent", WAIT, () -> consent(cluster, SERVICES, ns,
        "api").contains("this service declares " + ns + "/legacy as a dependency, but " + ns + "/legacy does not "
            + "accept calls from " + ns + "/api yet, so that traffic stays denied."));
    await("the member's status names the one-sided caller", WAIT, () -> consent(cluster, MEMBERS, ns, "legacy")
        .contains(ns + "/api wants to call this service"));
    assertThat(mesh(cluster, ns, "CiliumNetworkPolicy", "api")).as("the service's egress stays closed to the member")
        .doesNotContain("app=legacy");
    assertThat(mesh(cluster, ns, "AuthorizationPolicy", "legacy")).as("the member does not admit the service")
        .doesNotContain("sa/api");

    apply(cluster, member(ns, true, "http: {port: 8080}", "allowedCallers: {api: {}}")).assertOk();
    await("the member admits the service", WAIT, () -> mesh(cluster, ns, "AuthorizationPolicy", "legacy")
        .contains("/ns/" + ns + "/sa/api"));
    await("the service, re-derived for the member's change, reaches its pods", WAIT,
        () -> mesh(cluster, ns, "CiliumNetworkPolicy", "api").contains("app=legacy"));
    await("neither status reports a one-sided declaration", WAIT,
        () -> !consent(cluster, SERVICES, ns, "api").contains(ns + "/legacy")
            && !consent(cluster, MEMBERS, ns, "legacy").contains(ns + "/api"));
  }

  /** The message of the BilateralConsent condition of the named object (empty when there is none). */
  @SuppressWarnings("unchecked")
  private static String consent(LocalCluster cluster, ResourceDefinitionContext kind, String ns, String name) {
    GenericKubernetesResource o = cluster.client().genericKubernetesResources(kind).inNamespace(ns).withName(name)
        .get();
    Object status = o == null ? null : o.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof java.util.List<?> conditions)) {
      return "";
    }
    return conditions.stream().map(c -> (Map<String, Object>) c)
        .filter(c -> "BilateralConsent".equals(c.get("type"))).map(c -> String.valueOf(c.get("message")))
        .findFirst().orElse("");
  }

  private static String mesh(LocalCluster cluster, String ns, String kind, String owner) {
    ManagedKinds.Kind k = ManagedKinds.ALL.stream().filter(x -> x.kind().equals(kind)).findFirst().orElseThrow();
    GenericKubernetesResource o = cluster.client().genericKubernetesResources(k.context()).inNamespace(ns)
        .withName(owner + "-mesh").get();
    return o == null ? "" : String.valueOf(o.getAdditionalProperties().get("spec"));
  }

  private static String member(String ns, boolean owned, String ports) {
    return member(ns, owned, ports, "");
  }

  /** @param mesh more of the member's mesh section, one line (may be empty) */
  private static String member(String ns, boolean owned, String ports, String mesh) {
    return """
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: legacy, namespace: %s}
        spec:
          %s
          reason: MeshMemberIT
          expires: "%s"
          selector: {app: legacy}
          mesh:
            serviceAccount: legacy
            ports: {%s}
            %s
        """.formatted(ns, owned ? "owner: team-billing" : "",
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(60), ports, mesh);
  }

  private static LocalCluster.KubectlResult apply(LocalCluster cluster, String yaml) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "meshmember", ".yaml");
    Files.writeString(file, yaml);
    return cluster.kubectl("apply", "-f", file.toString());
  }

  @SuppressWarnings("unchecked")
  private static String phase(LocalCluster cluster, String ns) {
    GenericKubernetesResource m = cluster.client().genericKubernetesResources(MEMBERS).inNamespace(ns)
        .withName("legacy").get();
    Object status = m == null ? null : m.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> s ? (String) ((Map<String, Object>) s).get("phase") : null;
  }

  private static String spec(LocalCluster cluster, String ns, String kind) {
    ManagedKinds.Kind k = ManagedKinds.ALL.stream().filter(x -> x.kind().equals(kind)).findFirst().orElseThrow();
    return String.valueOf(cluster.client().genericKubernetesResources(k.context()).inNamespace(ns)
        .withName("legacy-mesh").get().getAdditionalProperties().get("spec"));
  }

  private static Map<String, String> policies(LocalCluster cluster, String ns) {
    Map<String, String> out = new TreeMap<>();
    for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
      for (GenericKubernetesResource o : cluster.client().genericKubernetesResources(kind.context()).inNamespace(ns)
          .withLabel("lattice.dev/mesh-member", "legacy").list().getItems()) {
        out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getUid());
      }
    }
    return out;
  }
}
