package dev.lattice.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fleet report a platform's product owner reads: adoption and autonomy with their trend, deprecation by team,
 * escape hatches, the consent ledger and the field-usage audit. One model for {@code lattice report} (files) and
 * the operator's {@code /dashboard} (the live fleet); {@link ReportRenderer} turns it into JSON or the page.
 *
 * <p>Every figure and row names the workloads behind it by id ({@code namespace/name}); {@link #workloads()}
 * lists each of them once.
 */
public record FleetReport(
    String origin,
    Instant generated,
    List<Figure> adoption,
    Deprecation deprecation,
    Hatches hatches,
    Consents consents,
    FieldUsage fieldUsage,
    List<Workload> workloads) {
  /** Escape hatches above this share of workloads mean the CRD is too thick (the product's line). */
  public static final double HATCH_LINE = 0.30;
  /** Fields used by fewer than this share of services should move out of the CRD. */
  public static final double FIELD_LINE = 0.10;

  public FleetReport {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(generated, "generated");
    adoption = List.copyOf(adoption);
    Objects.requireNonNull(deprecation, "deprecation");
    Objects.requireNonNull(hatches, "hatches");
    Objects.requireNonNull(consents, "consents");
    Objects.requireNonNull(fieldUsage, "fieldUsage");
    workloads = List.copyOf(workloads);
  }

  /** Computes the report; pure, deterministic, no clock (the time is in the inputs). */
  public static FleetReport build(FleetInputs inputs) {
    return ReportBuilder.build(inputs);
  }

  /** The figure of that id in the adoption section, e.g. {@code firstTrySuccess}. */
  public Optional<Figure> figure(String id) {
    return adoption.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  /**
   * One number with what it means and where it comes from.
   *
   * @param id stable, used in JSON, history keys and links
   * @param unit {@code count}, {@code share} (0..1) or {@code hours}
   * @param value empty when it cannot be known from this origin (e.g. time to Ready from files)
   * @param line the line it is judged against (a target or a limit), if any
   * @param alarm true when the value is on the wrong side of the line
   * @param note why the value is missing, or what it counts
   * @param services the workloads behind it, by id; {@code servicesLabel} says which they are
   * @param trend daily values from the operator's history, oldest first
   */
  public record Figure(
      String id,
      String label,
      String unit,
      Optional<Double> value,
      Optional<Double> line,
      boolean alarm,
      String note,
      String servicesLabel,
      List<String> services,
      List<Point> trend) {
    public Figure {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(note, "note");
      Objects.requireNonNull(servicesLabel, "servicesLabel");
      services = List.copyOf(services);
      trend = List.copyOf(trend);
    }
  }

  /** One day's value of a figure. */
  public record Point(LocalDate day, double value) {}

  /**
   * Services per API version by team, the teams still on a deprecated version first.
   *
   * @param versions every version named in the table, oldest first
   * @param deprecatedVersions those of them that are deprecated
   * @param migrated the share of services on a current version
   * @param summary one sentence, e.g. "180 of 200 services have migrated; the remaining 20 belong to 3 teams."
   */
  public record Deprecation(
      List<String> versions,
      List<String> deprecatedVersions,
      Figure migrated,
      String summary,
      List<TeamVersions> teams,
      List<Migration> migrations) {
    public Deprecation {
      versions = List.copyOf(versions);
      deprecatedVersions = List.copyOf(deprecatedVersions);
      Objects.requireNonNull(migrated, "migrated");
      Objects.requireNonNull(summary, "summary");
      teams = List.copyOf(teams);
      migrations = List.copyOf(migrations);
    }
  }

  /** One team's services by version (every version of {@link Deprecation#versions()} is a key). */
  public record TeamVersions(String team, Map<String, List<String>> byVersion, int total, int onDeprecated) {
    public TeamVersions {
      Objects.requireNonNull(team, "team");
      byVersion = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byVersion));
    }
  }

  /** A team still on a deprecated version: the services to migrate and the command for each. */
  public record Migration(String team, List<MigrationStep> services) {
    public Migration {
      Objects.requireNonNull(team, "team");
      services = List.copyOf(services);
    }
  }

  /** @param command e.g. {@code lattice migrate --to v1 --write services/payments.yaml} */
  public record MigrationStep(String service, String apiVersion, Optional<String> source, String command) {}

  /** Escape hatches, expired first, and their share of workloads against {@link #HATCH_LINE}. */
  public record Hatches(Figure share, List<HatchRow> rows) {
    public Hatches {
      Objects.requireNonNull(share, "share");
      rows = List.copyOf(rows);
    }
  }

  /**
   * @param daysLeft days from the report's date to the expiry (negative once expired); empty without an expiry
   * @param state {@code expired}, {@code expiring} (30 days or fewer left), {@code active} or {@code no expiry}
   */
  public record HatchRow(
      String kind,
      String id,
      String team,
      Optional<String> owner,
      Optional<String> reason,
      Optional<LocalDate> expires,
      Optional<Long> daysLeft,
      String state,
      Optional<String> source) {}

  /** The consent ledger, oldest first. */
  public record Consents(Figure pending, Figure timeToConsent, List<ConsentRow> rows) {
    public Consents {
      Objects.requireNonNull(pending, "pending");
      Objects.requireNonNull(timeToConsent, "timeToConsent");
      rows = List.copyOf(rows);
    }
  }

  /** @param waitingDays whole days since {@code since}; empty when the time is unknown (files) */
  public record ConsentRow(
      String caller,
      String callee,
      String waitingOn,
      Optional<Instant> since,
      Optional<Long> waitingDays,
      String toComplete) {}

  /** Share of services using each spec field, the least used first. */
  public record FieldUsage(int services, List<FieldRow> rows) {
    public FieldUsage {
      rows = List.copyOf(rows);
    }
  }

  /** @param flagged used by fewer than {@link #FIELD_LINE} of the services: a candidate to move out of the CRD */
  public record FieldRow(String field, int count, double share, boolean flagged, List<String> services) {
    public FieldRow {
      services = List.copyOf(services);
    }
  }

  /** A workload any figure can point at: a LatticeService or an escape hatch. */
  public record Workload(String id, String kind, String team, String apiVersion, Optional<String> source) {}
}
