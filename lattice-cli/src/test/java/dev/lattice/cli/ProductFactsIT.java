package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.api.v1alpha1.ServiceFacts;
import dev.lattice.operator.HealthServer;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The product bookkeeping on the real API server: a service Cedar denies, fixed by a CedarPolicy the platform team
 * adds, is one failure with its time to resolve and "needed the platform team", in its status (which the CRD's
 * structural schema must keep) and in the metrics, under the team of its namespace label.
 */
@RealCluster
class ProductFactsIT {
  private static final Duration READY = Duration.ofSeconds(90);

  @Test
  void aDenialFixedByAPolicyChangeIsOneFailureThatNeededThePlatformTeam(LocalCluster cluster, TestNamespace ns)
      throws Exception {
    RunningOperator.preparePlatform(cluster);
    cluster.client().namespaces().withName(ns.name())
        .edit(n -> new io.fabric8.kubernetes.api.model.NamespaceBuilder(n).editMetadata()
            .addToLabels("lattice.dev/team", "billing-team").endMetadata().build());
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "product-facts-");
    Path service = dir.resolve("billing.yaml");
    Files.writeString(service, """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata: {name: billing, namespace: %s}
        spec:
          workload:
            containers:
              main:
                image: ghcr.io/acme/billing:1.0.0@sha256:a99f33579e19a6a985a99e1277ee29bf9829921d88faa59d9b7182571177a278
                command: ["/app/billing"]
                resources:
                  limits: {cpu: "1", memory: 256Mi}
            resources:
              card-key: {type: secret, id: billing/card-key, params: {provider: vault, keys: [api-key]}}
        """.formatted(ns.name()));
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: %s-billing, namespace: lattice-system}
        spec:
          policies: |
            permit(principal == Lattice::Service::"%s/billing",
                   action == Lattice::Action::"AccessSecret",
                   resource == Lattice::SecretPath::"vault:billing/card-key");
        """.formatted(ns.name(), ns.name()));

    try (RunningOperator operator = RunningOperator.start(cluster, "product-facts-it")) {
      cluster.kubectl("apply", "-f", service.toString()).assertOk();
      await("billing is denied", READY, () -> "Failed".equals(phase(cluster, ns)));
      ServiceFacts denied = facts(cluster, ns);
      assertThat(denied.failure.reason).isEqualTo("AccessSecretDenied");
      assertThat(denied.failure.policyDenied).isTrue();
      assertThat(denied.generations).singleElement().satisfies(g -> {
        assertThat(g.outcome).isEqualTo("Failed");
        assertThat(g.reason).isEqualTo("AccessSecretDenied");
      });

      Thread.sleep(2000);
      cluster.kubectl("apply", "-f", policy.toString()).assertOk();
      await("billing is Ready", READY, () -> "Ready".equals(phase(cluster, ns)));

      ServiceFacts after = facts(cluster, ns);
      assertThat(after.failure).isNull();
      assertThat(after.resolvedTotal).isEqualTo(1);
      assertThat(after.platformActionsTotal).isEqualTo(1);
      assertThat(after.resolved).singleElement().satisfies(r -> {
        assertThat(r.reason).isEqualTo("AccessSecretDenied");
        assertThat(r.neededPlatformTeam).isTrue();
        assertThat(r.began).isEqualTo(denied.failure.since);
        assertThat(r.seconds).isEqualTo(
            Duration.between(Instant.parse(r.began), Instant.parse(r.ended)).getSeconds()).isBetween(1L, 90L);
      });
      assertThat(after.firstReady).isEqualTo(after.resolved.get(0).ended);

      String metrics = operator.operator().registry().scrape();
      assertThat(metrics)
          .contains("lattice_platform_actions_total{team=\"billing-team\"} 1.0")
          .contains("lattice_failure_resolution_seconds_count{platform_team=\"true\",team=\"billing-team\"} 1")
          .contains("lattice_first_try_total{outcome=\"failed\",team=\"billing-team\",version=\"v1alpha1\"} 1.0")
          .contains("lattice_fleet_services{phase=\"Ready\",team=\"billing-team\",version=\"v1alpha1\"} 1.0");

      // /dashboard as lattice operator serves it: the service is among those that needed the platform team.
      try (HealthServer health = operator.operator().serveDashboard(
          new HealthServer(0, () -> "", () -> true))) {
        var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + health.port() + "/dashboard")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Deployments that needed no platform-team action")
            .containsPattern("id=\"figure-autonomy\"[^>]*data-value=\"0.0\" data-count=\"1\"")
            .contains(ns.name() + "/billing").contains("billing-team");
      }
    } finally {
      cluster.kubectl("delete", "--ignore-not-found", "-f", policy.toString()).assertOk();
    }
  }

  static LatticeService service(LocalCluster cluster, TestNamespace ns) {
    return cluster.client().resources(LatticeService.class).inNamespace(ns.name()).withName("billing").get();
  }

  static String phase(LocalCluster cluster, TestNamespace ns) {
    LatticeService s = service(cluster, ns);
    return s == null || s.getStatus() == null ? null : s.getStatus().phase;
  }

  static ServiceFacts facts(LocalCluster cluster, TestNamespace ns) {
    return service(cluster, ns).getStatus().facts;
  }
}
