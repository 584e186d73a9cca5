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
import dev.lattice.dashboard.FleetReport.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page. Tables and figures are written into the HTML (readable without a script); the script sorts tables,
 * draws the trend lines with uPlot and, for a link {@code #show=SET}, filters the workloads table to the set's
 * rows. Sets are lists of row numbers in the embedded data, so 10,000 services stay a few megabytes.
 */
final class HtmlPage {
  /** The page may load nothing from anywhere but itself: no request leaves the machine that serves it. */
  static final String CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' "
      + "'unsafe-inline'; img-src 'self' data:";

  private final FleetReport report;
  private final Optional<String> assetPath;
  private final StringBuilder out = new StringBuilder(1 << 16);
  private final ObjectNode sets = JsonNodeFactory.instance.objectNode();
  private final Map<String, Integer> serviceRows = new HashMap<>();
  private final Map<String, Integer> hatchRows = new HashMap<>();

  HtmlPage(FleetReport report, Optional<String> assetPath) {
    this.report = report;
    this.assetPath = assetPath;
    List<Workload> workloads = report.workloads();
    for (int i = 0; i < workloads.size(); i++) {
      (workloads.get(i).kind().equals("LatticeService") ? serviceRows : hatchRows)
          .putIfAbsent(workloads.get(i).id(), i);
    }
  }

  String render() {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Lattice fleet report</title>\n");
    style("uPlot.min.css");
    style("dashboard.css");
    out.append("</head>\n<body>\n<header><h1>Lattice fleet report</h1><p class=\"meta\">From ")
        .append(esc(report.origin().equals("files") ? "files" : "the live fleet")).append(", ")
        .append(esc(report.generated().toString())).append(". Every figure links to the workloads behind it.</p>")
        .append("<nav><a href=\"#adoption\">Adoption</a> <a href=\"#deprecation\">Deprecation</a> ")
        .append("<a href=\"#hatches\">Escape hatches</a> <a href=\"#consent\">Consent</a> ")
        .append("<a href=\"#fields\">Field usage</a> <a href=\"#workloads\">Workloads</a></nav></header>\n<main>\n");
    adoption();
    deprecation();
    hatches();
    consent();
    fields();
    workloads();
    out.append("</main>\n<script type=\"application/json\" id=\"lattice-data\">")
        .append(data().toString().replace("<", "\\u003c")).append("</script>\n");
    script("uPlot.iife.min.js");
    script("dashboard.js");
    return out.append("</body>\n</html>\n").toString();
  }

  private void adoption() {
    out.append("<section id=\"adoption\"><h2>Adoption and autonomy</h2>\n<div class=\"figures\">");
    report.adoption().forEach(this::figure);
    out.append("</div>\n");
    List<Figure> trends = report.adoption().stream().filter(f -> !f.trend().isEmpty()).toList();
    if (trends.isEmpty()) {
      out.append("<p class=\"note\" id=\"no-trend\">No history: the operator records one point a day; open "
          + "/dashboard on the live fleet for the trend.</p>\n");
    } else {
      out.append("<div class=\"trends\">");
      trends.forEach(f -> out.append("<figure class=\"trend\" data-figure=\"").append(esc(f.id()))
          .append("\"><figcaption>").append(esc(f.label())).append("</figcaption></figure>"));
      out.append("</div>\n");
    }
    out.append("</section>\n");
  }

  private void figure(Figure f) {
    String set = set("f:" + f.id(), f.id().equals("escapeHatchShare") ? hatchRows : serviceRows, f.services());
    out.append("<a class=\"figure").append(f.alarm() ? " alarm" : "").append(f.value().isEmpty() ? " unknown" : "")
        .append("\" id=\"figure-").append(esc(f.id())).append("\" href=\"#show=").append(esc(set))
        .append("\" data-value=\"").append(f.value().map(String::valueOf).orElse("")).append("\" data-count=\"")
        .append(f.services().size()).append("\"><span class=\"label\">").append(esc(f.label()))
        .append("</span><span class=\"value\">").append(esc(value(f.unit(), f.value()))).append("</span>");
    f.line().ifPresent(line -> out.append("<span class=\"line\">line ").append(esc(value(f.unit(),
        Optional.of(line)))).append("</span>"));
    out.append("<span class=\"note\">").append(esc(f.note())).append("</span></a>");
  }

  private void deprecation() {
    var d = report.deprecation();
    out.append("<section id=\"deprecation\"><h2>Deprecation: API versions by team</h2>\n<div class=\"figures\">");
    figure(d.migrated());
    out.append("</div>\n<p id=\"deprecation-summary\">").append(esc(d.summary())).append("</p>\n");
    out.append(VersionBars.svg(d)).append('\n');
    out.append("<table id=\"versions\" class=\"sortable\"><thead><tr><th data-sort=\"text\">Team</th>");
    d.versions().forEach(v -> out.append("<th data-sort=\"num\">").append(esc(v))
        .append(d.deprecatedVersions().contains(v) ? " (deprecated)" : "").append("</th>"));
    out.append("<th data-sort=\"num\">Services</th></tr></thead><tbody>\n");
    for (int t = 0; t < d.teams().size(); t++) {
      var team = d.teams().get(t);
      out.append("<tr data-team=\"").append(esc(team.team())).append("\"").append(team.onDeprecated() > 0
          ? " class=\"behind\"" : "").append("><td>").append(esc(team.team())).append("</td>");
      List<String> everyone = new ArrayList<>();
      for (int v = 0; v < d.versions().size(); v++) {
        List<String> services = team.byVersion().get(d.versions().get(v));
        everyone.addAll(services);
        out.append("<td data-version=\"").append(esc(d.versions().get(v))).append("\">");
        link(set("v:" + t + ":" + v, serviceRows, services), services.size());
        out.append("</td>");
      }
      out.append("<td>");
      link(set("t:" + t, serviceRows, everyone), team.total());
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
    if (!d.migrations().isEmpty()) {
      out.append("<h3>Teams to talk to</h3>\n<ol id=\"migrations\">");
      for (Migration m : d.migrations()) {
        out.append("<li data-team=\"").append(esc(m.team())).append("\"><strong>").append(esc(m.team()))
            .append("</strong>: ").append(m.services().size()).append(m.services().size() == 1 ? " service" :
                " services").append("<ul>");
        for (MigrationStep s : m.services()) {
          out.append("<li>");
          one(s.service(), serviceRows);
          out.append(" (").append(esc(s.apiVersion())).append(") <code>").append(esc(s.command()))
              .append("</code></li>");
        }
        out.append("</ul></li>");
      }
      out.append("</ol>\n");
    }
    out.append("</section>\n");
  }

  private void hatches() {
    var h = report.hatches();
    out.append("<section id=\"hatches\"><h2>Escape hatches</h2>\n<div class=\"figures\">");
    figure(h.share());
    out.append("</div>\n<table id=\"hatch-table\" class=\"sortable\"><thead><tr><th data-sort=\"text\">Kind</th>"
        + "<th data-sort=\"text\">Name</th><th data-sort=\"text\">Owner</th><th data-sort=\"text\">Reason</th>"
        + "<th data-sort=\"text\">Expires</th><th data-sort=\"num\">Days left</th><th data-sort=\"text\">State</th>"
        + "</tr></thead><tbody>\n");
    for (HatchRow r : h.rows()) {
      out.append("<tr class=\"").append(esc(r.state().replace(' ', '-'))).append("\"><td>").append(esc(r.kind()))
          .append("</td><td>");
      one(r.id(), hatchRows);
      out.append("</td><td>").append(esc(r.owner().orElse("—"))).append("</td><td>")
          .append(esc(r.reason().orElse("—"))).append("</td><td>")
          .append(esc(r.expires().map(Object::toString).orElse("—"))).append("</td><td data-sort=\"")
          .append(r.daysLeft().map(String::valueOf).orElse("")).append("\">")
          .append(r.daysLeft().map(String::valueOf).orElse("—")).append("</td><td>").append(esc(r.state()))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  private void consent() {
    var c = report.consents();
    out.append("<section id=\"consent\"><h2>Consent ledger</h2>\n<div class=\"figures\">");
    figure(c.pending());
    figure(c.timeToConsent());
    out.append("</div>\n<table id=\"consent-table\" class=\"sortable\"><thead><tr><th data-sort=\"text\">Caller</th>"
        + "<th data-sort=\"text\">Callee</th><th data-sort=\"text\">Waiting on</th><th data-sort=\"text\">Since</th>"
        + "<th data-sort=\"num\">Days waiting</th><th data-sort=\"text\">To complete</th></tr></thead><tbody>\n");
    for (ConsentRow r : c.rows()) {
      out.append("<tr><td>");
      one(r.caller(), serviceRows);
      out.append("</td><td>");
      one(r.callee(), serviceRows);
      out.append("</td><td>").append(esc(r.waitingOn())).append("</td><td>")
          .append(esc(r.since().map(Object::toString).orElse("—"))).append("</td><td data-sort=\"")
          .append(r.waitingDays().map(String::valueOf).orElse("")).append("\">")
          .append(r.waitingDays().map(String::valueOf).orElse("—")).append("</td><td><code>")
          .append(esc(r.toComplete())).append("</code></td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  private void fields() {
    var f = report.fieldUsage();
    out.append("<section id=\"fields\"><h2>Field usage</h2>\n<p>Share of the ").append(f.services())
        .append(" services that set each spec field (named as in lattice.dev/v1). Fields used by fewer than 10% "
            + "are flagged: candidates to move out of the CRD.</p>\n<table id=\"field-table\" class=\"sortable\">"
            + "<thead><tr><th data-sort=\"text\">Field</th><th data-sort=\"num\">Services</th>"
            + "<th data-sort=\"num\">Share</th><th data-sort=\"text\">Flag</th></tr></thead><tbody>\n");
    for (int i = 0; i < f.rows().size(); i++) {
      FieldRow r = f.rows().get(i);
      out.append("<tr data-field=\"").append(esc(r.field())).append("\"").append(r.flagged() ? " class=\"flagged\""
          : "").append("><td><code>").append(esc(r.field())).append("</code></td><td data-sort=\"").append(r.count())
          .append("\">");
      link(set("d:" + i, serviceRows, r.services()), r.count());
      out.append("</td><td data-sort=\"").append(r.share()).append("\">").append(esc(percent(r.share())))
          .append("</td><td>").append(r.flagged() ? "under 10%" : "").append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  private void workloads() {
    out.append("<section id=\"workloads\"><h2>Workloads</h2>\n<p id=\"shown\" data-count=\"")
        .append(report.workloads().size()).append("\">All ").append(report.workloads().size())
        .append(" workloads.</p>\n<table id=\"workload-table\" class=\"sortable\"><thead><tr>"
            + "<th data-sort=\"text\">Workload</th><th data-sort=\"text\">Kind</th><th data-sort=\"text\">Team</th>"
            + "<th data-sort=\"text\">API version</th><th data-sort=\"text\">Source</th></tr></thead><tbody>\n");
    List<Workload> all = report.workloads();
    for (int i = 0; i < all.size(); i++) {
      Workload w = all.get(i);
      out.append("<tr id=\"w").append(i).append("\"><td>").append(esc(w.id())).append("</td><td>")
          .append(esc(w.kind())).append("</td><td>").append(esc(w.team())).append("</td><td>")
          .append(esc(w.apiVersion())).append("</td><td>").append(esc(w.source().orElse(""))).append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  /** Registers a set of workload rows (with what the set means) and returns its id. */
  private String set(String id, Map<String, Integer> rows, List<String> ids) {
    ArrayNode list = sets.putArray(id);
    ids.forEach(s -> {
      Integer row = rows.get(s);
      if (row != null) {
        list.add(row);
      }
    });
    return id;
  }

  private void link(String set, int count) {
    out.append("<a class=\"set\" href=\"#show=").append(esc(set)).append("\" data-count=\"").append(count)
        .append("\">").append(count).append("</a>");
  }

  private void one(String id, Map<String, Integer> rows) {
    Integer row = rows.get(id);
    if (row == null) {
      out.append(esc(id));
    } else {
      out.append("<a href=\"#show=w:").append(row).append("\">").append(esc(id)).append("</a>");
    }
  }

  private ObjectNode data() {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.set("sets", sets);
    ObjectNode trends = data.putObject("trends");
    for (Figure f : report.adoption()) {
      if (f.trend().isEmpty()) {
        continue;
      }
      ObjectNode trend = trends.putObject(f.id());
      trend.put("label", f.label());
      trend.put("unit", f.unit());
      ArrayNode days = trend.putArray("days");
      ArrayNode values = trend.putArray("values");
      for (Point p : f.trend()) {
        days.add(p.day().toEpochDay() * 86_400L);
        values.add(p.value());
      }
    }
    return data;
  }

  private void style(String asset) {
    if (assetPath.isPresent()) {
      out.append("<link rel=\"stylesheet\" href=\"").append(esc(assetPath.get())).append('/').append(asset)
          .append("\">\n");
    } else {
      out.append("<style>\n").append(ReportRenderer.text(asset)).append("\n</style>\n");
    }
  }

  private void script(String asset) {
    if (assetPath.isPresent()) {
      out.append("<script src=\"").append(esc(assetPath.get())).append('/').append(asset).append("\"></script>\n");
    } else {
      out.append("<script>\n").append(ReportRenderer.text(asset).replace("</script", "<\\/script"))
          .append("\n</script>\n");
    }
  }

  static String value(String unit, Optional<Double> value) {
    if (value.isEmpty()) {
      return "—";
    }
    double v = value.get();
    return switch (unit) {
      case "share" -> percent(v);
      case "hours" -> String.format(java.util.Locale.ROOT, "%.1f h", v);
      default -> v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    };
  }

  static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }

  static String esc(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
