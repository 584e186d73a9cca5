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

/** L7 egress: the Istio ServiceEntry and its AuthorizationPolicy, only behind an AccessExternalEndpoint permit. */
class ExternalServiceEntriesTest {
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
  @DisplayName("without the AccessExternalEndpoint permit nothing is derived, so no ServiceEntry opens the way")
  void deniedEndpointGetsNoServiceEntry() {
    Derivation d = PolicyFixtures.derive(PolicyFixtures.engine(), PolicyFixtures.service(STRIPE));

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.diagnostics()).extracting(x -> x.reason().name()).contains("ExternalEndpointDenied");
  }
}
