package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1alpha1.ServiceFacts;
import dev.lattice.testkit.Specs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The product metrics with known values, and the Grafana dashboard and alerts naming only metrics that exist. */
class ProductMetricsTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final OperatorMetrics metrics = new OperatorMetrics(registry);
  final FleetFacts facts = new FleetFacts();

  static FleetFacts.Service service(String ns, String name, String team, String version, String phase,
      ServiceFacts f) {
    return new FleetFacts.Service(new ServiceRef(ns, name), team, version, phase, f);
  }

  void put(FleetFacts.Service s) {
    metrics.serviceMoved(facts.put(s).orElse(null), s);
  }

  @BeforeEach
  void fleet() {
    metrics.bindFacts(facts, Clock.fixed(NOW, ZoneOffset.UTC));
    ServiceFacts waiting = new ServiceFacts();
    ServiceFacts.PendingConsent p = new ServiceFacts.PendingConsent();
    p.caller = "shop/frontend";
    p.callee = "pay/payments";
    p.waitsFor = "pay/payments";
    p.since = NOW.minus(Duration.ofDays(9)).toString();
    waiting.pendingConsent = List.of(p);
    ServiceFacts failing = new ServiceFacts();
    failing.failure = new ServiceFacts.OpenFailure();
    failing.failure.since = NOW.minus(Duration.ofHours(2)).toString();
    failing.failure.reason = "EscapeHatchExpired";
    put(service("shop", "frontend", "shop", "v1alpha1", "Ready", waiting));
    put(service("shop", "cart", "shop", "v1", "Ready", null));
    put(service("pay", "payments", "payments", "v1", "Failed", failing));
    // A service that moves: counted once, in its new phase.
    put(service("shop", "cart", "shop", "v1", "Failed", null));
    put(service("shop", "cart", "shop", "v1", "Ready", null));
    metrics.firstOutcome("shop", "v1", "ready");
    metrics.firstOutcome("shop", "v1", "ready");
    metrics.firstOutcome("shop", "v1", "failed");
    metrics.failureResolved("shop", Duration.ofMinutes(30), false);
    metrics.failureResolved("payments", Duration.ofHours(26), true);
    metrics.timeToReady("shop", Duration.ofMinutes(4));
    metrics.consentAgreed("shop", Duration.ofDays(2));
  }

  @Test
  @DisplayName("known facts give exactly the known series")
  void knownValues() {
    assertThat(registry.scrape())
        .contains("lattice_fleet_services{phase=\"Ready\",team=\"shop\",version=\"v1alpha1\"} 1.0")
        .contains("lattice_fleet_services{phase=\"Ready\",team=\"shop\",version=\"v1\"} 1.0")
        .contains("lattice_fleet_services{phase=\"Failed\",team=\"shop\",version=\"v1\"} 0.0")
        .contains("lattice_fleet_services{phase=\"Failed\",team=\"payments\",version=\"v1\"} 1.0")
        .contains("lattice_failures_open{reason=\"EscapeHatchExpired\",team=\"payments\"} 1.0")
        .contains("lattice_first_try_total{outcome=\"ready\",team=\"shop\",version=\"v1\"} 2.0")
        .contains("lattice_first_try_total{outcome=\"failed\",team=\"shop\",version=\"v1\"} 1.0")
        .contains("lattice_failure_resolution_seconds_sum{platform_team=\"false\",team=\"shop\"} 1800.0")
        .contains("lattice_failure_resolution_seconds_bucket{platform_team=\"true\",team=\"payments\",le=\"86400.0\"} 0")
        .contains("lattice_failure_resolution_seconds_bucket{platform_team=\"true\",team=\"payments\",le=\"259200.0\"} 1")
        .contains("lattice_platform_actions_total{team=\"payments\"} 1.0")
        .contains("lattice_time_to_ready_seconds_sum{team=\"shop\"} 240.0")
        .contains("lattice_consent_time_seconds_sum{team=\"shop\"} 172800.0")
        .contains("lattice_consent_pending{team=\"shop\"} 1.0")
        .contains("lattice_consent_pending_oldest_seconds{team=\"shop\"} 777600.0")
        .contains("lattice_consent_pending{team=\"payments\"} 0.0")
        .contains("lattice_api_version_deprecated{version=\"v1alpha1\"} 1.0")
        .contains("lattice_api_version_deprecated{version=\"v1\"} 0.0")
        .doesNotContain("service=\"");
  }

  @Test
  @DisplayName("fleet figures: shares, pending consent and services by version")
  void figures() {
    FleetFacts.Figures f = facts.figures(NOW);
    assertThat(f.services()).isEqualTo(3);
    assertThat(f.ready()).isEqualTo(2);
    assertThat(f.failed()).isEqualTo(1);
    assertThat(f.pendingConsents()).isEqualTo(1);
    assertThat(f.oldestPendingSeconds()).isEqualTo(9 * 86400L);
    assertThat(f.servicesByVersion()).containsEntry("v1", 2).containsEntry("v1alpha1", 1);
  }

  /** Names of the series a scrape exports (with the _bucket, _sum and _count of histograms). */
  Set<String> exported() {
    Set<String> names = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  static final Pattern METRIC = Pattern.compile("\\blattice_[a-z_]+\\b");

  static List<String> metricsIn(String expr) {
    List<String> out = new ArrayList<>();
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  @DisplayName("the Grafana dashboard parses and every panel's query names only metrics the operator exports")
  void dashboard() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(
        Specs.repoRoot().resolve("deploy/monitoring/grafana-dashboard.json").toFile());
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
    assertThat(dashboard.path("panels")).isNotEmpty();
    Set<String> exported = exported();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        assertThat(metricsIn(expr)).as("%s: %s", panel.path("title").asText(), expr).isNotEmpty()
            .allSatisfy(name -> assertThat(exported).contains(name));
      }
    }
  }

  @Test
  @DisplayName("every alert names only metrics the operator exports (the file's schema: DeployManifestsTest)")
  void alerts() throws IOException {
    JsonNode rule = new YAMLMapper().readTree(
        Specs.repoRoot().resolve("deploy/monitoring/prometheusrule.yaml").toFile());
    Set<String> alerts = new TreeSet<>();
    for (JsonNode group : rule.path("spec").path("groups")) {
      for (JsonNode r : group.path("rules")) {
        alerts.add(r.path("alert").asText());
        assertThat(metricsIn(r.path("expr").asText())).isNotEmpty()
            .allSatisfy(name -> assertThat(exported()).contains(name));
      }
    }
    assertThat(alerts).containsExactly("LatticeConsentPending", "LatticeDeprecatedVersionPastDeadline",
        "LatticeEscapeHatchExpired", "LatticeFirstTrySuccessLow");
  }
}
