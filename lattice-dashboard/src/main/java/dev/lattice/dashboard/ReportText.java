package dev.lattice.dashboard;

import static dev.lattice.dashboard.HtmlPage.percent;
import static dev.lattice.dashboard.HtmlPage.value;

import dev.lattice.dashboard.FleetReport.ConsentRow;
import dev.lattice.dashboard.FleetReport.FieldRow;
import dev.lattice.dashboard.FleetReport.Figure;
import dev.lattice.dashboard.FleetReport.HatchRow;
import dev.lattice.dashboard.FleetReport.Migration;
import dev.lattice.dashboard.FleetReport.MigrationStep;
import dev.lattice.dashboard.FleetReport.TeamVersions;
import java.util.ArrayList;
import java.util.List;

/** The report for a terminal: the page's sections as aligned tables, the same figures and words. */
final class ReportText {
  private final StringBuilder out = new StringBuilder();

  private ReportText() {}

  static String of(FleetReport report) {
    return new ReportText().render(report);
  }

  private String render(FleetReport r) {
    line("Lattice fleet report (" + (r.origin().equals("files") ? "from files" : "live fleet") + ", "
        + r.generated().toString().substring(0, 10) + ")");
    line("");
    line("Adoption and autonomy");
    List<List<String>> figures = new ArrayList<>();
    r.adoption().forEach(f -> figures.add(figure(f)));
    table(List.of("FIGURE", "VALUE", "LINE", "NOTE"), figures);

    var d = r.deprecation();
    line("");
    line("Deprecation: " + d.summary());
    List<String> head = new ArrayList<>(List.of("TEAM"));
    d.versions().forEach(v -> head.add(d.deprecatedVersions().contains(v) ? v + " (deprecated)" : v));
    head.add("SERVICES");
    List<List<String>> teams = new ArrayList<>();
    for (TeamVersions t : d.teams()) {
      List<String> row = new ArrayList<>(List.of(t.team()));
      d.versions().forEach(v -> row.add(String.valueOf(t.byVersion().get(v).size())));
      row.add(String.valueOf(t.total()));
      teams.add(row);
    }
    table(head, teams);
    if (!d.migrations().isEmpty()) {
      line("Teams to talk to:");
      for (Migration m : d.migrations()) {
        line("  " + m.team() + ":");
        for (MigrationStep s : m.services()) {
          line("    " + s.service() + " (" + s.apiVersion() + "): " + s.command());
        }
      }
    }

    var h = r.hatches();
    line("");
    line("Escape hatches: " + value(h.share().unit(), h.share().value()) + " of workloads (line "
        + percent(FleetReport.HATCH_LINE) + (h.share().alarm() ? ", over it: the CRD is too thick" : "") + "); "
        + h.share().note().split(";")[0]);
    List<List<String>> hatches = new ArrayList<>();
    for (HatchRow row : h.rows()) {
      hatches.add(List.of(row.kind(), row.id(), row.owner().orElse("-"), row.expires().map(Object::toString)
          .orElse("-"), row.daysLeft().map(String::valueOf).orElse("-"), row.state(), row.reason().orElse("-")));
    }
    table(List.of("KIND", "NAME", "OWNER", "EXPIRES", "DAYS LEFT", "STATE", "REASON"), hatches);

    var c = r.consents();
    line("");
    line("Consent ledger: " + c.rows().size() + (c.rows().size() == 1 ? " declaration" : " declarations")
        + " waiting, oldest first");
    List<List<String>> ledger = new ArrayList<>();
    for (ConsentRow row : c.rows()) {
      ledger.add(List.of(row.caller(), row.callee(), row.waitingOn(), row.waitingDays().map(String::valueOf)
          .orElse("-"), row.toComplete()));
    }
    table(List.of("CALLER", "CALLEE", "WAITING ON", "DAYS", "TO COMPLETE"), ledger);

    var f = r.fieldUsage();
    line("");
    line("Field usage: share of the " + f.services() + " services setting each spec field (under "
        + percent(FleetReport.FIELD_LINE) + " flagged)");
    List<List<String>> fields = new ArrayList<>();
    for (FieldRow row : f.rows()) {
      fields.add(List.of(row.field(), String.valueOf(row.count()), percent(row.share()),
          row.flagged() ? "under 10%" : ""));
    }
    table(List.of("FIELD", "SERVICES", "SHARE", "FLAG"), fields);
    return out.toString();
  }

  private static List<String> figure(Figure f) {
    return List.of(f.label(), value(f.unit(), f.value()) + (f.alarm() ? " !" : ""),
        f.line().map(l -> value(f.unit(), java.util.Optional.of(l))).orElse(""), f.note());
  }

  private void table(List<String> head, List<List<String>> rows) {
    if (rows.isEmpty()) {
      line("  (none)");
      return;
    }
    int[] widths = new int[head.size()];
    for (int i = 0; i < head.size(); i++) {
      widths[i] = head.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    row(head, widths);
    rows.forEach(row -> row(row, widths));
  }

  private void row(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      b.append(cells.get(i));
      if (i < cells.size() - 1) {
        b.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
      }
    }
    line(b.toString().stripTrailing());
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
