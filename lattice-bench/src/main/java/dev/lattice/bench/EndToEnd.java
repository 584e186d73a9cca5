package dev.lattice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/lattice derive --output-dir OUT --timings FLEET} end to end, as a user runs it: a separate process,
 * JVM start included, wall clock around {@link ProcessBuilder#start()} and {@link Process#waitFor()}. The output
 * directory is emptied before every run (outside the timing: moved aside, and deleted at the end of the step).
 * Each run also reports the CLI's own phase timings, its Cedar evaluations, its CPU time (bash {@code times}, so
 * CPU/wall tells how many cores it used) and its heap from a GC log ({@code -Xlog:gc} through
 * {@code JAVA_TOOL_OPTIONS}). Peak heap is then bisected: the smallest {@code -Xmx} at which the run still succeeds,
 * where a run is short enough to repeat.
 *
 * <p>A stand-in {@code mvn} that fails is put first on the PATH: {@code bin/lattice} rebuilds with
 * {@code mvn install} when it thinks the jar is stale, which a benchmark must never do.
 */
final class EndToEnd {
  record Budget(int maxRuns, double perN, double cap, double warmupBelow, double bisectBelow, int startupRuns) {
    static Budget of(String mode) {
      return mode.equals("full")
          ? new Budget(5, 300, 600, 60, 40, 10)
          : new Budget(3, 120, 240, 20, 12, 5);
    }
  }

  record Run(double seconds, int exit, boolean timedOut, Map<String, Double> phases, long evaluations,
      double cpuSeconds, double gcMaxAfterMiB, double gcMaxBeforeMiB, int gcCount, boolean outOfMemory,
      long files) {}

  /** The second JDK of these machines; bin/lattice runs on it when LATTICE_JAVA names it. */
  static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

  private final Path repo;
  private final Path work;
  private final Path shim;
  /** The last helm template measured: its N and seconds, to predict (and skip) the next N. */
  private int helmN;
  private double helmSeconds = Double.NaN;

  EndToEnd(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
    this.shim = work.resolve("no-mvn");
    try {
      Files.createDirectories(shim);
      Path mvn = shim.resolve("mvn");
      Files.writeString(mvn, "#!/bin/sh\necho 'bench: bin/lattice tried to rebuild (mvn $*); run bench/run, which "
          + "builds first' >&2\nexit 3\n");
      mvn.toFile().setExecutable(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void main(Map<String, String> opts) throws Exception {
    Path repo = Path.of(opts.getOrDefault("repo", ".")).toAbsolutePath().normalize();
    Path results = Path.of(opts.getOrDefault("results", "bench-results"));
    Path work = Path.of(opts.getOrDefault("work", Fixture.workDir().toString()));
    String mode = opts.getOrDefault("mode", "quick");
    Budget budget = Budget.of(mode);
    int[] ns = Arrays.stream(opts.getOrDefault("ns", "1000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
    boolean bisect = !opts.getOrDefault("bisect", "true").equals("false");
    EndToEnd e2e = new EndToEnd(repo, work);
    Path file = results.resolve("e2e.json");

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", mode);
    out.put("command", "bin/lattice derive --output-dir OUT --timings FLEET");
    out.put("startup", e2e.startup(budget.startupRuns()));
    System.out.printf("e2e: JVM start (bin/lattice --version): median %.3f s%n",
        Results.num(Results.map(out.get("startup")).get("median")));
    List<Map<String, Object>> rows = new ArrayList<>();
    out.put("rows", rows);
    Results.write(file, out);

    double previousMedian = Double.NaN;
    int previousN = 0;
    for (int n : ns) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("n", n);
      rows.add(row);
      double predicted = previousN == 0 ? Double.NaN : previousMedian * n / previousN * 1.2;
      if (predicted > budget.cap() || (previousN > 0 && Double.isNaN(previousMedian))) {
        row.put("skipped", Double.isNaN(predicted) ? "the smaller fleet did not finish"
            : String.format("one run was predicted to take %.0f s (%.1f s at N=%,d scaled linearly, +20%%), over the "
                + "%.0f s cap of this mode", predicted, previousMedian, previousN, budget.cap()));
        System.out.printf("e2e N=%,d: skipped (%s)%n", n, row.get("skipped"));
        Results.write(file, out);
        previousMedian = Double.NaN;
        continue;
      }
      Path fleet = e2e.fleet(n, row);
      double timeout = Double.isNaN(predicted) ? budget.cap() : Math.min(budget.cap(), Math.max(60, predicted * 3));
      if (Double.isNaN(predicted) || predicted < budget.warmupBelow()) {
        Run warm = e2e.derive(n, fleet, "warmup", "", timeout);
        row.put("warmupSeconds", warm.seconds());
        if (Double.isNaN(predicted)) {
          predicted = warm.seconds();
        }
      }
      int runs = (int) Math.max(1, Math.min(budget.maxRuns(), Math.floor(budget.perN() / Math.max(predicted, 0.1))));
      List<Run> measured = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Run run = e2e.derive(n, fleet, "run" + i, "", timeout);
        measured.add(run);
        System.out.printf("e2e N=%,d run %d: %.2f s wall, %.2f s CPU, exit %d%s%n", n, i + 1, run.seconds(),
            run.cpuSeconds(), run.exit(), run.timedOut() ? " (stopped: timeout)" : "");
        if (run.exit() != 0) {
          break;
        }
      }
      row.put("runs", measured);
      List<Run> ok = measured.stream().filter(r -> r.exit() == 0).toList();
      if (ok.isEmpty()) {
        row.put("error", "no run succeeded; exit " + measured.get(measured.size() - 1).exit()
            + (measured.get(measured.size() - 1).timedOut() ? " (timeout)" : ""));
        row.put("stderrTail", e2e.stderrTail(n, "run" + (measured.size() - 1)));
        previousMedian = Double.NaN;
        Results.write(file, out);
        continue;
      }
      double[] secs = ok.stream().mapToDouble(Run::seconds).sorted().toArray();
      row.put("min", secs[0]);
      row.put("median", median(secs));
      row.put("max", secs[secs.length - 1]);
      row.put("cpuSeconds", median(ok.stream().mapToDouble(Run::cpuSeconds).sorted().toArray()));
      row.put("gcMaxAfterMiB", ok.stream().mapToDouble(Run::gcMaxAfterMiB).max().orElse(0));
      row.put("gcMaxBeforeMiB", ok.stream().mapToDouble(Run::gcMaxBeforeMiB).max().orElse(0));
      Map<String, Double> phases = new TreeMap<>();
      for (String phase : ok.get(0).phases().keySet()) {
        phases.put(phase, median(ok.stream().mapToDouble(r -> r.phases().getOrDefault(phase, 0.0)).sorted()
            .toArray()));
      }
      row.put("phases", phases);
      row.put("evaluations", ok.get(0).evaluations());
      row.put("files", ok.get(0).files());
      previousMedian = Results.num(row.get("median"));
      previousN = n;
      Results.write(file, out);
      e2e.incremental(n, fleet, row, timeout);
      Results.write(file, out);
      e2e.helm(n, row, budget.cap());
      Results.write(file, out);
      if (bisect && previousMedian < budget.bisectBelow()) {
        row.put("heapBisection", e2e.bisect(n, fleet, ok, previousMedian));
        Results.write(file, out);
      }
      System.out.printf("e2e N=%,d heap: GC log max %,.0f MiB after a collection, %,.0f MiB before; %s%n", n,
          Results.num(row.get("gcMaxAfterMiB")), Results.num(row.get("gcMaxBeforeMiB")),
          row.get("heapBisection") == null ? "not bisected (a run over " + (int) budget.bisectBelow() + " s)"
              : "smallest -Xmx that succeeds " + Results.map(row.get("heapBisection")).get("minimalXmxMiB") + " MiB");
    }
    out.put("ratios", ratios(rows));
    Results.write(file, out);
    for (int n : ns) {
      Fixture.deleteTree(work.resolve("n" + n).resolve("e2e").resolve("set-aside"));
    }
  }

  /**
   * Issue 19: what each larger N cost against the one before it (50,000 against 10,000: at most 5.5×), wall and
   * CPU medians of the cold runs to files.
   */
  static List<Map<String, Object>> ratios(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> previous = null;
    for (Map<String, Object> row : rows) {
      if (row.get("median") == null) {
        continue;
      }
      if (previous != null) {
        Map<String, Object> ratio = new LinkedHashMap<>();
        ratio.put("from", previous.get("n"));
        ratio.put("to", row.get("n"));
        ratio.put("wall", Results.num(row.get("median")) / Results.num(previous.get("median")));
        ratio.put("cpu", Results.num(row.get("cpuSeconds")) / Results.num(previous.get("cpuSeconds")));
        out.add(ratio);
        System.out.printf("e2e N=%,.0f against N=%,.0f: %.2f× the wall time, %.2f× the CPU time (issue 19: 50,000 "
            + "at most 5.5× 10,000)%n", Results.num(row.get("n")), Results.num(previous.get("n")),
            Results.num(ratio.get("wall")), Results.num(ratio.get("cpu")));
      }
      previous = row;
    }
    return out;
  }

  /**
   * Issue 19: re-runs into the output directory the last measured run left (files and cache): twice over the
   * unchanged fleet (counting files whose modification time changed), twice with one service edited (an env var
   * flipped, so each run sees a change), and, when a JDK 25 is installed, once on it ({@code LATTICE_JAVA}, with
   * its ahead-of-time cache) from an empty directory, for the JDK comparison. The edited file is restored afterwards.
   */
  void incremental(int n, Path fleet, Map<String, Object> row, double timeout) throws Exception {
    Path outDir = work.resolve("n" + n).resolve("e2e").resolve("out");
    List<Double> rerun = new ArrayList<>();
    long rewritten = 0;
    for (int i = 0; i < 2; i++) {
      Map<Path, Long> before = mtimes(outDir);
      Run run = derive(n, fleet, "rerun" + i, "", timeout, true, Map.of());
      Map<Path, Long> after = mtimes(outDir);
      rewritten += after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
      if (run.exit() == 0) {
        rerun.add(run.seconds());
        row.put("rerunPhases", run.phases());
      }
      System.out.printf("e2e N=%,d unchanged re-run %d: %.2f s wall, %.2f s CPU%n", n, i + 1, run.seconds(),
          run.cpuSeconds());
    }
    row.put("rerunSeconds", rerun);
    row.put("rerunRewrittenFiles", rewritten);
    Path edited = fleet.resolve("team-000/svc-00000.yaml");
    String original = Files.readString(edited);
    List<Double> changed = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Files.writeString(edited, original.replace("LOG_LEVEL: info", i % 2 == 0 ? "LOG_LEVEL: debug"
            : "LOG_LEVEL: warn"));
        Run run = derive(n, fleet, "changed" + i, "", timeout, true, Map.of());
        if (run.exit() == 0) {
          changed.add(run.seconds());
          row.put("changedPhases", run.phases());
        }
        System.out.printf("e2e N=%,d one service changed %d: %.2f s wall, %.2f s CPU%n", n, i + 1, run.seconds(),
            run.cpuSeconds());
      }
    } finally {
      Files.writeString(edited, original);
    }
    row.put("changedSeconds", changed);
    Path jdk25 = Path.of(JDK25);
    if (Files.isExecutable(jdk25)) {
      Run run = derive(n, fleet, "jdk25", "", timeout, false, Map.of("LATTICE_JAVA", jdk25.toString()));
      row.put("jdk25Seconds", run.exit() == 0 ? run.seconds() : Double.NaN);
      row.put("jdk25CpuSeconds", run.cpuSeconds());
      row.put("jdk25Phases", run.phases());
      System.out.printf("e2e N=%,d on JDK 25: %.2f s wall, %.2f s CPU%n", n, run.seconds(), run.cpuSeconds());
    }
  }

  /**
   * Issue 19: {@code helm template} of the equivalent chart ({@link HelmChart}) over the same N services, in this
   * run, so that the ratio compares runs made under the same load. Native helm through helm-java, in this JVM: the
   * first call (the native library loaded, no JIT to warm: helm is Go) is what a {@code helm template} process
   * does, less its start. Skipped when the previous N predicts a call over the cap (scaled linearly, +20%).
   */
  void helm(int n, Map<String, Object> row, double cap) {
    double predicted = Double.isNaN(helmSeconds) ? Double.NaN : helmSeconds * n / helmN * 1.2;
    if (predicted > cap) {
      row.put("helmSkipped", String.format("predicted %.0f s (%.1f s at N=%,d, scaled linearly, +20%%), over the "
          + "%.0f s cap of this mode", predicted, helmSeconds, helmN, cap));
      System.out.printf("e2e N=%,d helm template: skipped (%s)%n", n, row.get("helmSkipped"));
      return;
    }
    try {
      Path dir = work.resolve("n" + n).resolve("helm");
      Path chart = HelmChart.writeChart(dir.resolve("chart"));
      Path values = HelmChart.writeValues(dev.lattice.cli.generate.FleetGenerator.generate(n, Fixture.SEED),
          dir.resolve("values.yaml"));
      long start = System.nanoTime();
      String rendered = new com.marcnuri.helm.Helm(chart).template().withName("fleet").withNamespace("default")
          .withValuesFile(values).call();
      double seconds = (System.nanoTime() - start) / 1e9;
      helmN = n;
      helmSeconds = seconds;
      row.put("helmSeconds", seconds);
      row.put("helmObjects", HelmChart.countDocuments(rendered));
      row.put("helmBytes", rendered.length());
      double lattice = Results.num(row.get("median"));
      row.put("helmOverLattice", seconds / lattice);
      System.out.printf("e2e N=%,d helm template (equivalent chart, native helm in process): %.2f s, %,d objects; "
          + "helm / lattice derive (median %.2f s) = %.2f×%n", n, seconds, HelmChart.countDocuments(rendered),
          lattice, seconds / lattice);
    } catch (RuntimeException e) {
      row.put("helmError", String.valueOf(e.getMessage()));
      System.out.printf("e2e N=%,d helm template failed: %s%n", n, e.getMessage());
    }
  }

  private static Map<Path, Long> mtimes(Path dir) throws IOException {
    Map<Path, Long> out = new java.util.HashMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        out.put(p, Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  private Map<String, Object> startup(int runs) throws Exception {
    // First a derive of the example, as a user's first command would be: bin/lattice writes its class-data archive
    // on the first command after a build that is not --version or help, and every run below uses that archive.
    Files.createDirectories(work);
    Path scratch = Files.createTempDirectory(work, "e2e-first-run");
    Process first = process(List.of("derive", "--output-dir", scratch.resolve("out").toString(),
        repo.resolve("examples/commerce").toString()), "").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    first.waitFor();
    Fixture.deleteTree(scratch);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      long start = System.nanoTime();
      Process p = process(List.of("--version"), "").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor();
      if (i > 0) { // the first run warms the file cache
        times.add((System.nanoTime() - start) / 1e9);
      }
    }
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return Map.of("min", sorted[0], "median", median(sorted), "runs", runs);
  }

  Path fleet(int n, Map<String, Object> row) throws Exception {
    Path fleet = work.resolve("n" + n).resolve("fleet");
    Path marker = fleet.resolve("platform/policies.yaml");
    if (!Files.exists(marker) || count(fleet) != n + 2) {
      Fixture.deleteTree(fleet);
      long start = System.nanoTime();
      Process p = process(List.of("generate-fleet", "--services", String.valueOf(n), "--out", fleet.toString()), "")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("bin/lattice generate-fleet --services " + n + " failed");
      }
      row.put("generateFleetSeconds", (System.nanoTime() - start) / 1e9);
    }
    return fleet;
  }

  private ProcessBuilder process(List<String> args, String javaOptions) {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "\"$0\" \"$@\"; rc=$?; times >&2; exit $rc", repo.resolve("bin/lattice").toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
    pb.environment().put("PATH", shim + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    if (javaOptions.isBlank()) {
      pb.environment().remove("JAVA_TOOL_OPTIONS");
    } else {
      pb.environment().put("JAVA_TOOL_OPTIONS", javaOptions);
    }
    return pb;
  }

  /** One timed {@code bin/lattice derive}; {@code extraJava} goes into JAVA_TOOL_OPTIONS beside the GC log. */
  Run derive(int n, Path fleet, String label, String extraJava, double timeoutSeconds) throws Exception {
    return derive(n, fleet, label, extraJava, timeoutSeconds, false, Map.of());
  }

  /**
   * @param keep run into the output directory (and its cache) as the previous run left it, instead of emptying it
   * @param env more environment for bin/lattice (LATTICE_JAVA to pick a JDK)
   */
  Run derive(int n, Path fleet, String label, String extraJava, double timeoutSeconds, boolean keep,
      Map<String, String> env) throws Exception {
    Path dir = work.resolve("n" + n).resolve("e2e");
    Files.createDirectories(dir);
    Path outDir = dir.resolve("out");
    Path gcLog = dir.resolve("gc-" + label + ".log");
    Path stderr = dir.resolve("stderr-" + label + ".txt");
    if (!keep && Files.exists(outDir)) {
      // Set aside, not deleted: on ext4 without a journal (these machines) each file created within a minute or
      // more of a deletion is allocated past every recently deleted inode, which added 2-4 s of system time to a
      // cold 10,000-service run into a just-emptied OUT (BENCHMARKS.md, cold path, fifth session). All are
      // deleted at the end of the step.
      Path aside = dir.resolve("set-aside").resolve(label + "-" + System.nanoTime());
      Files.createDirectories(aside.getParent());
      Files.move(outDir, aside);
    }
    Files.deleteIfExists(gcLog);
    ProcessBuilder pb = process(List.of("derive", "--output-dir", outDir.toString(), "--timings", fleet.toString()),
        ("-Xlog:gc:file=" + gcLog + " " + extraJava).trim());
    pb.environment().putAll(env);
    pb
        .redirectOutput(dir.resolve("stdout-" + label + ".txt").toFile())
        .redirectError(stderr.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    boolean finished = p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor();
    }
    String err = Files.readString(stderr);
    Map<String, Double> phases = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^timing (\\S+)\\s+(\\d+) ms$").matcher(err);
    while (m.find()) {
      phases.put(m.group(1), Double.parseDouble(m.group(2)) / 1000.0);
    }
    Matcher cedar = Pattern.compile("(?m)^cedar\\s+(\\d+) evaluations").matcher(err);
    long evaluations = cedar.find() ? Long.parseLong(cedar.group(1)) : -1;
    double cpu = Double.NaN;
    Matcher times = Pattern.compile("(?m)^(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$").matcher(err);
    while (times.find()) { // the last line of bash's times is the children's user and system time
      cpu = Integer.parseInt(times.group(1)) * 60 + Double.parseDouble(times.group(2))
          + Integer.parseInt(times.group(3)) * 60 + Double.parseDouble(times.group(4));
    }
    double[] gc = gcLog(gcLog);
    long files = finished && p.exitValue() == 0 && Files.isDirectory(outDir) ? count(outDir) : 0;
    return new Run(seconds, finished ? p.exitValue() : -1, !finished, phases, evaluations, cpu, gc[0], gc[1],
        (int) gc[2], err.contains("java.lang.OutOfMemoryError"), files);
  }

  /** The first line of a run's stderr that reads like an error, for the report. */
  String stderrTail(int n, String label) {
    try {
      for (String line : Files.readAllLines(work.resolve("n" + n).resolve("e2e").resolve("stderr-" + label + ".txt"))) {
        if (line.contains("error") || line.contains("invalid") || line.contains("Exception")
            || line.contains("failed") || line.contains("tried to rebuild")) {
          return line.strip().length() > 300 ? line.strip().substring(0, 300) + "…" : line.strip();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** Max heap after and before a collection (MiB) and the number of collections, from a unified GC log. */
  static double[] gcLog(Path log) throws IOException {
    double after = 0;
    double before = 0;
    int count = 0;
    if (!Files.exists(log)) {
      return new double[] {0, 0, 0};
    }
    Matcher m = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)").matcher(Files.readString(log));
    while (m.find()) {
      count++;
      before = Math.max(before, mib(m.group(1), m.group(2)));
      after = Math.max(after, mib(m.group(3), m.group(4)));
    }
    return new double[] {after, before, count};
  }

  private static double mib(String value, String unit) {
    double v = Double.parseDouble(value);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }

  /** The smallest -Xmx (MiB, within 10%) at which the run still succeeds. */
  private Map<String, Object> bisect(int n, Path fleet, List<Run> ok, double median) throws Exception {
    double after = ok.stream().mapToDouble(Run::gcMaxAfterMiB).max().orElse(64);
    int lo = (int) Math.max(8, after / 4); // assumed to fail; checked below
    int hi = (int) Math.max(64, Math.ceil(after * 1.5));
    double timeout = Math.max(30, median * 4);
    List<Map<String, Object>> steps = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", "bin/lattice derive with JAVA_TOOL_OPTIONS=-Xmx<m>m -XX:+ExitOnOutOfMemoryError; success = "
        + "exit 0 within " + (int) timeout + " s; geometric bisection to 10%");
    out.put("steps", steps);
    long started = System.nanoTime();
    boolean hiOk = false;
    boolean loOk;
    while ((loOk = attempt(n, fleet, lo, timeout, steps)) && lo > 8) { // the lower bound must fail
      hi = lo;
      hiOk = true;
      lo = Math.max(8, lo / 2);
    }
    if (loOk) {
      out.put("minimalXmxMiB", lo);
      return out;
    }
    while (!hiOk && !attempt(n, fleet, hi, timeout, steps)) { // the upper bound must succeed
      lo = hi;
      hi = hi * 2;
      if (hi > 16384) {
        out.put("error", "no -Xmx up to 16 GiB succeeded");
        return out;
      }
    }
    while (hi > lo * 1.1 && hi - lo > 4) {
      int mid = (int) Math.round(Math.sqrt((double) lo * hi));
      if (attempt(n, fleet, mid, timeout, steps)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    out.put("minimalXmxMiB", hi);
    out.put("largestFailingXmxMiB", lo);
    out.put("seconds", (System.nanoTime() - started) / 1e9);
    System.out.printf("e2e N=%,d: smallest -Xmx that succeeds: %d MiB (%d fails)%n", n, hi, lo);
    return out;
  }

  private boolean attempt(int n, Path fleet, int xmx, double timeout, List<Map<String, Object>> steps)
      throws Exception {
    Run run = derive(n, fleet, "xmx" + xmx, "-Xmx" + xmx + "m -XX:+ExitOnOutOfMemoryError", timeout);
    boolean ok = run.exit() == 0 && !run.outOfMemory();
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("xmxMiB", xmx);
    step.put("ok", ok);
    step.put("seconds", run.seconds());
    steps.add(step);
    return ok;
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static long count(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".yaml")).count();
    }
  }
}
