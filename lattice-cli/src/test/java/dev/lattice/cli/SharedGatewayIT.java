package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The namespace's shared ingress Gateway on the real API server: two services with routes each apply their own
 * listeners under their own field manager; removing one service's route removes exactly its listener, and the
 * Gateway goes with the last one. The ambient waypoint is shared the same way by the services with a ServiceEntry.
 */
@RealCluster
class SharedGatewayIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/web:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final ResourceDefinitionContext GATEWAYS = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("Gateway").withPlural("gateways")
      .withNamespaced(true).build();
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "gateway-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void removingOneServicesRouteRemovesExactlyItsListener(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    apply(cluster, ns, "web", "web.example.com");
    apply(cluster, ns, "shop", "shop.example.com");
    await("both services' listeners are on the Gateway", WAIT,
        () -> listeners(cluster, ns).equals(List.of("http-shop.example.com", "http-web.example.com")));
    GenericKubernetesResource gateway = gateway(cluster, ns);
    assertThat(gateway.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .contains("lattice/" + ns + "/web", "lattice/" + ns + "/shop");
    assertThat(gateway.getMetadata().getOwnerReferences()).as("no single service owns it").isNullOrEmpty();

    apply(cluster, ns, "web", null);
    await("web's listener is gone and shop's stays", WAIT,
        () -> listeners(cluster, ns).equals(List.of("http-shop.example.com")));
    assertThat(gateway(cluster, ns).getMetadata().getUid()).as("the same Gateway")
        .isEqualTo(gateway.getMetadata().getUid());

    apply(cluster, ns, "shop", null);
    await("the Gateway goes with its last listener", WAIT, () -> gateway(cluster, ns) == null);
  }

  @Test
  void theWaypointIsCoOwnedByTheServicesWithServiceEntriesAndGoesWithTheLast(LocalCluster cluster,
      TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    Path policy = Files.createTempFile(Path.of("target").toAbsolutePath(), "egress", ".yaml");
    Files.writeString(policy, """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: waypoint-it-%s, namespace: lattice-system}
        spec:
          policies: |
            permit(principal == Lattice::Service::"%s/web", action == Lattice::Action::"AccessExternalEndpoint",
                   resource);
            permit(principal == Lattice::Service::"%s/shop", action == Lattice::Action::"AccessExternalEndpoint",
                   resource);
        """.formatted(ns, ns, ns));
    cluster.kubectl("apply", "-f", policy.toString()).assertOk();
    try {
      applyEgress(cluster, ns, "web", true);
      applyEgress(cluster, ns, "shop", true);
      await("both services' ServiceEntries are applied", WAIT, () -> serviceEntries(cluster, ns)
          .equals(List.of("shop-stripe-egress", "web-stripe-egress")));
      await("the waypoint is co-owned by both services", WAIT, () -> waypoint(cluster, ns) != null
          && waypoint(cluster, ns).getMetadata().getManagedFields().stream().map(ManagedFieldsEntry::getManager)
              .toList().containsAll(List.of("lattice/" + ns + "/web", "lattice/" + ns + "/shop")));
      GenericKubernetesResource waypoint = waypoint(cluster, ns);
      assertThat(spec(waypoint).get("gatewayClassName")).isEqualTo("istio-waypoint");
      assertThat(spec(waypoint).get("listeners").toString()).isEqualTo("[{allowedRoutes={namespaces={from=Same}}, name=mesh, port=15008, protocol=HBONE}]");
      assertThat(waypoint.getMetadata().getOwnerReferences()).as("no single service owns it").isNullOrEmpty();
      assertThat(cluster.client().genericKubernetesResources(SERVICE_ENTRIES).inNamespace(ns)
          .withName("web-stripe-egress").get().getMetadata().getLabels())
          .containsEntry("istio.io/use-waypoint", "waypoint");

      applyEgress(cluster, ns, "web", false);
      await("web's ServiceEntry is pruned", WAIT,
          () -> serviceEntries(cluster, ns).equals(List.of("shop-stripe-egress")));
      await("web lets go of the waypoint", WAIT, () -> waypoint(cluster, ns).getMetadata().getManagedFields()
          .stream().noneMatch(m -> m.getManager().equals("lattice/" + ns + "/web")));
      assertThat(waypoint(cluster, ns).getMetadata().getUid()).as("shop keeps the same waypoint")
          .isEqualTo(waypoint.getMetadata().getUid());

      applyEgress(cluster, ns, "shop", false);
      await("the waypoint goes with the last ServiceEntry", WAIT, () -> waypoint(cluster, ns) == null);
    } finally {
      cluster.kubectl("-n", "lattice-system", "delete", "cedarpolicy", "waypoint-it-" + ns).assertOk();
    }
  }

  private static final ResourceDefinitionContext SERVICE_ENTRIES = new ResourceDefinitionContext.Builder()
      .withGroup("networking.istio.io").withVersion("v1").withKind("ServiceEntry").withPlural("serviceentries")
      .withNamespaced(true).build();

  private static GenericKubernetesResource waypoint(LocalCluster cluster, String namespace) {
    return cluster.client().genericKubernetesResources(GATEWAYS).inNamespace(namespace).withName("waypoint").get();
  }

  private static List<String> serviceEntries(LocalCluster cluster, String namespace) {
    return cluster.client().genericKubernetesResources(SERVICE_ENTRIES).inNamespace(namespace).list().getItems()
        .stream().map(e -> e.getMetadata().getName()).sorted().toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  /** kubectl apply of a small service calling api.stripe.com, or calling nothing outside. */
  private static void applyEgress(LocalCluster cluster, String namespace, String name, boolean egress)
      throws Exception {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
          name: %s
          namespace: %s
        spec:
          workload:
            containers:
              main:
                image: %s
                command: ["/app/web"]
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
        """.formatted(name, namespace, IMAGE);
    if (egress) {
      spec += """
                resources:
                  stripe: {type: external-service, params: {endpoints: {api: "https://api.stripe.com"}}}
            """;
    }
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), name, ".yaml");
    Files.writeString(file, spec);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }

  private static GenericKubernetesResource gateway(LocalCluster cluster, String namespace) {
    return cluster.client().genericKubernetesResources(GATEWAYS).inNamespace(namespace)
        .withName(namespace + "-ingress").get();
  }

  @SuppressWarnings("unchecked")
  private static List<String> listeners(LocalCluster cluster, String namespace) {
    GenericKubernetesResource gateway = gateway(cluster, namespace);
    if (gateway == null) {
      return List.of();
    }
    Map<String, Object> spec = (Map<String, Object>) gateway.getAdditionalProperties().get("spec");
    return ((List<Map<String, Object>>) spec.get("listeners")).stream()
        .map(l -> String.valueOf(l.get("name"))).sorted().toList();
  }

  /** kubectl apply of a small service, with a route on {@code host} or none. */
  private static void apply(LocalCluster cluster, String namespace, String name, String host) throws Exception {
    String spec = """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
          name: %s
          namespace: %s
        spec:
          workload:
            containers:
              main:
                image: %s
                command: ["/app/web"]
                resources:
                  limits: {cpu: 500m, memory: 256Mi}
            service:
              ports:
                http: {port: 80, targetPort: 8080}
        """.formatted(name, namespace, IMAGE);
    if (host != null) {
      spec += """
              ingress:
                routes:
                  public:
                    hosts: [%s]
            """.formatted(host);
    }
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), name, ".yaml");
    Files.writeString(file, spec);
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
