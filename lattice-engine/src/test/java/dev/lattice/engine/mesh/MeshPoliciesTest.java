package dev.lattice.engine.mesh;

import static dev.lattice.engine.mesh.MeshFixtures.derive;
import static dev.lattice.engine.mesh.MeshFixtures.object;
import static dev.lattice.engine.mesh.MeshFixtures.service;
import static dev.lattice.engine.mesh.MeshFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Fleet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MeshPoliciesTest {
  @Test
  @DisplayName("a service nobody calls denies all ingress at L4 and L7, and may still resolve DNS")
  void isolatedServiceDeniesEverything() {
    var derived = derive(Fleet.of(service("api")), "api");

    String cnp = yaml(object(derived, "CiliumNetworkPolicy"));
    assertThat(cnp).contains("name: api-mesh").contains("ingress:\n    - {}")
        .contains("k8s:k8s-app: kube-dns").contains("port: \"53\"").doesNotContain("15008");
    String ap = yaml(object(derived, "AuthorizationPolicy"));
    assertThat(ap).contains("action: ALLOW").doesNotContain("rules");
  }

  @Test
  @DisplayName("an agreed edge admits the caller's SPIFFE identity on the callee's ports, and lets the caller out")
  void agreedEdge() {
    Fleet fleet = Fleet.of(
        service("web", "api: {type: service, direction: outbound}"),
        service("api", "web: {type: service, direction: inbound}"));

    String calleeAp = yaml(object(derive(fleet, "api"), "AuthorizationPolicy"));
    assertThat(calleeAp)
        .contains("- cluster.local/ns/shop/sa/web")
        .contains("- \"8080\"");
    String calleeCnp = yaml(object(derive(fleet, "api"), "CiliumNetworkPolicy"));
    assertThat(calleeCnp).contains("lattice.dev/service: web").contains("port: \"15008\"");
    String callerCnp = yaml(object(derive(fleet, "web"), "CiliumNetworkPolicy"));
    assertThat(callerCnp).contains("toEndpoints").contains("lattice.dev/service: api").contains("port: \"8080\"");
  }

  @Test
  @DisplayName("a one-sided declaration opens nothing on either side")
  void oneSidedOpensNothing() {
    Fleet fleet = Fleet.of(service("web", "api: {type: service}"), service("api"));

    assertThat(yaml(object(derive(fleet, "api"), "AuthorizationPolicy"))).doesNotContain("sa/web");
    assertThat(yaml(object(derive(fleet, "web"), "CiliumNetworkPolicy"))).doesNotContain("lattice.dev/service: api");
  }

  @Test
  @DisplayName("cross-namespace edges need both namespaces spelled out, and select the peer's namespace")
  void crossNamespace() {
    Fleet fleet = Fleet.of(
        MeshFixtures.inNamespace("shop", "web", "ledger: {type: service, namespace: finance}"),
        MeshFixtures.inNamespace("finance", "ledger", "web: {type: service, direction: inbound, namespace: shop}"));

    assertThat(yaml(object(derive(fleet, "finance", "ledger"), "AuthorizationPolicy")))
        .contains("cluster.local/ns/shop/sa/web");
    assertThat(yaml(object(derive(fleet, "shop", "web"), "CiliumNetworkPolicy")))
        .contains("k8s:io.kubernetes.pod.namespace: finance");
  }

  @Test
  @DisplayName("a metrics port is reachable only by monitoring/vmagent, and callers do not get it")
  void metricsPort() {
    Fleet fleet = Fleet.of(
        service("web", "api: {type: service}"),
        ServiceInputs.withPorts(service("api", "web: {type: service, direction: inbound}"),
            "{http: {port: 8080}, metrics: {port: 9090}}"));

    String ap = yaml(object(derive(fleet, "api"), "AuthorizationPolicy"));
    assertThat(ap).contains("cluster.local/ns/monitoring/sa/vmagent");
    assertThat(ap.indexOf("9090")).isGreaterThan(ap.indexOf("sa/vmagent"));
    assertThat(ap.substring(ap.indexOf("sa/web"), ap.indexOf("sa/vmagent"))).doesNotContain("9090");
  }

  @Test
  @DisplayName("external endpoints become FQDN, CIDR or entity egress, and FQDN egress turns on DNS inspection")
  void externalEgress() {
    Fleet fleet = Fleet.of(service("api",
        "stripe: {type: external-service, params: {endpoints: {api: \"https://api.stripe.com\"}}}",
        "pg: {type: external-service, params: {endpoints: {db: \"10.1.2.3:5432\"}}}",
        "world: {type: external-service, id: \"entity:world:8443\"}"));

    String cnp = yaml(object(derive(fleet, "api"), "CiliumNetworkPolicy"));
    assertThat(cnp)
        .contains("matchName: api.stripe.com").contains("port: \"443\"")
        .contains("10.1.2.3/32").contains("port: \"5432\"")
        .contains("toEntities:\n        - world").contains("port: \"8443\"")
        .contains("matchPattern: '*'");
  }

  @Test
  @DisplayName("services with ingress routes admit the namespace's ingress gateway on the routed port")
  void ingressGateway() {
    Fleet fleet = Fleet.of(ServiceInputs.withRoute(service("api"), "{public: {hosts: [api.example.com]}}"));

    String ap = yaml(object(derive(fleet, "api"), "AuthorizationPolicy"));
    assertThat(ap).contains("cluster.local/ns/shop/sa/shop-ingress-istio");
    assertThat(yaml(object(derive(fleet, "api"), "CiliumNetworkPolicy")))
        .contains("gateway.networking.k8s.io/gateway-name: shop-ingress");
  }
}
