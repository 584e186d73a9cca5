package dev.lattice.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.dashboard.FleetReport.Figure;
import dev.lattice.dashboard.RecordedFacts.Failure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The report's figures from inputs with known answers, live and from files. */
class FleetReportTest {
  static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
  static final LocalDate TODAY = LocalDate.parse("2026-12-02");

  /** 10 services: team-a 4 (2 on v1alpha1), team-b 3 (1 on v1alpha1), team-c 3 on v1. */
  static List<ServiceFacts> services() {
    List<ServiceFacts> services = new ArrayList<>();
    String[][] fleet = {
      {"a", "s1", "lattice.dev/v1alpha1"}, {"a", "s2", "lattice.dev/v1alpha1"}, {"a", "s3", "lattice.dev/v1"},
      {"a", "s4", "lattice.dev/v1beta1"}, {"b", "s5", "lattice.dev/v1alpha1"}, {"b", "s6", "lattice.dev/v1"},
      {"b", "s7", "lattice.dev/v1"}, {"c", "s8", "lattice.dev/v1"}, {"c", "s9", "lattice.dev/v1"},
      {"c", "s10", "lattice.dev/v1"}};
    for (int i = 0; i < fleet.length; i++) {
      Set<String> fields = i == 0 ? Set.of("spec.containers", "spec.replicas", "spec.sysctls")
          : i < 6 ? Set.of("spec.containers", "spec.replicas") : Set.of("spec.containers");
      services.add(ServiceFacts.fromFile(new ServiceRef("ns-" + fleet[i][0], fleet[i][1]), "team-" + fleet[i][0],
          fleet[i][2], fields, "services/" + fleet[i][1] + ".yaml"));
    }
    return services;
  }

  static List<EscapeHatch> hatches() {
    return List.of(
        hatch("legacy", "2026-12-31"), hatch("old-db", "2026-11-01"), hatch("vendor", "2027-06-01"),
        new EscapeHatch("LatticePackage", "ns-b", "chart", "team-b", Optional.empty(), Optional.of("JIRA-1"),
            Optional.empty(), Optional.empty()));
  }

  private static EscapeHatch hatch(String name, String expires) {
    return new EscapeHatch("LatticeMeshMember", "ns-a", name, "team-a", Optional.of("team-a"),
        Optional.of("migrating " + name), Optional.of(LocalDate.parse(expires)), Optional.of("hatches.yaml"));
  }

  static List<PendingConsent> pending() {
    ServiceRef s1 = new ServiceRef("ns-a", "s1");
    ServiceRef s5 = new ServiceRef("ns-b", "s5");
    ServiceRef s8 = new ServiceRef("ns-c", "s8");
    return List.of(
        new PendingConsent(s1, s5, s5, Optional.of(NOW.minus(Duration.ofDays(3))), "ns-b/s5 adds s1: {...}"),
        new PendingConsent(s8, s1, s1, Optional.of(NOW.minus(Duration.ofDays(12))), "ns-a/s1 adds s8: {...}"));
  }

  @Test
  @DisplayName("from files: versions by team with the teams on v1alpha1 first, hatches expired first, fields")
  void fromFiles() {
    FleetReport report = FleetReport.build(FleetInputs.fromFiles(TODAY, services(), hatches(), List.of()));

    assertThat(report.figure("services").flatMap(Figure::value)).contains(10.0);
    assertThat(report.figure("firstTrySuccess").get().value()).isEmpty();
    assertThat(report.figure("firstTrySuccess").get().note()).isEqualTo(AdoptionFigures.RECORDED);

    var d = report.deprecation();
    assertThat(d.summary()).isEqualTo("7 of 10 services have migrated; the remaining 3 belong to 2 teams: team-a, "
        + "team-b.");
    assertThat(d.teams()).extracting(FleetReport.TeamVersions::team).containsExactly("team-a", "team-b", "team-c");
    assertThat(d.teams().get(0).byVersion().get("lattice.dev/v1alpha1")).containsExactly("ns-a/s1", "ns-a/s2");
    assertThat(d.teams().get(0).byVersion().get("lattice.dev/v1beta1")).containsExactly("ns-a/s4");
    assertThat(d.migrations().get(0).services().get(0).command())
        .isEqualTo("lattice migrate --to v1 --write services/s1.yaml");
    assertThat(d.migrated().value()).contains(0.7);

    var hatches = report.hatches();
    assertThat(hatches.rows()).extracting(FleetReport.HatchRow::id)
        .containsExactly("ns-a/old-db", "ns-b/chart", "ns-a/legacy", "ns-a/vendor");
    assertThat(hatches.rows()).extracting(FleetReport.HatchRow::state)
        .containsExactly("expired", "no expiry", "expiring", "active");
    assertThat(hatches.rows().get(0).daysLeft()).contains(-31L);
    assertThat(hatches.share().value()).contains(4.0 / 14);
    assertThat(hatches.share().alarm()).isFalse(); // 28.6% is under the 30% line

    var fields = report.fieldUsage();
    assertThat(fields.rows()).extracting(FleetReport.FieldRow::field)
        .containsExactly("spec.sysctls", "spec.replicas", "spec.containers");
    assertThat(fields.rows().get(0).flagged()).isFalse(); // exactly 10% is not under the line
    assertThat(fields.rows().get(1).share()).isEqualTo(0.6);
    assertThat(report.workloads()).hasSize(14);
  }

  @Test
  @DisplayName("the consent ledger is oldest first, with days waiting")
  void consentLedger() {
    FleetReport report = FleetReport.build(FleetInputs.fromFiles(TODAY, services(), List.of(), pending()));
    assertThat(report.consents().rows()).extracting(FleetReport.ConsentRow::caller)
        .containsExactly("ns-c/s8", "ns-a/s1");
    assertThat(report.consents().rows()).extracting(r -> r.waitingDays().orElseThrow()).containsExactly(12L, 3L);
    assertThat(report.consents().pending().value()).contains(2.0);
    assertThat(report.consents().pending().services()).containsExactly("ns-a/s1", "ns-b/s5");
  }

  @Test
  @DisplayName("live: time to Ready, first-try success, time to resolve and autonomy from recorded facts")
  void live() {
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    List<ServiceFacts> services = new ArrayList<>();
    // s1: Ready after 2 h on its first try, 3 generations all first try.
    services.add(live("s1", new RecordedFacts(Optional.of(t0), Optional.of(t0.plusSeconds(7200)), 3, 3, List.of())));
    // s2: failed (denied), fixed by a policy change after 4 h: needed the platform team; 2 generations, 1 first try.
    services.add(live("s2", new RecordedFacts(Optional.of(t0), Optional.of(t0.plusSeconds(4 * 3600)), 2, 1,
        List.of(new Failure("AccessSecretDenied", t0, Optional.of(t0.plusSeconds(4 * 3600)), true)))));
    // s3: a failure the team fixed in 6 h, then Ready; one failure still open on a later generation.
    services.add(live("s3", new RecordedFacts(Optional.of(t0), Optional.of(t0.plusSeconds(6 * 3600)), 3, 1,
        List.of(new Failure("MissingResourceLimits", t0, Optional.of(t0.plusSeconds(6 * 3600)), false),
            new Failure("InvalidPort", t0.plusSeconds(86_400), Optional.empty(), false)))));
    // s4: never Ready.
    services.add(live("s4", new RecordedFacts(Optional.of(t0), Optional.empty(), 1, 0,
        List.of(new Failure("InvalidPort", t0, Optional.empty(), false)))));
    List<DailyFigures> history = List.of(
        new DailyFigures(LocalDate.parse("2026-11-30"), Map.of("services", 3.0, "firstTrySuccess", 0.5)),
        new DailyFigures(LocalDate.parse("2026-11-29"), Map.of("services", 2.0)));
    FleetInputs in = new FleetInputs("cluster", NOW, services, List.of(), List.of(),
        List.of(Duration.ofHours(2), Duration.ofHours(4)), history);
    FleetReport report = FleetReport.build(in);

    assertThat(report.figure("timeToReady").flatMap(Figure::value)).contains(4.0);
    assertThat(report.figure("firstTrySuccess").flatMap(Figure::value)).contains(5.0 / 9);
    assertThat(report.figure("firstTrySuccess").get().alarm()).isTrue();
    assertThat(report.figure("firstTrySuccess").get().services()).containsExactly("ns/s2", "ns/s3", "ns/s4");
    assertThat(report.figure("meanTimeToResolve").flatMap(Figure::value)).contains(5.0);
    assertThat(report.figure("meanTimeToResolve").get().note()).isEqualTo("2 failures resolved, 2 open");
    assertThat(report.figure("autonomy").flatMap(Figure::value)).contains(2.0 / 3);
    assertThat(report.figure("autonomy").get().services()).containsExactly("ns/s2");
    assertThat(report.consents().timeToConsent().value()).contains(3.0);
    assertThat(report.figure("services").get().trend()).extracting(FleetReport.Point::value)
        .containsExactly(2.0, 3.0);
  }

  private static ServiceFacts live(String name, RecordedFacts facts) {
    return ServiceFacts.live(new ServiceRef("ns", name), "team", "lattice.dev/v1", Set.of("spec.containers"),
        facts);
  }
}
