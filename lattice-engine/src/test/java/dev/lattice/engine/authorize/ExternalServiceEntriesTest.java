package dev.lattice.engine.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.ManifestInvariants;
import dev.lattice.testkit.SchemaValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * L7 egress: the Istio ServiceEntry, its AuthorizationPolicy and the namespace's waypoint that enforces it, only
 * behind an AccessExternalEndpoint permit.
 */
class ExternalServiceEntriesTest {
  private static final java.nio.file.Path GOLDEN =
      dev.lattice.testkit.Specs.repoRoot().resolve("lattice-engine/src/test/golden/mesh/stripe-egress.yaml");
  private static final String STRIPE = "spec: {workload: {resources: {stripe: {type: external-service, params: "
      + "{endpoints: {api: \"https://api.stripe.com\", events: \"tcp://events.stripe.com:7000\", "
      + "ip: \"tcp://10.1.2.3:5432\"}}}}}}";
  private static final String PERMIT = "permit(principal == Lattice::Service::\"shop/api\", action == "
      + "Lattice::Action::\"AccessExternalEndpoint\", resource);";

  @Test
  @DisplayName("a permitted FQDN endpoint gets a ServiceEntry using the waypoint and a policy admitting only the"
      + " service; an IP endpoint stays L4")
  void permittedEndpointsGetAServiceEntry() {
    Derivation d = PolicyFixtures.derive(PolicyFixtures.engine(PERMIT), PolicyFixtures.service(STRIPE));
    assertThat(d).as("%s", d.diagnostics()).isInstanceOf(Derivation.Derived.class);
    List<HasMetadata> objects = ((Derivation.Derived) d).resources().stream()
        .filter(o -> o.getMetadata().getName().equals("api-stripe-egress")).toList();

    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ServiceEntry", "AuthorizationPolicy");
    assertThat(Manifests.yaml(objects.subList(0, 1))).isEqualTo("""
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          labels:
            app.kubernetes.io/managed-by: lattice
            app.kubernetes.io/name: api
            istio.io/use-waypoint: waypoint
            lattice.dev/service: api
          name: api-stripe-egress
          namespace: shop
        spec:
          exportTo:
            - "."
          hosts:
            - api.stripe.com
            - events.stripe.com
          location: MESH_EXTERNAL
          ports:
            - name: https-443
              number: 443
              protocol: HTTPS
            - name: tcp-7000
              number: 7000
              protocol: TCP
          resolution: DNS
        """);
    String policy = Manifests.yaml(objects.subList(1, 2));
    assertThat(policy).contains("kind: ServiceEntry").contains("name: api-stripe-egress")
        .contains("- cluster.local/ns/shop/sa/api").contains("- \"443\"").contains("- \"7000\"")
        .doesNotContain("5432");
    List<com.fasterxml.jackson.databind.JsonNode> trees =
        ((Derivation.Derived) d).resources().stream().map(Manifests::tree).toList();
    trees.forEach(SchemaValidator::assertValid);
    ManifestInvariants.assertHold(trees);
    String cnp = Manifests.yaml(((Derivation.Derived) d).resources().stream()
        .filter(o -> o.getKind().equals("CiliumNetworkPolicy")).toList());
    assertThat(cnp).as("HBONE to the waypoint").contains("port: \"15008\"");
  }

  @Test
  @DisplayName("the ServiceEntry's waypoint is derived: Gateway 'waypoint' of class istio-waypoint, one HBONE"
      + " listener, no service label (shared); the policy targets the ServiceEntry; golden")
  void waypointIsDerivedWithTheServiceEntry() {
    Derivation d = PolicyFixtures.derive(PolicyFixtures.engine(PERMIT), PolicyFixtures.service(STRIPE));
    assertThat(d).as("%s", d.diagnostics()).isInstanceOf(Derivation.Derived.class);
    List<HasMetadata> all = ((Derivation.Derived) d).resources();
    List<HasMetadata> egress = all.stream().filter(o -> o.getMetadata().getName().equals("waypoint")
        || o.getMetadata().getName().equals("api-stripe-egress")).toList();

    assertThat(egress).extracting(HasMetadata::getKind)
        .containsExactly("Gateway", "ServiceEntry", "AuthorizationPolicy");
    dev.lattice.testkit.Golden.assertMatches(GOLDEN, Manifests.yaml(egress));
    assertThat(Manifests.yaml(egress.subList(0, 1))).isEqualTo("""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          labels:
            app.kubernetes.io/managed-by: lattice
            istio.io/waypoint-for: service
          name: waypoint
          namespace: shop
        spec:
          gatewayClassName: istio-waypoint
          listeners:
            - allowedRoutes:
                namespaces:
                  from: Same
              name: mesh
              port: 15008
              protocol: HBONE
        """);
    assertThat(Manifests.tree(egress.get(2)).path("spec").path("targetRefs").toString())
        .isEqualTo("[{\"group\":\"networking.istio.io\",\"kind\":\"ServiceEntry\",\"name\":\"api-stripe-egress\"}]");
    assertThat(dev.lattice.engine.mesh.Waypoint.needed(PolicyFixtures.service(STRIPE).intent())).isTrue();
  }

  @Test
  @DisplayName("only IP endpoints, or none: no ServiceEntry and no waypoint")
  void ipOnlyEndpointsGetNoWaypoint() {
    String ipOnly = "spec: {workload: {resources: {db: {type: external-service, params: "
        + "{endpoints: {ip: \"tcp://10.1.2.3:5432\"}}}}}}";
    Derivation d = PolicyFixtures.derive(PolicyFixtures.engine(PERMIT), PolicyFixtures.service(ipOnly));
    assertThat(d).as("%s", d.diagnostics()).isInstanceOf(Derivation.Derived.class);

    assertThat(((Derivation.Derived) d).resources()).extracting(HasMetadata::getKind)
        .doesNotContain("Gateway", "ServiceEntry");
    assertThat(dev.lattice.engine.mesh.Waypoint.needed(PolicyFixtures.service(ipOnly).intent())).isFalse();
  }

  @Test
  @DisplayName("without the AccessExternalEndpoint permit nothing is derived, so no ServiceEntry opens the way")
  void deniedEndpointGetsNoServiceEntry() {
    Derivation d = PolicyFixtures.derive(PolicyFixtures.engine(), PolicyFixtures.service(STRIPE));

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.diagnostics()).extracting(x -> x.reason().name()).contains("ExternalEndpointDenied");
  }
}
