package dev.lattice.operator;

import static dev.lattice.operator.OperatorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.ServiceFacts;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator's product bookkeeping on fabric8's mock API server, at a pinned clock the test moves. */
@EnableKubernetesMockClient(crud = true)
class BookkeepingTest {
  KubernetesClient client;
  KubernetesMockServer server;

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
  private LatticeOperator operator;

  /** A clock the test sets; the operator reads it for every fact. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() throws IOException {
    for (String crd : List.of("latticeservices.lattice.dev", "cedarpolicies.lattice.dev")) {
      // On a loaded machine the first connection to a fresh mock server has timed out (10 s): try again once.
      for (int attempt = 1; ; attempt++) {
        try (var in = new FileInputStream(Specs.repoRoot().resolve("deploy/crds/" + crd + ".yaml").toFile())) {
          client.apiextensions().v1().customResourceDefinitions().load(in).createOr(r -> r.update());
          break;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
          if (attempt >= 2) {
            throw e;
          }
        }
      }
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("commerce")
        .addToLabels("lattice.dev/team", "shop").endMetadata().build()).create();
    operator = new LatticeOperator(client, PlatformSettings.defaults(), LatticeOperator.Options.mockServer(),
        LatticeOperator.Election.POD, clock);
    operator.start();
    // The policies first (and seen by the operator), so that every service is Ready on its first try; the namespace
    // is ours, with its team label.
    Path examples = Specs.repoRoot().resolve("examples/commerce");
    apply(examples.resolve("platform.yaml"));
    await("the operator has the policies", () -> {
      CedarPolicy policy = client.resources(CedarPolicy.class).inNamespace("lattice-system")
          .withName("commerce-secrets").get();
      return policy.getStatus() != null && "Valid".equals(policy.getStatus().phase);
    });
    // Callees before callers: a port of a service not applied yet is a failure (DependencyPortUnknown).
    for (String name : List.of("orders", "payments", "frontend")) {
      apply(examples.resolve(name + ".yaml"));
    }
    await("all three services are Ready", () -> Stream.of("payments", "orders", "frontend")
        .allMatch(n -> "Ready".equals(phase(n))));
  }

  private void apply(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      for (HasMetadata item : client.load(in).items()) {
        if (!item.getKind().equals("Namespace")) {
          client.resource(StorageVersion.storable(item)).createOr(r -> r.update());
        }
      }
    }
  }

  @AfterEach
  void stop() {
    operator.close();
  }

  LatticeService service(String name) {
    return client.resources(LatticeService.class).inNamespace("commerce").withName(name).get();
  }

  String phase(String name) {
    LatticeService s = service(name);
    return s == null || s.getStatus() == null ? null : s.getStatus().phase;
  }

  ServiceFacts facts(String name) {
    return service(name).getStatus().facts;
  }

  void editPolicy(String from, String to) {
    for (int attempt = 0; ; attempt++) {
      CedarPolicy policy = client.resources(CedarPolicy.class).inNamespace("lattice-system")
          .withName("commerce-secrets").get();
      policy.getSpec().policies = policy.getSpec().policies.replace(from, to);
      try {
        client.resource(policy).update();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  @Test
  @DisplayName("a Cedar denial fixed by a CedarPolicy change is one failure with its time to resolve, needing the "
      + "platform team, in status and metrics; the team comes from the namespace label")
  void denialFixedByPolicy() throws Exception {
    ServiceFacts before = facts("payments");
    assertThat(before.firstSeen).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(before.firstReady).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(before.generations).singleElement().satisfies(g -> assertThat(g.outcome).isEqualTo("Ready"));

    clock.advance(Duration.ofHours(1));
    editPolicy("payments/stripe-key", "payments/other-key");
    await("payments is Failed", () -> "Failed".equals(phase("payments")));
    assertThat(facts("payments").failure.since).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(facts("payments").failure.reason).isEqualTo("AccessSecretDenied");

    clock.advance(Duration.ofMinutes(90));
    editPolicy("payments/other-key", "payments/stripe-key");
    await("payments is Ready again", () -> "Ready".equals(phase("payments")));

    ServiceFacts after = facts("payments");
    assertThat(after.failure).isNull();
    assertThat(after.resolved).singleElement().satisfies(r -> {
      assertThat(r.reason).isEqualTo("AccessSecretDenied");
      assertThat(r.began).isEqualTo("2026-03-02T10:00:00Z");
      assertThat(r.ended).isEqualTo("2026-03-02T11:30:00Z");
      assertThat(r.seconds).isEqualTo(5400L);
      assertThat(r.neededPlatformTeam).isTrue();
    });
    assertThat(after.platformActionsTotal).isEqualTo(1);

    String metrics = operator.registry().scrape();
    assertThat(metrics)
        .contains("lattice_platform_actions_total{team=\"shop\"} 1.0")
        .contains("lattice_failure_resolution_seconds_count{platform_team=\"true\",team=\"shop\"} 1")
        .contains("lattice_failure_resolution_seconds_sum{platform_team=\"true\",team=\"shop\"} 5400.0")
        .contains("lattice_fleet_services{phase=\"Ready\",team=\"shop\",version=\"unknown\"} 3.0")
        .contains("lattice_first_try_total{outcome=\"ready\",team=\"shop\",version=\"unknown\"} 3.0")
        .contains("lattice_api_version_deprecated{version=\"v1alpha1\"} 1.0");
    assertThat(operator.facts().service(new dev.lattice.api.model.ServiceRef("commerce", "payments")))
        .hasValueSatisfying(s -> assertThat(s.team()).isEqualTo("shop"));

    // The same facts in the one fleet report, and on /dashboard with its assets from the jar.
    var report = Dashboard.report(operator.facts(), List.of(), clock.instant());
    assertThat(report.figure("meanTimeToResolve").orElseThrow().value()).contains(1.5);
    assertThat(report.figure("autonomy").orElseThrow().services()).containsExactly("commerce/payments");
    assertThat(report.figure("firstTrySuccess").orElseThrow().value()).contains(1.0);
    try (HealthServer health = operator.serveDashboard(
        new HealthServer(0, () -> operator.registry().scrape(), operator::ready))) {
      var http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + health.port();
      var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/dashboard")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body()).contains("Deployments that needed no platform-team action")
          .contains("commerce/payments").contains("/dashboard/assets/");
      for (String asset : dev.lattice.dashboard.ReportRenderer.assetNames()) {
        var served = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(base + "/dashboard/assets/" + asset)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).as(asset).isEqualTo(200);
        assertThat(served.body()).as(asset).isNotEmpty();
      }
      var missing = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + "/dashboard/assets/..%2Fsecret")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
    }
  }

  @Test
  @DisplayName("a one-sided declaration is in the caller's consent ledger with its age in the metrics")
  void pendingConsent() {
    LatticeService audit = StorageVersion.v1(Specs.minimalWith(
        "metadata: {name: audit, namespace: commerce}\n"
            + "spec: {workload: {resources: {orders: {type: service, direction: outbound}}}}"));
    client.resource(audit).create();
    await("audit records its pending declaration", () -> {
      LatticeService s = service("audit");
      return s != null && s.getStatus() != null && s.getStatus().facts != null
          && s.getStatus().facts.pendingConsent != null;
    });
    assertThat(facts("audit").pendingConsent).singleElement().satisfies(p -> {
      assertThat(p.caller).isEqualTo("commerce/audit");
      assertThat(p.callee).isEqualTo("commerce/orders");
      assertThat(p.waitsFor).isEqualTo("commerce/orders");
      assertThat(p.since).isEqualTo("2026-03-02T09:00:00Z");
    });
    clock.advance(Duration.ofDays(4));
    assertThat(operator.registry().scrape())
        .contains("lattice_consent_pending{team=\"shop\"} 1.0")
        .contains("lattice_consent_pending_oldest_seconds{team=\"shop\"} 345600.0");
  }

  @Test
  @DisplayName("the daily history is written once per day change, not on a second look the same day")
  void dailyHistory() throws Exception {
    assertThat(operator.history().tick()).isTrue();
    clock.advance(Duration.ofHours(3));
    assertThat(operator.history().tick()).as("same day").isFalse();
    clock.advance(Duration.ofDays(1));
    assertThat(operator.history().tick()).isTrue();

    String json = client.configMaps().inNamespace("lattice-system").withName("lattice-fleet-history").get()
        .getData().get("history.json");
    List<DailyHistory.Day> days = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json,
        new com.fasterxml.jackson.core.type.TypeReference<List<DailyHistory.Day>>() { });
    assertThat(days).extracting(DailyHistory.Day::date).containsExactly("2026-03-02", "2026-03-03");
    assertThat(days.get(0).services()).isEqualTo(3);
    assertThat(days.get(0).ready()).isEqualTo(3);
    assertThat(days.get(0).firstTryShare()).isEqualTo(1.0);
    assertThat(days.get(0).report()).containsEntry("services", 3.0).containsEntry("firstTrySuccess", 1.0);
    // The page's trend lines read the recorded days.
    var trend = Dashboard.report(operator.facts(), operator.history().days(), clock.instant())
        .figure("services").orElseThrow().trend();
    assertThat(trend).hasSize(2);
  }
}
