package dev.lattice.dashboard;

import dev.lattice.api.versions.ApiVersion;
import dev.lattice.dashboard.FleetReport.ConsentRow;
import dev.lattice.dashboard.FleetReport.Consents;
import dev.lattice.dashboard.FleetReport.Deprecation;
import dev.lattice.dashboard.FleetReport.FieldRow;
import dev.lattice.dashboard.FleetReport.FieldUsage;
import dev.lattice.dashboard.FleetReport.Figure;
import dev.lattice.dashboard.FleetReport.HatchRow;
import dev.lattice.dashboard.FleetReport.Hatches;
import dev.lattice.dashboard.FleetReport.Migration;
import dev.lattice.dashboard.FleetReport.MigrationStep;
import dev.lattice.dashboard.FleetReport.TeamVersions;
import dev.lattice.dashboard.FleetReport.Workload;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Computes a {@link FleetReport} from {@link FleetInputs}; the adoption figures are in {@link AdoptionFigures}. */
final class ReportBuilder {
  /** A hatch this close to its expiry is shown as expiring (the governance check warns from then too). */
  static final long EXPIRING_DAYS = 30;

  private ReportBuilder() {}

  static FleetReport build(FleetInputs in) {
    List<ServiceFacts> services = in.services().stream()
        .sorted(Comparator.comparing(ServiceFacts::ref)).toList();
    List<Workload> workloads = new ArrayList<>();
    services.forEach(s -> workloads.add(new Workload(s.ref().toString(), "LatticeService", s.team(),
        s.apiVersion(), s.source())));
    Hatches hatches = hatches(in, services.size());
    hatches.rows().stream().sorted(Comparator.comparing(HatchRow::id)).forEach(h -> workloads.add(
        new Workload(h.id(), h.kind(), h.team(), "", h.source())));
    return new FleetReport(in.origin(), in.now(), AdoptionFigures.of(in, services), deprecation(services),
        hatches, consents(in), fields(services), workloads);
  }

  private static Deprecation deprecation(List<ServiceFacts> services) {
    TreeMap<Integer, String> ordered = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (ApiVersion v : ApiVersion.values()) {
      ordered.put(v.ordinal(), v.apiVersion());
    }
    services.stream().map(ServiceFacts::apiVersion).distinct().sorted()
        .filter(v -> ApiVersion.of(v).isEmpty()).forEach(unknown::add);
    List<String> versions = new ArrayList<>(ordered.values());
    versions.addAll(unknown);
    List<String> deprecated = versions.stream().filter(ReportBuilder::deprecated).toList();

    Map<String, List<ServiceFacts>> byTeam = new TreeMap<>();
    services.forEach(s -> byTeam.computeIfAbsent(s.team(), t -> new ArrayList<>()).add(s));
    List<TeamVersions> teams = new ArrayList<>();
    List<Migration> migrations = new ArrayList<>();
    byTeam.forEach((team, own) -> {
      Map<String, List<String>> byVersion = new LinkedHashMap<>();
      versions.forEach(v -> byVersion.put(v, new ArrayList<>()));
      own.forEach(s -> byVersion.get(canonical(s.apiVersion())).add(s.ref().toString()));
      List<ServiceFacts> old = own.stream().filter(s -> deprecated(s.apiVersion())).toList();
      teams.add(new TeamVersions(team, byVersion, own.size(), old.size()));
      if (!old.isEmpty()) {
        migrations.add(new Migration(team, old.stream().map(s -> new MigrationStep(s.ref().toString(),
            canonical(s.apiVersion()), s.source(), "lattice migrate --to " + ApiVersion.STORAGE.version()
                + " --write " + s.source().orElse("FILE"))).toList()));
      }
    });
    // The teams to talk to first: most services on a deprecated version, then by name.
    Comparator<TeamVersions> order = Comparator.comparingInt((TeamVersions t) -> -t.onDeprecated())
        .thenComparing(TeamVersions::team);
    teams.sort(order);
    Map<String, Integer> rank = new TreeMap<>();
    for (int i = 0; i < teams.size(); i++) {
      rank.put(teams.get(i).team(), i);
    }
    migrations.sort(Comparator.comparing(m -> rank.get(m.team())));

    List<String> behind = new ArrayList<>();
    migrations.forEach(m -> m.services().forEach(s -> behind.add(s.service())));
    int total = services.size();
    int migrated = total - behind.size();
    String summary = total == 0 ? "No services."
        : behind.isEmpty() ? "All " + total + " services are on a current version."
        : migrated + " of " + total + " services have migrated; the remaining " + behind.size() + " belong to "
            + migrations.size() + (migrations.size() == 1 ? " team" : " teams") + ": "
            + String.join(", ", migrations.stream().map(Migration::team).toList()) + ".";
    Figure figure = new Figure("migrated", "Services on a current API version", "share",
        total == 0 ? Optional.empty() : Optional.of((double) migrated / total), Optional.of(1.0),
        !behind.isEmpty(), migrated + " of " + total + " services", "on a deprecated version", behind, List.of());
    return new Deprecation(versions, deprecated, figure, summary, teams, migrations);
  }

  /** {@code v1alpha1} and {@code lattice.dev/v1alpha1} are the same version. */
  private static String canonical(String apiVersion) {
    return ApiVersion.of(apiVersion).map(ApiVersion::apiVersion).orElse(apiVersion);
  }

  private static boolean deprecated(String apiVersion) {
    return ApiVersion.of(apiVersion).map(ApiVersion::deprecated).orElse(false);
  }

  private static Hatches hatches(FleetInputs in, int services) {
    List<HatchRow> rows = new ArrayList<>();
    for (EscapeHatch h : in.hatches()) {
      Optional<Long> left = h.expires().map(e -> ChronoUnit.DAYS.between(in.today(), e));
      String state = left.map(d -> d < 0 ? "expired" : d <= EXPIRING_DAYS ? "expiring" : "active")
          .orElse("no expiry");
      rows.add(new HatchRow(h.kind(), h.id(), h.team(), h.owner(), h.reason(), h.expires(), left, state,
          h.source()));
    }
    // Expired first (longest expired on top), then those without an expiry (a governance gap), then by expiry.
    rows.sort(Comparator.comparingLong((HatchRow r) -> r.daysLeft().map(d -> d < 0 ? d : d + 1)
            .orElse(0L))
        .thenComparing(HatchRow::id).thenComparing(HatchRow::kind));
    int workloads = services + rows.size();
    Optional<Double> share = workloads == 0 ? Optional.empty() : Optional.of((double) rows.size() / workloads);
    Figure figure = new Figure("escapeHatchShare", "Workloads using an escape hatch", "share", share,
        Optional.of(FleetReport.HATCH_LINE), share.orElse(0.0) > FleetReport.HATCH_LINE,
        rows.size() + " of " + workloads + " workloads; over 30% means the CRD is too thick",
        "escape hatches", rows.stream().map(HatchRow::id).toList(), AdoptionFigures.trend(in, "escapeHatchShare"));
    return new Hatches(figure, rows);
  }

  private static Consents consents(FleetInputs in) {
    List<ConsentRow> rows = new ArrayList<>();
    for (PendingConsent p : in.pending()) {
      Optional<Long> days = p.since().map(s -> Duration.between(s, in.now()).toDays());
      rows.add(new ConsentRow(p.caller().toString(), p.callee().toString(), p.waitingOn().toString(), p.since(),
          days, p.toComplete()));
    }
    Comparator<ConsentRow> bySince = Comparator.comparing(r -> r.since().orElse(null),
        Comparator.nullsLast(Comparator.naturalOrder()));
    rows.sort(bySince.thenComparing(ConsentRow::caller).thenComparing(ConsentRow::callee));
    List<String> waiting = rows.stream().map(ConsentRow::waitingOn).distinct().sorted().toList();
    Figure pending = new Figure("pendingConsent", "Declarations waiting for consent", "count",
        Optional.of((double) rows.size()), Optional.empty(), false,
        rows.size() + " one-sided declarations; traffic stays denied until both sides agree",
        "services whose answer is awaited", waiting, AdoptionFigures.trend(in, "pendingConsent"));
    Optional<Double> mean = in.timesToConsent().isEmpty() ? Optional.empty()
        : Optional.of(in.timesToConsent().stream().mapToLong(Duration::toSeconds).average().orElse(0) / 3600.0);
    Figure time = new Figure("timeToConsent", "Mean time to consent", "hours", mean, Optional.empty(), false,
        mean.isPresent() ? in.timesToConsent().size() + " declarations agreed" : AdoptionFigures.RECORDED,
        "", List.of(), AdoptionFigures.trend(in, "timeToConsent"));
    return new Consents(pending, time, rows);
  }

  private static FieldUsage fields(List<ServiceFacts> services) {
    Map<String, List<String>> users = new TreeMap<>();
    for (ServiceFacts s : services) {
      String id = s.ref().toString();
      s.fields().forEach(f -> users.computeIfAbsent(f, k -> new ArrayList<>()).add(id));
    }
    int total = services.size();
    List<FieldRow> rows = new ArrayList<>();
    users.forEach((field, who) -> {
      double share = (double) who.size() / total;
      rows.add(new FieldRow(field, who.size(), share, share < FleetReport.FIELD_LINE, who));
    });
    rows.sort(Comparator.comparingInt(FieldRow::count).thenComparing(FieldRow::field));
    return new FieldUsage(total, rows);
  }
}
