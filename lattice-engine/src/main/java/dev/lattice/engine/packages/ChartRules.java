package dev.lattice.engine.packages;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chart a package names: where it is and an exact version, so a re-render installs what was reviewed. */
final class ChartRules {
  /** SemVer 2 as Helm requires it for chart versions; an optional leading v, as helm accepts. */
  private static final Pattern EXACT = Pattern.compile(
      "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
  private static final Pattern NUMBERS = Pattern.compile("\\d+(\\.\\d+){0,2}");

  private ChartRules() {}

  static List<Diagnostic> check(PackageIntent p) {
    List<Diagnostic> out = new ArrayList<>();
    String chart = p.chart().isEmpty() ? "<chart>" : p.chart();
    if (p.repository().isEmpty()) {
      out.add(new Diagnostic(Reason.InvalidChartSource, "spec.chart.repository",
          "package '" + p.name() + "' names no chart repository, so Lattice does not know where to get chart '"
              + chart + "'.",
          "set repository to a chart repository URL (https://charts.example.com), an OCI reference "
              + "(oci://registry.example.com/charts) or a local folder holding " + chart + "-<version>/."));
    } else if (!knownSource(p.repository())) {
      out.add(new Diagnostic(Reason.InvalidChartSource, "spec.chart.repository",
          "repository '" + p.repository() + "' is neither an https:// chart repository, an oci:// reference nor a "
              + "local folder.",
          "write https://<host>/<path>, oci://<registry>/<path> or a folder path such as charts/."));
    }
    if (p.chart().isEmpty()) {
      out.add(new Diagnostic(Reason.InvalidChartSource, "spec.chart.name",
          "package '" + p.name() + "' names no chart.",
          "set name to the chart's name as its repository lists it, e.g. name: " + p.name() + "."));
    }
    if (p.version().isEmpty()) {
      out.add(new Diagnostic(Reason.ChartVersionNotExact, "spec.chart.version",
          "package '" + p.name() + "' pins no chart version, so each render could install whatever version is "
              + "newest.",
          "set version to an exact version of chart '" + chart + "', e.g. version: 1.2.3."));
    } else if (!EXACT.matcher(p.version()).matches()) {
      out.add(new Diagnostic(Reason.ChartVersionNotExact, "spec.chart.version",
          "chart version '" + p.version() + "' is not an exact version (it is a range, a wildcard or a name), so a "
              + "re-render could install a different chart than the one reviewed.",
          "pin one exact version, e.g. version: " + example(p.version()) + "."));
    }
    return out;
  }

  private static boolean knownSource(String repository) {
    String r = repository.toLowerCase(Locale.ROOT);
    return !r.contains("://") || r.startsWith("https://") || r.startsWith("http://") || r.startsWith("oci://")
        || r.startsWith("file://");
  }

  /** An exact version close to what was written: "^1.2" suggests 1.2.0, "latest" 1.2.3. */
  private static String example(String written) {
    Matcher m = NUMBERS.matcher(written);
    if (!m.find()) {
      return "1.2.3";
    }
    String[] parts = m.group().split("\\.");
    StringBuilder out = new StringBuilder(parts[0]);
    for (int i = 1; i < 3; i++) {
      out.append('.').append(i < parts.length ? parts[i] : "0");
    }
    return out.toString();
  }
}
