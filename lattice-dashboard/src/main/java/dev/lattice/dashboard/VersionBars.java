package dev.lattice.dashboard;

import static dev.lattice.dashboard.HtmlPage.esc;

import dev.lattice.dashboard.FleetReport.Deprecation;
import dev.lattice.dashboard.FleetReport.TeamVersions;
import java.util.List;
import java.util.Locale;

/**
 * Bars for services per API version by team: one stacked bar a team, the teams still on a deprecated version on
 * top. Inline SVG written with the page (no script needed); every segment links to its services, like the table.
 */
final class VersionBars {
  /** More teams than this go to the table only: a chart of 500 bars is read by nobody. */
  static final int MAX_TEAMS = 40;
  private static final String[] COLOURS = {"#d9822b", "#4c78a8", "#54a24b", "#b279a2", "#9d755d", "#72b7b2"};
  private static final int LABEL = 180;
  private static final int WIDTH = 560;
  private static final int ROW = 20;

  private VersionBars() {}

  static String svg(Deprecation d) {
    List<TeamVersions> teams = d.teams().subList(0, Math.min(MAX_TEAMS, d.teams().size()));
    int most = teams.stream().mapToInt(TeamVersions::total).max().orElse(0);
    int height = (teams.size() + 2) * ROW;
    StringBuilder svg = new StringBuilder();
    svg.append("<figure class=\"bars\"><svg id=\"version-bars\" width=\"")
        .append(LABEL + WIDTH + 60).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
        .append("Services per API version by team\">");
    for (int t = 0; t < teams.size(); t++) {
      TeamVersions team = teams.get(t);
      int y = t * ROW;
      svg.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 14)
          .append("\" text-anchor=\"end\">").append(esc(team.team())).append("</text>");
      double x = LABEL;
      for (int v = 0; v < d.versions().size(); v++) {
        int count = team.byVersion().get(d.versions().get(v)).size();
        if (count == 0) {
          continue;
        }
        double w = most == 0 ? 0 : (double) count * WIDTH / most;
        svg.append("<a href=\"#show=v:").append(t).append(':').append(v).append("\"><rect class=\"bar\" x=\"")
            .append(fmt(x)).append("\" y=\"").append(y + 3).append("\" width=\"").append(fmt(w))
            .append("\" height=\"").append(ROW - 6).append("\" fill=\"").append(COLOURS[v % COLOURS.length])
            .append("\" data-team=\"").append(esc(team.team())).append("\" data-version=\"")
            .append(esc(d.versions().get(v))).append("\" data-count=\"").append(count).append("\"><title>")
            .append(esc(team.team() + ": " + count + " on " + d.versions().get(v))).append("</title></rect></a>");
        x += w;
      }
      svg.append("<text x=\"").append(fmt(x + 4)).append("\" y=\"").append(y + 14).append("\">")
          .append(team.total()).append("</text>");
    }
    int legendY = teams.size() * ROW + 14;
    double x = LABEL;
    for (int v = 0; v < d.versions().size(); v++) {
      String version = d.versions().get(v);
      svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(legendY - 10).append("\" width=\"12\" ")
          .append("height=\"12\" fill=\"").append(COLOURS[v % COLOURS.length]).append("\"/><text x=\"")
          .append(fmt(x + 16)).append("\" y=\"").append(legendY).append("\">").append(esc(version))
          .append(d.deprecatedVersions().contains(version) ? " (deprecated)" : "").append("</text>");
      x += 190;
    }
    svg.append("</svg>");
    if (d.teams().size() > teams.size()) {
      svg.append("<figcaption>").append(teams.size()).append(" of ").append(d.teams().size())
          .append(" teams shown; all of them are in the table.</figcaption>");
    }
    return svg.append("</figure>").toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
