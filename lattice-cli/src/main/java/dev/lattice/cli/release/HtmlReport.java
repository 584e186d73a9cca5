package dev.lattice.cli.release;

import java.io.PrintWriter;

/**
 * The diff as one self-contained HTML file: inline style, no script, no link out, so it opens anywhere offline.
 * Groups and per-service diffs are {@code <details>} elements, collapsed until clicked. Counts carry
 * {@code data-count} attributes so that tools (and the tests) can read them.
 */
public final class HtmlReport {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:2em;color:#222}
      h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em}
      details{margin:.3em 0;border:1px solid #ddd;border-radius:4px;padding:.3em .6em}
      summary{cursor:pointer} .count{font-weight:bold}
      pre{background:#f7f7f7;padding:.6em;overflow-x:auto;font-size:.85em}
      .add{color:#116329} .del{color:#a40e26} .hunk{color:#6f42c1} .bad{color:#a40e26;font-weight:bold}
      .ok{color:#116329;font-weight:bold}""";

  private HtmlReport() {}

  public static void write(DiffResult result, String expectedFile, PrintWriter out) {
    out.println("<!DOCTYPE html>");
    out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>lattice diff</title>");
    // No favicon request: the report must not touch the network, not even the file system beside it.
    out.println("<link rel=\"icon\" href=\"data:,\"><style>" + STYLE + "</style></head><body>");
    out.println("<h1>lattice diff</h1>");
    out.println("<p>Compared <span class=\"count\" id=\"compared\" data-count=\"" + result.compared() + "\">"
        + result.compared() + "</span> services; <span class=\"count\" id=\"changed\" data-count=\""
        + result.changed() + "\">" + result.changed() + "</span> changed. Before: "
        + escape(result.before().describe()) + ". After: " + escape(result.after().describe()) + ".</p>");

    out.println("<h2>Phase and access changes (<span class=\"count\" id=\"flips\" data-count=\""
        + result.flips().size() + "\">" + result.flips().size() + "</span> services)</h2><ul>");
    for (DiffResult.Flip flip : result.flips()) {
      StringBuilder item = new StringBuilder(escape(flip.service()));
      if (flip.phaseChanged()) {
        item.append(": phase ").append(escape(flip.phaseBefore())).append(" &rarr; ")
            .append(escape(flip.phaseAfter()));
      }
      flip.gained().forEach(a -> item.append("<br>gains ").append(escape(a)));
      flip.lost().forEach(a -> item.append("<br>loses ").append(escape(a)));
      out.println("<li class=\"flip\">" + item + "</li>");
    }
    out.println("</ul>");

    out.println("<h2>Changes by pattern (<span class=\"count\" id=\"groups\" data-count=\"" + result.groups().size()
        + "\">" + result.groups().size() + "</span> groups)</h2>");
    for (DiffResult.Group group : result.groups()) {
      out.println("<details class=\"group\"><summary><code>" + escape(group.key().describe())
          + "</code>: <span class=\"count\" data-count=\"" + group.services() + "\">" + group.services()
          + "</span> service" + (group.services() == 1 ? "" : "s") + "</summary><p>e.g. " + escape(DiffReports.examples(group.examples(), group.services()))
          + "</p></details>");
    }
    if (result.checked()) {
      out.println("<h2>Check against " + escape(expectedFile) + "</h2>");
      if (result.explained()) {
        out.println("<p class=\"ok\">Every change is declared and every declaration matched.</p>");
      }
      for (DiffResult.Group group : result.groups()) {
        if (group.uncovered() > 0) {
          out.println("<p class=\"bad undeclared\">Not declared: <code>" + escape(group.key().describe())
              + "</code>: " + escape(DiffReports.examples(group.uncoveredExamples(), group.uncovered())) + "</p>");
        }
      }
      for (Expectation expectation : result.unmatched()) {
        out.println("<p class=\"bad unmatched\">Matched nothing: <code>" + escape(expectation.describe())
            + "</code></p>");
      }
    }

    out.println("<h2>Per service</h2>");
    result.forEachServiceDiff(service -> {
      out.println("<details class=\"service\"><summary>" + escape(service.service()) + " ("
          + service.objects().size() + (service.objects().size() == 1 ? " object" : " objects") + ")</summary>");
      for (DiffResult.ObjectDiff object : service.objects()) {
        out.println("<p><code>" + escape(object.object()) + "</code> " + escape(object.change()) + "</p><pre>"
            + colour(object.diff()) + "</pre>");
      }
      out.println("</details>");
    });
    out.println("</body></html>");
    out.flush();
  }

  private static String colour(String diff) {
    StringBuilder html = new StringBuilder();
    for (String line : diff.split("\n", -1)) {
      String css = line.startsWith("+++") || line.startsWith("---") ? null
          : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : null;
      html.append(css == null ? escape(line) : "<span class=\"" + css + "\">" + escape(line) + "</span>")
          .append('\n');
    }
    return html.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
