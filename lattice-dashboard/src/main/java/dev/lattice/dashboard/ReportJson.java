package dev.lattice.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.dashboard.FleetReport.ConsentRow;
import dev.lattice.dashboard.FleetReport.FieldRow;
import dev.lattice.dashboard.FleetReport.Figure;
import dev.lattice.dashboard.FleetReport.HatchRow;
import dev.lattice.dashboard.FleetReport.Migration;
import dev.lattice.dashboard.FleetReport.MigrationStep;
import dev.lattice.dashboard.FleetReport.Point;
import dev.lattice.dashboard.FleetReport.TeamVersions;
import dev.lattice.dashboard.FleetReport.Workload;
import java.util.List;

/**
 * The report as a JSON tree, field for field (names are the record components'; absent values are left out, never
 * null). Shares are 0..1, times are hours, dates ISO-8601.
 */
final class ReportJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportJson() {}

  static ObjectNode tree(FleetReport report) {
    ObjectNode root = NODES.objectNode();
    root.put("origin", report.origin());
    root.put("generated", report.generated().toString());
    ArrayNode adoption = root.putArray("adoption");
    report.adoption().forEach(f -> adoption.add(figure(f)));

    ObjectNode deprecation = root.putObject("deprecation");
    strings(deprecation.putArray("versions"), report.deprecation().versions());
    strings(deprecation.putArray("deprecatedVersions"), report.deprecation().deprecatedVersions());
    deprecation.set("migrated", figure(report.deprecation().migrated()));
    deprecation.put("summary", report.deprecation().summary());
    ArrayNode teams = deprecation.putArray("teams");
    for (TeamVersions t : report.deprecation().teams()) {
      ObjectNode team = teams.addObject();
      team.put("team", t.team());
      team.put("total", t.total());
      team.put("onDeprecated", t.onDeprecated());
      ObjectNode byVersion = team.putObject("byVersion");
      t.byVersion().forEach((v, services) -> strings(byVersion.putArray(v), services));
    }
    ArrayNode migrations = deprecation.putArray("migrations");
    for (Migration m : report.deprecation().migrations()) {
      ObjectNode migration = migrations.addObject();
      migration.put("team", m.team());
      ArrayNode steps = migration.putArray("services");
      for (MigrationStep s : m.services()) {
        ObjectNode step = steps.addObject();
        step.put("service", s.service());
        step.put("apiVersion", s.apiVersion());
        s.source().ifPresent(v -> step.put("source", v));
        step.put("command", s.command());
      }
    }

    ObjectNode hatches = root.putObject("hatches");
    hatches.set("share", figure(report.hatches().share()));
    ArrayNode hatchRows = hatches.putArray("rows");
    for (HatchRow h : report.hatches().rows()) {
      ObjectNode row = hatchRows.addObject();
      row.put("kind", h.kind());
      row.put("id", h.id());
      row.put("team", h.team());
      h.owner().ifPresent(v -> row.put("owner", v));
      h.reason().ifPresent(v -> row.put("reason", v));
      h.expires().ifPresent(v -> row.put("expires", v.toString()));
      h.daysLeft().ifPresent(v -> row.put("daysLeft", v));
      row.put("state", h.state());
      h.source().ifPresent(v -> row.put("source", v));
    }

    ObjectNode consents = root.putObject("consents");
    consents.set("pending", figure(report.consents().pending()));
    consents.set("timeToConsent", figure(report.consents().timeToConsent()));
    ArrayNode ledger = consents.putArray("rows");
    for (ConsentRow c : report.consents().rows()) {
      ObjectNode row = ledger.addObject();
      row.put("caller", c.caller());
      row.put("callee", c.callee());
      row.put("waitingOn", c.waitingOn());
      c.since().ifPresent(v -> row.put("since", v.toString()));
      c.waitingDays().ifPresent(v -> row.put("waitingDays", v));
      row.put("toComplete", c.toComplete());
    }

    ObjectNode fields = root.putObject("fieldUsage");
    fields.put("services", report.fieldUsage().services());
    ArrayNode fieldRows = fields.putArray("rows");
    for (FieldRow f : report.fieldUsage().rows()) {
      ObjectNode row = fieldRows.addObject();
      row.put("field", f.field());
      row.put("count", f.count());
      row.put("share", f.share());
      row.put("flagged", f.flagged());
      strings(row.putArray("services"), f.services());
    }

    ArrayNode workloads = root.putArray("workloads");
    for (Workload w : report.workloads()) {
      ObjectNode row = workloads.addObject();
      row.put("id", w.id());
      row.put("kind", w.kind());
      row.put("team", w.team());
      if (!w.apiVersion().isEmpty()) {
        row.put("apiVersion", w.apiVersion());
      }
      w.source().ifPresent(v -> row.put("source", v));
    }
    return root;
  }

  static ObjectNode figure(Figure f) {
    ObjectNode node = NODES.objectNode();
    node.put("id", f.id());
    node.put("label", f.label());
    node.put("unit", f.unit());
    f.value().ifPresent(v -> node.put("value", v));
    f.line().ifPresent(v -> node.put("line", v));
    node.put("alarm", f.alarm());
    node.put("note", f.note());
    if (!f.servicesLabel().isEmpty()) {
      node.put("servicesLabel", f.servicesLabel());
    }
    strings(node.putArray("services"), f.services());
    ArrayNode trend = node.putArray("trend");
    for (Point p : f.trend()) {
      trend.addObject().put("day", p.day().toString()).put("value", p.value());
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
