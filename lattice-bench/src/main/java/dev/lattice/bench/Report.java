package dev.lattice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns the results directory into Markdown tables: printed, and written into BENCHMARKS.md between
 * {@code <!-- bench:begin -->} and {@code <!-- bench:end -->} (the rest of the file is left alone).
 */
final class Report {
  static final String BEGIN = "<!-- bench:begin -->";
  static final String END = "<!-- bench:end -->";

  private final Map<Integer, Map<String, Object>> inproc = new TreeMap<>();
  private final Map<Integer, Map<String, Object>> e2e = new TreeMap<>();
  private final Map<String, Object> e2eAll;
  private final Map<String, Object> profile;
  private final Map<String, String> machine;
  private final StringBuilder md = new StringBuilder();

  Report(Path results) throws IOException {
    for (Map<String, Object> r : Results.all(results, "inproc-")) {
      inproc.put((int) Results.num(r.get("n")), r);
    }
    Path e2eFile = results.resolve("e2e.json");
    e2eAll = Files.exists(e2eFile) ? Results.read(e2eFile) : new LinkedHashMap<>();
    for (Object o : Results.list(e2eAll.get("rows"))) {
      Map<String, Object> row = Results.map(o);
      e2e.put((int) Results.num(row.get("n")), row);
    }
    Path profileFile = results.resolve("profile.json");
    profile = Files.exists(profileFile) ? Results.read(profileFile) : null;
    machine = new LinkedHashMap<>();
    Path machineFile = results.resolve("machine.txt");
    if (Files.exists(machineFile)) {
      for (String line : Files.readAllLines(machineFile)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          machine.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
  }

  static void main(Map<String, String> opts) throws IOException {
    Report report = new Report(Path.of(opts.getOrDefault("results", "bench-results")));
    String section = report.render();
    System.out.println(section);
    String target = opts.get("markdown");
    if (target != null) {
      Path file = Path.of(target);
      String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        text = text + "\n" + BEGIN + "\n" + END + "\n";
        begin = text.indexOf(BEGIN);
        end = text.indexOf(END);
      }
      text = text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end);
      Files.writeString(file, text);
      System.err.println("bench: wrote the results into " + file);
    }
  }

  // ---------------------------------------------------------------------------------------------- lookups

  private TreeSet<Integer> sizes() {
    TreeSet<Integer> out = new TreeSet<>(inproc.keySet());
    out.addAll(e2e.keySet());
    return out;
  }

  private Map<String, Object> row(int n, String scenario) {
    Map<String, Object> r = inproc.get(n);
    if (r == null) {
      return null;
    }
    for (Object o : Results.list(r.get("rows"))) {
      Map<String, Object> row = Results.map(o);
      if (scenario.equals(row.get("scenario"))) {
        return row;
      }
    }
    return null;
  }

  /** Median ms/op of a scenario at n, NaN when it did not run. */
  private double ms(int n, String scenario) {
    Map<String, Object> row = row(n, scenario);
    return row == null ? Double.NaN : Results.num(row.get("median"));
  }

  private double perOp(int n, String scenario, String key) {
    Map<String, Object> row = row(n, scenario);
    return row == null ? Double.NaN : Results.num(Results.map(row.get("perOp")).get(key));
  }

  private double fact(int n, String key) {
    Map<String, Object> r = inproc.get(n);
    return r == null ? Double.NaN : Results.num(Results.map(r.get("facts")).get(key));
  }

  /** A single end-to-end figure in seconds, as milliseconds. */
  private double e2eFact(int n, String key) {
    Map<String, Object> row = e2e.get(n);
    return row == null || row.get(key) == null ? Double.NaN : Results.num(row.get(key)) * 1000;
  }

  /** The median (or minimum) of a list of end-to-end runs in seconds, as milliseconds. */
  private double e2eRuns(int n, String key, boolean min) {
    Map<String, Object> row = e2e.get(n);
    if (row == null || row.get(key) == null) {
      return Double.NaN;
    }
    double[] secs = Results.list(row.get(key)).stream().mapToDouble(Results::num).sorted().toArray();
    return secs.length == 0 ? Double.NaN : (min ? secs[0] : EndToEnd.median(secs)) * 1000;
  }

  private double e2eMedianMs(int n) {
    Map<String, Object> row = e2e.get(n);
    return row == null ? Double.NaN : Results.num(row.get("median")) * 1000;
  }

  // ---------------------------------------------------------------------------------------------- formatting

  static String time(double ms) {
    if (Double.isNaN(ms)) {
      return "–";
    }
    if (ms >= 1000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    if (ms >= 10) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    if (ms >= 1) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    return String.format(Locale.ROOT, "%.0f µs", ms * 1000);
  }

  static String micros(double us) {
    if (Double.isNaN(us)) {
      return "–";
    }
    return us >= 100 ? String.format(Locale.ROOT, "%,.0f µs", us) : String.format(Locale.ROOT, "%.1f µs", us);
  }

  static String num(double v, String format) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, format, v);
  }

  static String count(int n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private void line(String s) {
    md.append(s).append('\n');
  }

  private void table(String... header) {
    line("| " + String.join(" | ", header) + " |");
    StringBuilder sep = new StringBuilder("|");
    for (int i = 0; i < header.length; i++) {
      sep.append(i == 0 ? "---|" : "---:|");
    }
    line(sep.toString());
  }

  private void cells(Object... cells) {
    List<String> out = new ArrayList<>();
    for (Object c : cells) {
      out.add(String.valueOf(c));
    }
    line("| " + String.join(" | ", out) + " |");
  }

  // ---------------------------------------------------------------------------------------------- sections

  String render() {
    header();
    headline();
    ratios();
    cedar();
    endToEnd();
    heap();
    targets();
    profileSection();
    notes();
    return md.toString();
  }

  private void header() {
    line("## Measured results");
    line("");
    boolean quick = machine.getOrDefault("mode", "").equals("quick");
    String ns = machine.getOrDefault("ns", "");
    String defaults = quick ? "1000,10000" : "1000,10000,50000";
    line("Generated by `bench/run" + (quick ? " --quick" : "") + (ns.isEmpty() || ns.equals(defaults) ? ""
        : " --ns " + ns) + "` on "
        + machine.getOrDefault("date", "?") + ", from commit `" + machine.getOrDefault("commit", "?") + "` (branch `"
        + machine.getOrDefault("branch", "?") + "`" + (machine.getOrDefault("dirty", "").equals("yes")
        ? ", with uncommitted changes" : "") + "); the suite took " + machine.getOrDefault("elapsed", "?") + ".");
    line("");
    line("Machine: " + machine.getOrDefault("nproc", "?") + " cores (" + machine.getOrDefault("cpu", "?") + "), "
        + machine.getOrDefault("memory", "?") + " memory, " + machine.getOrDefault("os", "?") + "; `java -version`: "
        + machine.getOrDefault("java", "?") + ". " + machine.getOrDefault("load", ""));
    line("");
  }

  /** A scenario row of the headline tables: title, milliseconds at N (median and min), fleet-wide or not. */
  private record Line(String title, Function<Integer, Double> median, Function<Integer, Double> min,
      boolean fleetWide, String id) {
    Line(String title, Function<Integer, Double> median, Function<Integer, Double> min, boolean fleetWide) {
      this(title, median, min, fleetWide, null);
    }
  }

  private List<Line> lines() {
    List<Line> out = new ArrayList<>();
    out.add(new Line("`bin/lattice derive` to files, end to end (JVM start, Cedar cold)", this::e2eMedianMs,
        n -> e2e.get(n) == null ? Double.NaN : Results.num(e2e.get(n).get("min")) * 1000, true));
    out.add(new Line("  the same on JDK 25 with its AOT cache (`LATTICE_JAVA`; 1 run)", n -> e2eFact(n, "jdk25Seconds"),
        n -> e2eFact(n, "jdk25Seconds"), true));
    out.add(new Line("  re-run into the same OUT, fleet unchanged (derivation cache)", n -> e2eRuns(n, "rerunSeconds", false),
        n -> e2eRuns(n, "rerunSeconds", true), false));
    out.add(new Line("  re-run with one service changed", n -> e2eRuns(n, "changedSeconds", false),
        n -> e2eRuns(n, "changedSeconds", true), false));
    out.add(scenario("`helm template`, equivalent chart (helm-java, in process)", "HelmBench.template", true));
    out.add(scenario("derive in process, parse excluded, Cedar warm (all cores, as the CLI)",
        "DeriveBench.parseExcluded", true));
    out.add(scenario("  the same with `Engine#deriveAll` (one thread)", "DeriveBench.parseExcludedSequential", true));
    out.add(scenario("derive in process, parse included (read YAML, load policies), Cedar warm",
        "DeriveBench.parseIncluded", true));
    out.add(scenario("  of which read YAML + load policies + build fleet", "DeriveBench.parseOnly", true));
    out.add(new Line("derive in process, Cedar cold (first run in the JVM, all cores; 1 run)",
        n -> fact(n, "deriveColdMs"), n -> fact(n, "deriveColdMs"), true));
    out.add(scenario("one service changed (env var), `Engine#apply`", "IncrementalBench.envChange", false));
    out.add(scenario("one service changed (new dependency), `Engine#apply`", "IncrementalBench.dependencyChange",
        false));
    out.add(scenario("policy change: one permit edited, reload + re-authorize fleet", "PolicyChangeBench.permitChange",
        true));
    out.add(scenario("policy change: guard-rail forbid edited, reload + re-authorize fleet",
        "PolicyChangeBench.guardRailChange", true));
    out.add(scenario("  of which policy library reload alone", "PolicyChangeBench.reloadOnly", true));
    out.add(scenario("authorize every request of the fleet, cache warm", "AuthorizeBench.warm", true));
    out.add(scenario("authorize a 2,000-request sample, fresh cache (cold)", "AuthorizeBench.coldSample", false));
    out.add(scenario("  the same, every statement conditional (native engine wherever a statement applies)",
        "AuthorizeBench.coldNativeSample", false));
    out.add(scenario("serialise derived fleet: `Manifests.yaml` (what the CLI writes)", "RenderBench.manifestsYaml",
        true));
    out.add(scenario("serialise derived fleet: plain Jackson YAML", "RenderBench.plainYaml", true));
    out.add(scenario("serialise derived fleet: `Manifests.json` (canonical)", "RenderBench.canonicalJson", true));
    out.add(scenario("serialise derived fleet: plain Jackson JSON (floor)", "RenderBench.plainJson", true));
    return out;
  }

  private Line scenario(String title, String id, boolean fleetWide) {
    return new Line(title, n -> ms(n, id), n -> {
      Map<String, Object> row = row(n, id);
      return row == null ? Double.NaN : Results.num(row.get("min"));
    }, fleetWide, id);
  }

  private void headline() {
    TreeSet<Integer> ns = sizes();
    line("### Scenarios: median (min) per operation");
    line("");
    List<String> header = new ArrayList<>(List.of("scenario"));
    ns.forEach(n -> header.add("N=" + count(n)));
    table(header.toArray(String[]::new));
    for (Line l : lines()) {
      List<String> cells = new ArrayList<>(List.of(l.title()));
      for (int n : ns) {
        double median = l.median().apply(n);
        double min = l.min().apply(n);
        if (Double.isNaN(median)) {
          cells.add(l.title().startsWith("`bin/lattice") ? (!e2e.containsKey(n) ? "not run"
              : e2e.get(n).get("skipped") != null ? "skipped" : "failed") : why(n, l));
        } else {
          cells.add(time(median) + (Double.isNaN(min) || min == median ? "" : " (" + time(min) + ")"));
        }
      }
      cells(cells.toArray());
    }
    line("");
    line("Services re-derived per incremental change: "
        + String.join(", ", ns.stream().filter(inproc::containsKey).map(n -> "N=" + count(n) + ": env "
            + num(perOp(n, "IncrementalBench.envChange", "rederived"), "%.1f") + ", dependency "
            + num(perOp(n, "IncrementalBench.dependencyChange", "rederived"), "%.1f")).toList()) + ".");
    line("");
    line("### Per service and growth (fleet-wide scenarios, median)");
    line("");
    List<String> header2 = new ArrayList<>(List.of("scenario"));
    ns.forEach(n -> header2.add("N=" + count(n)));
    header2.add("per-service growth, largest N / N=" + (ns.isEmpty() ? "" : count(ns.first())));
    table(header2.toArray(String[]::new));
    for (Line l : lines()) {
      if (!l.fleetWide()) {
        continue;
      }
      List<String> cells = new ArrayList<>(List.of(l.title()));
      for (int n : ns) {
        cells.add(micros(l.median().apply(n) * 1000 / n));
      }
      cells.add(growth(ns, l.median(), true));
      cells(cells.toArray());
    }
    line("");
  }

  /** Why a cell is empty: the N or the scenario was skipped, failed or not run. */
  private String why(int n, Line l) {
    Map<String, Object> r = inproc.get(n);
    if (r == null) {
      return "not run";
    }
    if (r.get("skipped") != null) {
      return "skipped";
    }
    if (r.get("error") != null) {
      return "failed";
    }
    Map<String, Object> row = l.id() == null ? null : row(n, l.id());
    if (row == null) {
      return "not run";
    }
    return row.get("error") != null ? "failed" : "skipped"; // the notes below say why
  }

  private String growth(TreeSet<Integer> ns, Function<Integer, Double> msAt, boolean fleetWide) {
    Integer first = null;
    Integer last = null;
    for (int n : ns) {
      if (!Double.isNaN(msAt.apply(n))) {
        if (first == null) {
          first = n;
        }
        last = n;
      }
    }
    if (first == null || first.equals(last)) {
      return "–";
    }
    double a = msAt.apply(first) / (fleetWide ? first : 1);
    double b = msAt.apply(last) / (fleetWide ? last : 1);
    return num(b / a, "%.2f×") + (last.equals(ns.last()) ? "" : " (N=" + count(last) + ")");
  }

  private void ratios() {
    line("### Side by side (same run, ratios)");
    line("");
    table("N", "helm / `lattice derive` end to end", "helm / derive in process (parse incl.)",
        "`lattice derive` e2e / JSON floor", "`Manifests.yaml` / plain JSON", "`Manifests.yaml` / plain YAML",
        "plain YAML / plain JSON", "derive in process (parse excl.) / JSON floor");
    for (int n : sizes()) {
      double helm = ms(n, "HelmBench.template");
      double json = ms(n, "RenderBench.plainJson");
      double yaml = ms(n, "RenderBench.manifestsYaml");
      double plainYaml = ms(n, "RenderBench.plainYaml");
      cells(count(n), num(helm / e2eMedianMs(n), "%.2f×"), num(helm / ms(n, "DeriveBench.parseIncluded"), "%.2f×"),
          num(e2eMedianMs(n) / json, "%.1f×"), num(yaml / json, "%.2f×"), num(yaml / plainYaml, "%.2f×"),
          num(plainYaml / json, "%.2f×"), num(ms(n, "DeriveBench.parseExcluded") / json, "%.2f×"));
    }
    line("");
    line("Output sizes: " + String.join("; ", sizes().stream().filter(inproc::containsKey).map(n -> "N=" + count(n)
        + ": lattice " + num(fact(n, "objects"), "%,.0f") + " objects, "
        + num(perOp(n, "RenderBench.manifestsYaml", "bytes") / 1048576, "%.1f") + " MB YAML; helm "
        + num(perOp(n, "HelmBench.template", "objects"), "%,.0f") + " objects, "
        + num(perOp(n, "HelmBench.template", "bytes") / 1048576, "%.1f") + " MB").toList()) + ".");
    line("");
  }

  private void cedar() {
    line("### Cedar");
    line("");
    table("N", "access requests (distinct)", "cold derive: native evaluations",
        "cold, fleet's policies: per decision (native evaluations per decision)",
        "cold, every statement conditional: per decision", "warm: per decision", "warm: decisions/s", "warm: cache hit rate",
        "permit edit: evaluations, time", "guard-rail edit: evaluations (image requests), time");
    for (int n : inproc.keySet()) {
      if (inproc.get(n).get("skipped") != null) {
        cells(count(n), "skipped", "", "", "", "", "", "", "", "");
        continue;
      }
      double coldMs = ms(n, "AuthorizeBench.coldSample");
      double coldEval = perOp(n, "AuthorizeBench.coldSample", "evaluations");
      double coldDecisions = perOp(n, "AuthorizeBench.coldSample", "decisions");
      double nativeMs = ms(n, "AuthorizeBench.coldNativeSample");
      double nativeEval = perOp(n, "AuthorizeBench.coldNativeSample", "evaluations");
      double nativeDecisions = perOp(n, "AuthorizeBench.coldNativeSample", "decisions");
      double warmMs = ms(n, "AuthorizeBench.warm");
      double warmDecisions = perOp(n, "AuthorizeBench.warm", "decisions");
      double hits = perOp(n, "AuthorizeBench.warm", "hits");
      double misses = perOp(n, "AuthorizeBench.warm", "misses");
      cells(count(n), num(fact(n, "accessRequests"), "%,.0f") + " (" + num(fact(n, "distinctRequests"), "%,.0f") + ")",
          num(fact(n, "coldEvaluations"), "%,.0f"),
          micros(coldMs * 1000 / coldDecisions) + " (" + num(coldEval / coldDecisions, "%.2f") + "; sample of "
              + num(coldDecisions, "%,.0f") + ")",
          micros(nativeMs * 1000 / nativeDecisions) + " (" + num(nativeEval / nativeDecisions, "%.2f")
              + " evaluations per decision; " + micros(nativeMs * 1000 / nativeEval) + " per evaluation)",
          micros(warmMs * 1000 / warmDecisions), num(warmDecisions / warmMs * 1000, "%,.0f"),
          hits + misses == 0 ? "no lookups (" + num(warmDecisions, "%,.0f") + " decided without the cache)"
              : num(100 * hits / (hits + misses), "%.1f%%") + (hits + misses < warmDecisions
              ? " (" + num(warmDecisions - hits - misses, "%,.0f") + " decided without a lookup)" : ""),
          num(perOp(n, "PolicyChangeBench.permitChange", "evaluations"), "%,.1f") + ", "
              + time(ms(n, "PolicyChangeBench.permitChange")),
          num(perOp(n, "PolicyChangeBench.guardRailChange", "evaluations"), "%,.0f") + " ("
              + num(fact(n, "imageRequests"), "%,.0f") + "), " + time(ms(n, "PolicyChangeBench.guardRailChange")));
    }
    line("");
    line("Cache hit rate cold (the fixture's first derivation): "
        + String.join("; ", inproc.keySet().stream().filter(n -> inproc.get(n).get("skipped") == null).map(n -> "N="
            + count(n) + " " + (fact(n, "coldCacheHits") + fact(n, "coldCacheMisses") == 0 ? "no lookups"
            : num(100 * fact(n, "coldCacheHits") / (fact(n, "coldCacheHits") + fact(n, "coldCacheMisses")),
                "%.1f%%"))).toList()) + ". A policy change reloads the library (native parse "
        + "of every statement) and then re-authorizes through the shared cache; only requests whose slice holds the "
        + "edited statement miss.");
    line("");
  }

  private void endToEnd() {
    line("### `bin/lattice derive` end to end");
    line("");
    Map<String, Object> startup = Results.map(e2eAll.get("startup"));
    line("Command: `bin/lattice derive --output-dir OUT --timings FLEET` (a new JVM per run, flags as `bin/lattice` "
        + "sets them; wall clock around the process). JVM start floor, `bin/lattice --version`: median "
        + num(Results.num(startup.get("median")), "%.2f s") + " (min " + num(Results.num(startup.get("min")), "%.2f s")
        + ").");
    line("");
    table("N", "runs", "min", "median", "max", "CPU / wall", "CLI phases (median): read / policies / derive+write / "
        + "report", "Cedar evaluations", "files", "GC log: max heap after / before GC",
        "`helm template` (same run) / median");
    for (Map.Entry<Integer, Map<String, Object>> e : e2e.entrySet()) {
      Map<String, Object> r = e.getValue();
      if (r.get("median") == null) {
        cells(count(e.getKey()), r.get("skipped") != null ? "skipped: " + r.get("skipped") : "failed: "
            + r.get("error") + errorDetail(r), "", "", "", "", "", "", "", "", "");
        continue;
      }
      Map<String, Object> p = Results.map(r.get("phases"));
      cells(count(e.getKey()), Results.list(r.get("runs")).size(), num(Results.num(r.get("min")), "%.2f s"),
          num(Results.num(r.get("median")), "%.2f s"), num(Results.num(r.get("max")), "%.2f s"),
          num(Results.num(r.get("cpuSeconds")) / Results.num(r.get("median")), "%.2f"),
          num(Results.num(p.get("read")), "%.2f") + " / " + num(Results.num(p.get("policies")), "%.2f") + " / "
              + num(Results.num(p.get("derive")), "%.2f") + " / " + num(Results.num(p.get("report")), "%.2f") + " s",
          num(Results.num(r.get("evaluations")), "%,.0f"), num(Results.num(r.get("files")), "%,.0f"),
          num(Results.num(r.get("gcMaxAfterMiB")), "%,.0f") + " / " + num(Results.num(r.get("gcMaxBeforeMiB")),
              "%,.0f") + " MiB",
          r.get("helmSeconds") != null ? num(Results.num(r.get("helmSeconds")), "%.2f s") + " = "
              + num(Results.num(r.get("helmOverLattice")), "%.2f×")
              : r.get("helmSkipped") != null ? "skipped: " + r.get("helmSkipped") : "not run");
    }
    line("");
    for (Object o : Results.list(e2eAll.get("ratios"))) {
      Map<String, Object> ratio = Results.map(o);
      line("N=" + count((int) Results.num(ratio.get("to"))) + " against N=" + count((int) Results.num(
          ratio.get("from"))) + ": " + num(Results.num(ratio.get("wall")), "%.2f×") + " the wall time, "
          + num(Results.num(ratio.get("cpu")), "%.2f×") + " the CPU time (medians).");
      line("");
    }
  }

  /** The CLI's own message when an end-to-end run failed (the last stderr line the suite kept). */
  private static String errorDetail(Map<String, Object> row) {
    Object detail = row.get("stderrTail");
    return detail == null ? "" : " (" + detail + ")";
  }

  private void heap() {
    line("### Heap");
    line("");
    line("Method: (1) `bin/lattice derive`: the smallest `-Xmx` at which the run still succeeds (bisection, "
        + "`-XX:+ExitOnOutOfMemoryError`, within 10%), where a run is short enough to repeat, and the largest heap "
        + "after a collection in its GC log (`-Xlog:gc`); (2) in process: the fixture's live size (heap after two "
        + "`System.gc()` minus before it was built) and, per scenario, the largest heap occupancy right after a "
        + "collection while the scenario ran (GC notifications; includes the fixture; an upper bound of live, since a "
        + "young collection leaves old garbage).");
    line("");
    table("N", "e2e: smallest -Xmx that succeeds", "e2e: GC log max after GC", "in process: fixture live",
        "in process: max after GC, derive (parse incl.)", "… incremental", "… policy change (guard rail)",
        "… helm template");
    for (int n : sizes()) {
      Map<String, Object> r = e2e.get(n);
      Map<String, Object> b = r == null ? Map.of() : Results.map(r.get("heapBisection"));
      cells(count(n), b.get("minimalXmxMiB") != null ? num(Results.num(b.get("minimalXmxMiB")), "%,.0f MiB")
              : "not bisected", r == null ? "–" : num(Results.num(r.get("gcMaxAfterMiB")), "%,.0f MiB"),
          num(fact(n, "fixtureLiveMiB"), "%,.0f MiB"), heapOf(n, "DeriveBench.parseIncluded"),
          heapOf(n, "IncrementalBench.envChange"), heapOf(n, "PolicyChangeBench.guardRailChange"),
          heapOf(n, "HelmBench.template"));
    }
    line("");
  }

  private String heapOf(int n, String scenario) {
    Map<String, Object> row = row(n, scenario);
    if (row == null || row.get("median") == null) {
      return "–";
    }
    Map<String, Object> heap = Results.map(row.get("heap"));
    if (Results.num(heap.get("collections")) == 0) {
      return "no GC; peak " + num(Results.num(heap.get("poolPeakMiB")), "%,.0f MiB");
    }
    return num(Results.num(heap.get("maxAfterGcMiB")), "%,.0f MiB");
  }

  private void targets() {
    line("### Targets of issue 6");
    line("");
    table("target", "measured", "status");
    int big = 10_000;
    double e2e10k = e2eMedianMs(big) / 1000;
    target("`bin/lattice derive` of 10,000 services to YAML files, Cedar cold, JVM start included: ≤ 4 s",
        num(e2e10k, "%.2f s"), e2e10k, 4.0, "%.1f× over");
    // helm as the e2e step measured it (bench/run --only e2e), else the in-process JMH figure of a full run.
    double helmMs = Double.isNaN(e2eFact(big, "helmSeconds")) ? ms(big, "HelmBench.template")
        : e2eFact(big, "helmSeconds");
    double helmRatio = helmMs / e2eMedianMs(big);
    target("… at least 4× faster than `helm template` in the same run", num(helmRatio, "%.2f×") + " (helm "
        + time(helmMs) + ")", 4.0, helmRatio, "needs %.1f× more");
    double rerun = e2eRuns(big, "rerunSeconds", false) / 1000;
    target("Issue 19: re-run over the unchanged 10,000-service fleet (derivation cache in OUT): ≤ 1 s",
        num(rerun, "%.2f s") + (e2e.get(big) == null ? "" : ", files rewritten: "
            + num(Results.num(e2e.get(big).get("rerunRewrittenFiles")), "%,.0f")), rerun, 1.0, "%.1f× over");
    double changed = e2eRuns(big, "changedSeconds", false) / 1000;
    target("Issue 19: re-run with one service of 10,000 changed: ≤ 1.5 s", num(changed, "%.2f s"), changed, 1.5,
        "%.1f× over");
    Map<String, Object> r10 = e2e.get(big);
    double cores = r10 == null ? Double.NaN : Results.num(r10.get("cpuSeconds")) / Results.num(r10.get("median"));
    target("… using both cores (CPU time / wall time of the run; ≥ 1.5 counted as both)", num(cores, "%.2f"), 1.5,
        cores, "%.1f× short");
    double derive = ms(big, "DeriveBench.parseExcluded") / 1000;
    target("In-process derivation of 10,000 services, parse excluded, Cedar warm: ≤ 0.5 s", num(derive, "%.2f s"),
        derive, 0.5, "%.1f× over");
    double yamlRatio = ms(big, "RenderBench.manifestsYaml") / ms(big, "RenderBench.plainYaml");
    target("YAML rendering within 1.5× of the Jackson floor (`Manifests.yaml` / plain Jackson YAML, same objects)",
        num(yamlRatio, "%.2f×"), yamlRatio, 1.5, "%.1f× over");
    double yamlPerService = ms(big, "RenderBench.manifestsYaml") * 1000 / big;
    target("… and per service against the reference floor (253 µs YAML per service × 1.5 = 380 µs)",
        micros(yamlPerService) + " (" + num(fact(big, "objects") / big, "%.1f") + " objects per service vs 10)",
        yamlPerService, 380, "%.1f× over");
    double evalPerDistinct = fact(big, "coldEvaluations") / fact(big, "distinctRequests");
    target("Cedar: at most one native call per distinct decision (cold derive: evaluations / distinct requests)",
        num(fact(big, "coldEvaluations"), "%,.0f") + " / " + num(fact(big, "distinctRequests"), "%,.0f") + " = "
            + num(evalPerDistinct, "%.2f"), evalPerDistinct, 1.0, "%.1f× over");
    double coldUs = ms(big, "AuthorizeBench.coldSample") * 1000
        / perOp(big, "AuthorizeBench.coldSample", "decisions");
    target("Cedar: cold ≤ 250 µs per decision (fresh cache, the fleet's own policies, sample)", micros(coldUs)
        + " (" + num(perOp(big, "AuthorizeBench.coldSample", "evaluations")
        / perOp(big, "AuthorizeBench.coldSample", "decisions"), "%.2f") + " native evaluations per decision)",
        coldUs, 250, "%.1f× over");
    double nativeUs = ms(big, "AuthorizeBench.coldNativeSample") * 1000
        / perOp(big, "AuthorizeBench.coldNativeSample", "decisions");
    double perEvaluation = ms(big, "AuthorizeBench.coldNativeSample") * 1000
        / perOp(big, "AuthorizeBench.coldNativeSample", "evaluations");
    target("… and per decision that needs the native engine (every statement given an always-true condition; time "
        + "per native evaluation)", micros(perEvaluation) + " (" + micros(nativeUs) + " per decision of the sample)",
        perEvaluation, 250, "%.1f× over");
    double permitEvals = perOp(big, "PolicyChangeBench.permitChange", "evaluations");
    double guardEvals = perOp(big, "PolicyChangeBench.guardRailChange", "evaluations");
    double images = fact(big, "imageRequests");
    target("Cedar: a policy change re-evaluates only the decisions it can change (a permit edit can change the 1 "
        + "request whose slice holds it; the guard-rail edit at most the image requests)", num(permitEvals, "%.1f") + " evaluations for a permit edit; "
        + num(guardEvals, "%,.0f") + " for the guard rail (" + num(images, "%,.0f") + " image requests)",
        Math.max(permitEvals, guardEvals / images), 1.0, "%.1f× over");
    double incremental = ms(big, "IncrementalBench.envChange");
    double incrementalDep = ms(big, "IncrementalBench.dependencyChange");
    target("One service changed in a derived 10,000-service fleet: ≤ 10 ms to every affected service's new state",
        time(incremental) + " (env), " + time(incrementalDep) + " (dependency)", Math.max(incremental,
            incrementalDep), 10, "%.1f× over");
    TreeSet<Integer> ns = sizes();
    int first = ns.isEmpty() ? 0 : ns.first();
    int largest = 0;
    for (int n : e2e.keySet()) {
      if (!Double.isNaN(e2eMedianMs(n))) {
        largest = n;
      }
    }
    double e2eGrowth = largest == 0 || first == largest ? Double.NaN
        : (e2eMedianMs(largest) / largest) / (e2eMedianMs(first) / first);
    int largestIn = 0;
    for (int n : inproc.keySet()) {
      if (!Double.isNaN(ms(n, "DeriveBench.parseExcluded"))) {
        largestIn = n;
      }
    }
    double inGrowth = largestIn == 0 || first == largestIn ? Double.NaN
        : (ms(largestIn, "DeriveBench.parseExcluded") / largestIn) / (ms(first, "DeriveBench.parseExcluded") / first);
    int largestAuth = 0;
    for (int n : inproc.keySet()) {
      if (!Double.isNaN(ms(n, "AuthorizeBench.warm"))) {
        largestAuth = n;
      }
    }
    double authGrowth = largestAuth == 0 || first == largestAuth ? Double.NaN
        : (ms(largestAuth, "AuthorizeBench.warm") / largestAuth) / (ms(first, "AuthorizeBench.warm") / first);
    String scope = largest == 50_000 && largestIn == 50_000 ? "" : " (the largest N with a result is given where "
        + "50,000 was not measured)";
    target("Linear growth: per-service cost at 50,000 within 1.3× of that at 1,000" + scope, "end to end "
        + num(e2eGrowth, "%.2f×") + " (N=" + count(largest) + "); in-process derive " + num(inGrowth, "%.2f×")
        + " (N=" + count(largestIn) + "); warm authorization " + num(authGrowth, "%.2f×") + " (N="
        + count(largestAuth) + ")", Math.max(Math.max(e2eGrowth, inGrowth), Double.isNaN(authGrowth) ? 0
        : authGrowth), 1.3, "%.2f× over");
    double fiftyK = e2eMedianMs(50_000) / e2eMedianMs(big);
    double fiftyKCpu = e2eFact(50_000, "cpuSeconds") / e2eFact(big, "cpuSeconds");
    target("Issue 19: 50,000 services end to end cost at most 5.5× 10,000 (wall; CPU in brackets)",
        num(fiftyK, "%.2f×") + " (CPU " + num(fiftyKCpu, "%.2f×") + ")", fiftyK, 5.5, "%.2f× over");
    Map<String, Object> bis = r10 == null ? Map.of() : Results.map(r10.get("heapBisection"));
    double heap = bis.get("minimalXmxMiB") != null ? Results.num(bis.get("minimalXmxMiB"))
        : r10 == null ? Double.NaN : Results.num(r10.get("gcMaxAfterMiB"));
    target("Heap ≤ 1 GiB live at 10,000 (" + (bis.get("minimalXmxMiB") != null ? "smallest -Xmx that succeeds"
        : "GC log: max heap after GC, an upper bound") + "; in-process fixture live " + num(fact(big,
        "fixtureLiveMiB"), "%,.0f MiB") + ")", num(heap, "%,.0f MiB"), heap, 1024, "%.1f× over");
    line("");
  }

  /** A "lower is better" target row: met when measured ≤ limit. */
  private void target(String what, String measured, double value, double limit, String overFormat) {
    String status;
    if (Double.isNaN(value) || Double.isNaN(limit)) {
      status = "not measured";
    } else if (value <= limit) {
      status = "**met**";
    } else {
      status = "**missed** (" + String.format(Locale.ROOT, overFormat, value / limit) + ")";
    }
    cells(what, measured, status);
  }

  private void profileSection() {
    if (profile == null) {
      return;
    }
    Map<String, Object> s = Results.map(profile.get("summary"));
    Map<String, Object> run = Results.map(profile.get("run"));
    line("### Profile: JFR on `bin/lattice derive`, N=" + count((int) Results.num(profile.get("n"))));
    line("");
    line("`" + profile.get("command") + "`: " + num(Results.num(run.get("seconds")), "%.1f s") + " wall (JFR on), "
        + num(Results.num(s.get("javaSamples")), "%,.0f") + " Java samples + " + num(Results.num(s.get("nativeSamples")),
        "%,.0f") + " native-method samples; " + num(Results.num(s.get("gcCount")), "%,.0f") + " GCs, "
        + num(Results.num(s.get("gcPauseMs")), "%,.0f") + " ms paused; JVM CPU load "
        + num(Results.num(s.get("jvmCpuLoadAvg")) * 100, "%.0f%%") + " of all cores on average (machine "
        + num(Results.num(s.get("machineCpuLoadAvg")) * 100, "%.0f%%") + ").");
    line("");
    samples("CLI phase (outermost frame)", s.get("phases"));
    samples("component (library of the sampled frame)", s.get("components"));
    samples("top self frames", s.get("selfFrames"));
    samples("top Lattice frames (innermost `dev.lattice` frame)", s.get("latticeFrames"));
    List<Object> blocked = Results.list(s.get("blocked"));
    if (!blocked.isEmpty()) {
      table("threads waiting (JFR monitor enter / park / wait events ≥ 10 ms, summed over threads)", "ms");
      for (Object o : blocked) {
        Map<String, Object> r = Results.map(o);
        cells("`" + r.get("name") + "`", num(Results.num(r.get("ms")), "%,.0f"));
      }
      line("");
    }
  }

  private void samples(String title, Object rows) {
    table(title, "samples", "share");
    for (Object o : Results.list(rows)) {
      Map<String, Object> r = Results.map(o);
      cells("`" + r.get("name") + "`", num(Results.num(r.get("samples")), "%,.0f"),
          num(Results.num(r.get("percent")), "%.1f%%"));
    }
    line("");
  }

  private void notes() {
    List<String> notes = new ArrayList<>();
    for (Map.Entry<Integer, Map<String, Object>> e : inproc.entrySet()) {
      Map<String, Object> r = e.getValue();
      if (r.get("skipped") != null) {
        notes.add("N=" + count(e.getKey()) + " in process: " + r.get("skipped") + ".");
      }
      if (r.get("error") != null) {
        notes.add("N=" + count(e.getKey()) + " in process: " + r.get("error") + ".");
      }
      for (Object o : Results.list(r.get("rows"))) {
        Map<String, Object> row = Results.map(o);
        for (String key : List.of("skipped", "error", "note")) {
          if (row.get(key) != null) {
            notes.add("N=" + count(e.getKey()) + " `" + row.get("scenario") + "`: " + key + ": " + row.get(key) + ".");
          }
        }
      }
    }
    for (Map.Entry<Integer, Map<String, Object>> e : e2e.entrySet()) {
      if (e.getValue().get("skipped") != null) {
        notes.add("N=" + count(e.getKey()) + " end to end: skipped: " + e.getValue().get("skipped") + ".");
      }
    }
    if (!notes.isEmpty()) {
      line("### Skipped and cut");
      line("");
      notes.forEach(n -> line("- " + n));
      line("");
    }
  }
}
