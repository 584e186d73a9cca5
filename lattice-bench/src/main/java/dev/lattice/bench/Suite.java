package dev.lattice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * The suite's entry point; {@code bench/run} calls its steps, each in its own JVM:
 *
 * <ul>
 *   <li>{@code inproc --n N}: builds the N-service {@link Fixture} and runs every JMH benchmark on it in this JVM
 *       (forks 0, so the fixture is built once), with per-scenario heap from {@link HeapWatch}; writes
 *       {@code inproc-N.json}.
 *   <li>{@code e2e}: {@code bin/lattice derive} as a separate process ({@link EndToEnd}); {@code e2e.json}.
 *   <li>{@code profile --n N}: one {@code bin/lattice derive} under JFR, summarised ({@link Profile}).
 *   <li>{@code report}: the tables, printed and written into BENCHMARKS.md ({@link Report}).
 *   <li>{@code operator --ns 1000,5000}: the operator's start-up and resync on the mock API server
 *       ({@link OperatorBench}); {@code operator-report} writes its table ({@link OperatorReport}).
 *   <li>{@code operator --real --ns 1000,5000}: the same on the real local control plane ({@link RealOperatorBench});
 *       {@code operator-report --real} writes its table.
 * </ul>
 *
 * Every step keeps to a time budget: the cost of a scenario at N is predicted from the previous, smaller N; a
 * scenario whose single operation would take longer than the cap is skipped and says so, otherwise the number of
 * iterations is cut to fit the budget.
 */
public final class Suite {
  /** One JMH benchmark method and how its result is read. */
  record Scenario(String id, String title, boolean fleetWide) {
    Scenario(String id, String title) {
      this(id, title, true);
    }
  }

  static final List<Scenario> SCENARIOS = List.of(
      new Scenario("DeriveBench.parseExcluded", "derive fleet in process, parse excluded (Cedar warm)"),
      new Scenario("DeriveBench.parseExcludedSequential", "Engine#deriveAll, one thread, parse excluded (Cedar warm)"),
      new Scenario("DeriveBench.parseIncluded", "derive fleet in process, parse included (read YAML, load policies)"),
      new Scenario("DeriveBench.parseOnly", "read YAML + load policies + build fleet (no derive)"),
      new Scenario("IncrementalBench.envChange", "one service changed (env var): Engine#apply", false),
      new Scenario("IncrementalBench.dependencyChange", "one service changed (new dependency): Engine#apply", false),
      new Scenario("PolicyChangeBench.permitChange", "policy change: one permit edited, reload + re-authorize"),
      new Scenario("PolicyChangeBench.guardRailChange", "policy change: guard-rail forbid edited, reload + re-authorize"),
      new Scenario("PolicyChangeBench.reloadOnly", "policy library reload alone"),
      new Scenario("AuthorizeBench.warm", "authorize every request, cache warm"),
      new Scenario("AuthorizeBench.coldSample", "authorize a sample, fresh cache (cold)", false),
      new Scenario("AuthorizeBench.coldNativeSample", "authorize a sample, fresh cache, every decision native", false),
      new Scenario("RenderBench.manifestsYaml", "serialise derived objects: Manifests.yaml"),
      new Scenario("RenderBench.plainYaml", "serialise derived objects: plain Jackson YAML"),
      new Scenario("RenderBench.canonicalJson", "serialise derived objects: Manifests.json (canonical)"),
      new Scenario("RenderBench.plainJson", "serialise derived objects: plain Jackson JSON (floor)"),
      new Scenario("HelmBench.template", "helm template of the equivalent chart (helm-java)"));

  /** Iterations and time limits of a mode. */
  record Budget(int warmup, int measure, long iterationMs, double scenarioSeconds, double capSeconds,
      double fixtureCapSeconds) {
    static Budget of(String mode) {
      return mode.equals("full")
          ? new Budget(2, 5, 2000, 100, 240, 900)
          : new Budget(1, 3, 1000, 30, 90, 420);
    }
  }

  private Suite() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: Suite inproc|e2e|profile|report|operator|operator-report [--key value ...]");
      System.exit(2);
    }
    Map<String, String> opts = options(args);
    switch (args[0]) {
      case "inproc" -> inproc(opts);
      case "e2e" -> EndToEnd.main(opts);
      case "profile" -> Profile.main(opts);
      case "report" -> Report.main(opts);
      case "operator" -> {
        if (Boolean.parseBoolean(opts.getOrDefault("real", "false"))) {
          RealOperatorBench.main(opts);
        } else {
          OperatorBench.main(opts);
        }
      }
      case "operator-report" -> OperatorReport.main(opts);
      default -> {
        System.err.println("unknown step " + args[0]);
        System.exit(2);
      }
    }
    System.exit(0); // native helm and cedar may leave non-daemon threads behind
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        String key = args[i].substring(2);
        String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
        out.put(key, value);
      }
    }
    return out;
  }

  static void inproc(Map<String, String> opts) {
    int n = Integer.parseInt(opts.get("n"));
    String mode = opts.getOrDefault("mode", "quick");
    Budget budget = Budget.of(mode);
    Path results = Path.of(opts.getOrDefault("results", "bench-results"));
    Pattern only = Pattern.compile(opts.getOrDefault("only", ".*"));
    Path file = results.resolve(String.format("inproc-%06d.json", n));
    Map<String, Object> prior = prior(results, n);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    out.put("mode", mode);
    out.put("jvm", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    List<Map<String, Object>> rows = new ArrayList<>();
    out.put("rows", rows);

    // The fixture: predicted from the previous N, skipped when it would take too long.
    if (prior != null) {
      double priorN = Results.num(prior.get("n"));
      Map<String, Object> pf = Results.map(prior.get("facts"));
      double priorSetup = Results.num(pf.get("setupSeconds"));
      double predicted = priorSetup * n / priorN * 1.2;
      if (predicted > budget.fixtureCapSeconds()) {
        out.put("skipped", String.format("building the fixture (generate, read, cold derive) was predicted to take "
            + "%.0f s (%.1f s at N=%,d scaled linearly, +20%%), over the %.0f s cap of this mode", predicted,
            priorSetup, (long) priorN, budget.fixtureCapSeconds()));
        Results.write(file, out);
        System.out.printf("N=%,d: skipped: %s%n", n, out.get("skipped"));
        return;
      }
    }
    System.out.printf("N=%,d: building the fleet fixture (generate, write, read, cold derive)...%n", n);
    long baseline = HeapWatch.liveNow();
    HeapWatch setupWatch = new HeapWatch().start();
    long t0 = System.nanoTime();
    Fixture fixture;
    try {
      fixture = Fixture.of(n);
    } catch (RuntimeException e) {
      out.put("error", "building the fixture failed: " + e.getMessage());
      Results.write(file, out);
      System.out.printf("N=%,d: %s%n", n, out.get("error"));
      return;
    }
    double setupSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> setupHeap = setupWatch.stop();
    long live = HeapWatch.liveNow();
    Map<String, Object> facts = new LinkedHashMap<>(fixture.facts);
    facts.put("setupSeconds", setupSeconds);
    facts.put("fixtureLiveMiB", HeapWatch.mib(live - baseline));
    facts.put("setupHeap", setupHeap);
    out.put("facts", facts);
    Results.write(file, out);
    System.out.printf("N=%,d: fixture in %.1f s (cold derive %.0f ms, %s Cedar evaluations), live %.0f MiB%n", n,
        setupSeconds, Results.num(facts.get("deriveColdMs")), facts.get("coldEvaluations"),
        HeapWatch.mib(live - baseline));

    for (Scenario scenario : SCENARIOS) {
      if (!only.matcher(scenario.id()).find()) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scenario", scenario.id());
      row.put("title", scenario.title());
      row.put("n", n);
      rows.add(row);
      double predicted = predict(prior, scenario, n);
      if (predicted > budget.capSeconds()) {
        row.put("skipped", Double.isInfinite(predicted)
            ? String.format("skipped or failed at N=%,d already", (long) Results.num(prior.get("n")))
            : String.format("one operation was predicted to take %.0f s (scaled from N=%,d), over the %.0f s cap of "
                + "this mode", predicted, (long) Results.num(prior.get("n")), budget.capSeconds()));
        System.out.printf("  %-36s skipped (%s)%n", scenario.id(), row.get("skipped"));
        Results.write(file, out);
        continue;
      }
      int warmup = budget.warmup();
      int measure = budget.measure();
      double perIteration = Math.max(budget.iterationMs() / 1000.0, Double.isNaN(predicted) ? 0 : predicted);
      if ((warmup + measure) * perIteration > budget.scenarioSeconds()) {
        warmup = perIteration * 3 > budget.scenarioSeconds() ? 0 : 1;
        measure = (int) Math.max(1, Math.min(measure, Math.floor(budget.scenarioSeconds() / perIteration) - warmup));
        row.put("note", String.format("iterations cut to %d warm-up + %d measured (one operation predicted at %.1f s)",
            warmup, measure, predicted));
      }
      row.put("warmupIterations", warmup);
      row.put("measurementIterations", measure);
      Path log = results.resolve("jmh").resolve(String.format("%06d-%s.log", n, scenario.id()));
      log.getParent().toFile().mkdirs();
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(Pattern.quote("dev.lattice.bench.jmh." + scenario.id()) + "$")
          .param("services", String.valueOf(n))
          .forks(0)
          .threads(1)
          .warmupIterations(warmup)
          .warmupTime(TimeValue.milliseconds(budget.iterationMs()))
          .measurementIterations(measure)
          .measurementTime(TimeValue.milliseconds(budget.iterationMs()))
          .timeUnit(TimeUnit.MILLISECONDS)
          .shouldFailOnError(true)
          .verbosity(VerboseMode.NORMAL)
          .output(log.toString());
      Tally.reset();
      System.gc();
      HeapWatch watch = new HeapWatch().start();
      long start = System.nanoTime();
      try {
        RunResult result = new Runner(options.build()).runSingle();
        Statistics stats = result.getPrimaryResult().getStatistics();
        row.put("unit", result.getPrimaryResult().getScoreUnit());
        row.put("min", stats.getMin());
        row.put("median", stats.getPercentile(50));
        row.put("mean", stats.getMean());
        row.put("max", stats.getMax());
        row.put("samples", stats.getN());
      } catch (Exception | Error e) {
        row.put("error", String.valueOf(e));
      }
      row.put("wallSeconds", (System.nanoTime() - start) / 1e9);
      row.put("heap", watch.stop());
      Map<String, Long> tally = Tally.snapshot();
      long ops = tally.getOrDefault("ops", 0L);
      Map<String, Object> perOp = new LinkedHashMap<>();
      tally.forEach((k, v) -> {
        if (!k.equals("ops") && ops > 0) {
          perOp.put(k, (double) v / ops);
        }
      });
      perOp.put("invocations", ops);
      row.put("perOp", perOp);
      Results.write(file, out);
      System.out.printf("  %-36s %s%n", scenario.id(), row.containsKey("error") ? "ERROR " + row.get("error")
          : String.format("median %.3f ms/op (min %.3f, %d samples) in %.0f s", Results.num(row.get("median")),
              Results.num(row.get("min")), (long) Results.num(row.get("samples")),
              Results.num(row.get("wallSeconds"))));
    }
  }

  /** The results of the largest N below {@code n} that ran, or null. */
  static Map<String, Object> prior(Path results, int n) {
    Map<String, Object> best = null;
    for (Map<String, Object> r : Results.all(results, "inproc-")) {
      double rn = Results.num(r.get("n"));
      if (rn < n && r.get("skipped") == null && r.get("facts") != null
          && (best == null || rn > Results.num(best.get("n")))) {
        best = r;
      }
    }
    return best;
  }

  /**
   * Seconds one operation of the scenario should take at n: scaled linearly from the prior run for fleet-wide
   * scenarios, ×1.5 for those whose work does not grow with the fleet; +20% either way.
   */
  static double predict(Map<String, Object> prior, Scenario scenario, int n) {
    if (prior == null) {
      return Double.NaN;
    }
    for (Object o : Results.list(prior.get("rows"))) {
      Map<String, Object> row = Results.map(o);
      if (scenario.id().equals(row.get("scenario")) && row.get("median") == null) {
        return Double.POSITIVE_INFINITY; // skipped or failed at the smaller N: larger is no better
      }
      if (scenario.id().equals(row.get("scenario"))) {
        double scale = scenario.fleetWide() ? n / Results.num(prior.get("n")) : 1.5;
        return Results.num(row.get("median")) / 1000.0 * scale * 1.2;
      }
    }
    return Double.NaN;
  }
}
