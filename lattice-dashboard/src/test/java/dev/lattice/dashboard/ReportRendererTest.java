package dev.lattice.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One renderer: the JSON says what the model says; the page is self-contained or links the jar's assets. */
class ReportRendererTest {
  private static FleetReport report() {
    return FleetReport.build(FleetInputs.fromFiles(FleetReportTest.TODAY, FleetReportTest.services(),
        FleetReportTest.hatches(), FleetReportTest.pending()));
  }

  @Test
  @DisplayName("JSON carries every section's figures")
  void json() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportRenderer.json(report()));
    assertThat(json.path("origin").asText()).isEqualTo("files");
    assertThat(json.path("adoption").get(0).path("id").asText()).isEqualTo("services");
    assertThat(json.path("adoption").get(0).path("value").asDouble()).isEqualTo(10.0);
    assertThat(json.path("adoption").get(1).has("value")).isFalse();
    assertThat(json.path("deprecation").path("teams").get(0).path("byVersion").path("lattice.dev/v1alpha1")
        .size()).isEqualTo(2);
    assertThat(json.path("deprecation").path("migrations").get(1).path("services").get(0).path("command").asText())
        .isEqualTo("lattice migrate --to v1 --write services/s5.yaml");
    assertThat(json.path("hatches").path("rows").get(0).path("daysLeft").asLong()).isEqualTo(-31);
    assertThat(json.path("hatches").path("share").path("line").asDouble()).isEqualTo(0.3);
    assertThat(json.path("consents").path("rows").get(0).path("waitingDays").asLong()).isEqualTo(12);
    assertThat(json.path("fieldUsage").path("rows").get(0).path("field").asText()).isEqualTo("spec.sysctls");
    assertThat(json.path("workloads").size()).isEqualTo(14);
  }

  @Test
  @DisplayName("the self-contained page inlines uPlot and its own script and loads nothing")
  void selfContained() {
    String html = ReportRenderer.html(report());
    assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .contains("uPlot").contains("id=\"lattice-data\"").contains("id=\"figure-services\"")
        .doesNotContain("<script src").doesNotContain("<link ").doesNotContain("src=\"http")
        .doesNotContain("href=\"http");
    assertThat(html).contains("7 of 10 services have migrated; the remaining 3 belong to 2 teams: team-a, team-b.");
  }

  @Test
  @DisplayName("the served page links its assets, and the jar answers for each of them")
  void linked() {
    String html = ReportRenderer.html(report(), "/dashboard/assets");
    assertThat(html).contains("<script src=\"/dashboard/assets/uPlot.iife.min.js\"></script>")
        .contains("<link rel=\"stylesheet\" href=\"/dashboard/assets/dashboard.css\">");
    assertThat(ReportRenderer.assetNames())
        .containsExactlyElementsOf(List.of("dashboard.css", "dashboard.js", "uPlot.iife.min.js", "uPlot.min.css"));
    ReportRenderer.assetNames().forEach(name -> assertThat(ReportRenderer.asset(name)).hasValueSatisfying(
        a -> assertThat(a.bytes()).isNotEmpty()));
    assertThat(ReportRenderer.asset("../secret")).isEmpty();
  }
}
