package dev.lattice.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.ManifestInvariants;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The namespace's shared ingress Gateway: each service's part, the merged whole, and the gateway's policies. */
class IngressGatewayTest {
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), dev.lattice.policy.Authorizer.permitAll());

  private static ServiceIntent service(String name, String ingress) {
    return Specs.intent(Specs.minimalWith("metadata: {name: " + name + "}\nspec: {ingress: " + ingress + "}"));
  }

  private static final ServiceIntent WEB = service("web",
      "{routes: {public: {hosts: [shop.example.com, www.example.com], tls: {issuerRef: {name: le}}}}}");
  private static final ServiceIntent API = service("api",
      "{routes: {v1: {hosts: [shop.example.com], rules: [{matches: [{path: {value: /api}}]}]}}}");
  private static final ServiceIntent DB = service("db", "{routes: {sql: {kind: TCPRoute, listenPort: 5432}}}");

  private static final String TLS = "      tls:\n        certificateRefs:\n          - kind: Secret\n"
      + "            name: web-public-tls\n        mode: Terminate\n";

  private static String listener(String host, String prefix, int port, String protocol) {
    return "    - allowedRoutes:\n        namespaces:\n          from: Same\n      hostname: " + host + "\n      name: "
        + prefix + "-" + host + "\n      port: " + port + "\n      protocol: " + protocol + "\n";
  }

  private static Derivation.Derived derive(Fleet fleet, ServiceIntent intent) {
    Derivation d = ENGINE.derive(fleet.input(intent.ref()).orElseThrow(), fleet);
    assertThat(d).as("%s", d.diagnostics()).isInstanceOf(Derivation.Derived.class);
    return (Derivation.Derived) d;
  }

  private static List<HasMetadata> ofKind(Derivation.Derived derived, String kind) {
    return derived.resources().stream().filter(o -> o.getKind().equals(kind)).toList();
  }

  @Test
  @DisplayName("each service's part holds only its own listeners, keyed by what they bind, and its routes attach"
      + " to exactly those")
  void partsHoldOwnListeners() {
    Fleet fleet = Fleet.of(ServiceInput.of(WEB), ServiceInput.of(API), ServiceInput.of(DB));

    String web = Manifests.yaml(ofKind(derive(fleet, WEB), "Gateway"));
    assertThat(web).isEqualTo("""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          labels:
            app.kubernetes.io/managed-by: lattice
          name: shop-ingress
          namespace: shop
        spec:
          gatewayClassName: istio
          listeners:
        """ + listener("shop.example.com", "http", 80, "HTTP") + listener("www.example.com", "http", 80, "HTTP")
        + listener("shop.example.com", "https", 443, "HTTPS") + TLS
        + listener("www.example.com", "https", 443, "HTTPS") + TLS);
    String db = Manifests.yaml(ofKind(derive(fleet, DB), "Gateway"));
    assertThat(db).contains("name: tcp-5432").contains("port: 5432").contains("protocol: TCP")
        .doesNotContain("hostname");
    String route = Manifests.yaml(ofKind(derive(fleet, DB), "TCPRoute"));
    assertThat(route).contains("sectionName: tcp-5432");
    for (ServiceIntent s : List.of(WEB, API, DB)) {
      List<com.fasterxml.jackson.databind.JsonNode> trees =
          derive(fleet, s).resources().stream().map(Manifests::tree).toList();
      ManifestInvariants.assertHold(trees);
      trees.forEach(SchemaValidator::assertValid);
    }
  }

  @Test
  @DisplayName("the merged Gateway lists every service's listeners once, in name order, whatever order the services"
      + " come in, and is schema-valid")
  void mergedIsOrderIndependent() {
    List<ServiceIntent> services = new ArrayList<>(List.of(WEB, API, DB));
    String first = Manifests.yaml(
        List.of(IngressGateway.merged("shop", services, PlatformSettings.defaults()).orElseThrow()));
    Collections.reverse(services);
    String reversed = Manifests.yaml(
        List.of(IngressGateway.merged("shop", services, PlatformSettings.defaults()).orElseThrow()));

    assertThat(reversed).isEqualTo(first);
    // http-shop (shared by web and api), http-www, two https, tcp
    assertThat(first.split("\n      name: ")).hasSize(6);
    assertThat(first.indexOf("name: http-shop.example.com")).isLessThan(first.indexOf("name: tcp-5432"));
    SchemaValidator.assertValid(Manifests.tree(
        IngressGateway.merged("shop", services, PlatformSettings.defaults()).orElseThrow()));
    assertThat(IngressGateway.merged("other", services, PlatformSettings.defaults())).isEmpty();
  }

  @Test
  @DisplayName("the platform setting ingress.gatewayClass is the class unless the spec names one")
  void gatewayClassFromPlatform() {
    PlatformSettings cilium = PlatformSettings.defaults()
        .withOverrides(java.util.Map.of("ingress.gatewayClass", "cilium"));
    Fleet fleet = Fleet.of(ServiceInput.of(WEB));
    Derivation d = new Engine(cilium, dev.lattice.policy.Authorizer.permitAll()).derive(ServiceInput.of(WEB), fleet);

    assertThat(Manifests.yaml(ofKind((Derivation.Derived) d, "Gateway"))).contains("gatewayClassName: cilium");
    ServiceIntent own = service("own", "{gatewayClass: nginx, routes: {r: {hosts: [a.example.com]}}}");
    assertThat(IngressGateway.gatewayClass(own.spec(), cilium)).isEqualTo("nginx");
  }

  @Test
  @DisplayName("the gateway's policies admit clients on the service's listener ports and let the gateway reach"
      + " exactly the routed container ports")
  void gatewayPolicies() {
    Fleet fleet = Fleet.of(ServiceInput.of(WEB), ServiceInput.of(DB));

    List<HasMetadata> webPolicies = derive(fleet, WEB).resources().stream()
        .filter(o -> o.getMetadata().getName().equals("web-gateway")).toList();
    assertThat(webPolicies).extracting(HasMetadata::getKind)
        .containsExactly("CiliumNetworkPolicy", "AuthorizationPolicy");
    String cnp = Manifests.yaml(List.of(webPolicies.get(0)));
    assertThat(cnp).contains("gateway.networking.k8s.io/gateway-name: shop-ingress")
        .contains("lattice.dev/service: web").contains("port: \"8080\"").contains("port: \"15008\"")
        .contains("port: \"80\"").contains("port: \"443\"").doesNotContain("5432");
    String ap = Manifests.yaml(List.of(webPolicies.get(1)));
    assertThat(ap).contains("kind: Gateway").contains("name: shop-ingress").contains("- shop.example.com")
        .contains("- www.example.com").contains("- \"443\"");
    String dbAp = Manifests.yaml(derive(fleet, DB).resources().stream()
        .filter(o -> o.getMetadata().getName().equals("db-gateway") && o.getKind().equals("AuthorizationPolicy"))
        .toList());
    assertThat(dbAp).contains("- \"5432\"").doesNotContain("hosts");
    ServiceIntent plain = Specs.intent(Specs.MINIMAL);
    assertThat(derive(Fleet.of(ServiceInput.of(plain)), plain).resources())
        .noneMatch(o -> o.getMetadata().getName().endsWith("-gateway") || o.getKind().equals("Gateway"));
  }
}
