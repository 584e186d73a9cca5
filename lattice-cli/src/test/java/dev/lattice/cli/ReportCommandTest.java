package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lattice report on a generated fleet with known figures ({@link ReportFleet}). */
class ReportCommandTest {
  @TempDir Path temp;

  private JsonNode json() throws Exception {
    Path fleet = ReportFleet.write(temp.resolve("fleet"));
    CliRun run = CliRun.of("report", "--format", "json", "--today", ReportFleet.TODAY.toString(),
        fleet.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    return JsonMapper.builder().build().readTree(run.out());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
    return out;
  }

  @Test
  @DisplayName("versions by team: teams from the Namespace label or the namespace name, deprecated first")
  void versionsByTeam() throws Exception {
    JsonNode d = json().path("deprecation");
    assertThat(d.path("summary").asText())
        .isEqualTo("16 of 20 services have migrated; the remaining 4 belong to 2 teams: retail, pay.");
    assertThat(texts(d.path("teams"), "team")).containsExactly("retail", "pay", "ops");
    JsonNode retail = d.path("teams").get(0).path("byVersion");
    assertThat(texts(retail.path("lattice.dev/v1alpha1"), null)).containsExactly("shop/s0", "shop/s1", "shop/s2");
    assertThat(retail.path("lattice.dev/v1").size()).isEqualTo(5);
    JsonNode pay = d.path("teams").get(1).path("byVersion");
    assertThat(pay.path("lattice.dev/v1alpha1").size()).isEqualTo(1);
    assertThat(pay.path("lattice.dev/v1beta1").size()).isEqualTo(2);
    assertThat(pay.path("lattice.dev/v1").size()).isEqualTo(4);
    assertThat(d.path("teams").get(2).path("byVersion").path("lattice.dev/v1").size()).isEqualTo(5);
    JsonNode step = d.path("migrations").get(0).path("services").get(0);
    assertThat(step.path("service").asText()).isEqualTo("shop/s0");
    assertThat(step.path("command").asText()).isEqualTo("lattice migrate --to v1 --write "
        + temp.resolve("fleet/shop-s0.yaml"));
    assertThat(d.path("migrated").path("value").asDouble()).isEqualTo(0.8);
  }

  @Test
  @DisplayName("field usage in v1 names across versions; under 10% flagged")
  void fieldUsage() throws Exception {
    JsonNode rows = json().path("fieldUsage").path("rows");
    JsonNode sysctls = null;
    for (JsonNode row : rows) {
      sysctls = row.path("field").asText().equals("spec.sysctls") ? row : sysctls;
    }
    assertThat(sysctls.path("count").asInt()).isEqualTo(1);
    assertThat(sysctls.path("share").asDouble()).isEqualTo(0.05);
    assertThat(sysctls.path("flagged").asBoolean()).isTrue();
    assertThat(texts(sysctls.path("services"), null)).containsExactly("ops/o4");
    // The least used first.
    assertThat(rows.get(0).path("count").asInt()).isEqualTo(1);
    JsonNode replicas = null;
    JsonNode image = null;
    for (JsonNode row : rows) {
      replicas = row.path("field").asText().equals("spec.replicas") ? row : replicas;
      image = row.path("field").asText().equals("spec.containers.*.image") ? row : image;
    }
    assertThat(replicas.path("count").asInt()).isEqualTo(12);
    assertThat(replicas.path("flagged").asBoolean()).isFalse();
    assertThat(image.path("count").asInt()).isEqualTo(20);
    // The v1alpha1 dependency is counted under v1's name.
    assertThat(texts(rows, "field")).contains("spec.dependencies.outbound", "spec.dependencies.inbound")
        .doesNotContain("spec.workload");
  }

  @Test
  @DisplayName("escape hatches read generically: expired first, days left, share against 30%")
  void hatches() throws Exception {
    JsonNode h = json().path("hatches");
    assertThat(texts(h.path("rows"), "id")).containsExactly("shop/old", "shop/legacy", "ops/chart");
    assertThat(texts(h.path("rows"), "state")).containsExactly("expired", "expiring", "active");
    assertThat(texts(h.path("rows"), "daysLeft")).containsExactly("-5", "10", "100");
    assertThat(h.path("rows").get(0).path("owner").asText()).isEqualTo("retail");
    assertThat(h.path("rows").get(0).path("reason").asText()).isEqualTo("JIRA-12 legacy billing");
    assertThat(h.path("rows").get(2).path("kind").asText()).isEqualTo("LatticePackage");
    assertThat(h.path("rows").get(2).path("team").asText()).isEqualTo("ops");
    assertThat(h.path("share").path("value").asDouble()).isEqualTo(3.0 / 23);
    assertThat(h.path("share").path("alarm").asBoolean()).isFalse();
  }

  @Test
  @DisplayName("pending consent: each one-sided declaration with whose answer it waits for")
  void pendingConsent() throws Exception {
    JsonNode c = json().path("consents");
    assertThat(c.path("pending").path("value").asInt()).isEqualTo(2);
    assertThat(texts(c.path("rows"), "caller")).containsExactly("shop/s0", "shop/s1");
    assertThat(texts(c.path("rows"), "callee")).containsExactly("pay/p0", "ops/o0");
    assertThat(texts(c.path("rows"), "waitingOn")).containsExactly("pay/p0", "shop/s1");
    assertThat(c.path("rows").get(0).path("toComplete").asText())
        .isEqualTo("pay/p0 adds s0: {type: service, direction: inbound, namespace: shop}");
  }

  @Test
  @DisplayName("the text report shows the same figures, and --html writes the page")
  void textAndHtml() throws Exception {
    Path fleet = ReportFleet.write(temp.resolve("fleet"));
    Path page = temp.resolve("out/fleet.html");
    CliRun run = CliRun.of("report", "--today", "2026-12-02", "--html", page.toString(), fleet.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Deprecation: 16 of 20 services have migrated; the remaining 4 belong to 2 "
        + "teams: retail, pay.\n")
        .contains("Escape hatches: 13.0% of workloads (line 30.0%); 3 of 23 workloads\n")
        .contains("Consent ledger: 2 declarations waiting, oldest first\n")
        .containsPattern("\n  spec.sysctls +1 +5.0% +under 10%\n")
        .containsPattern("\n  retail +3 +0 +5 +8\n")
        .containsPattern("\n  Services on the platform +20 +3 teams\n");
    assertThat(run.err()).isEqualTo("wrote " + page + System.lineSeparator());
    assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("id=\"figure-services\"");
  }

  @Test
  @DisplayName("unreadable input is reported with exit status 2; the report covers the rest")
  void inputError() throws Exception {
    Path fleet = ReportFleet.write(temp.resolve("fleet"));
    Files.writeString(fleet.resolve("broken.yaml"), "apiVersion: lattice.dev/v1\nkind: LatticeService\n"
        + "metadata: {name: x\n");
    CliRun run = CliRun.of("report", "--format", "json", fleet.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error   " + fleet.resolve("broken.yaml") + ":");
    assertThat(JsonMapper.builder().build().readTree(run.out()).path("workloads").size()).isEqualTo(23);
  }
}
