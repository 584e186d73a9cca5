package dev.lattice.cli.command;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.LatticeCli;
import dev.lattice.cli.Terminal;
import dev.lattice.cli.cache.Build;
import dev.lattice.cli.cache.DeriveCaching;
import dev.lattice.cli.cache.RunRecord;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.OutputWriter;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadCache;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.cli.report.DeriveRun;
import dev.lattice.cli.report.GithubReport;
import dev.lattice.cli.report.Progress;
import dev.lattice.cli.report.ReportStyle;
import dev.lattice.cli.report.JsonReport;
import dev.lattice.cli.report.ServiceOutcome;
import dev.lattice.cli.report.TextReport;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lattice derive}: the engine on files, no cluster needed. */
@Command(
    name = "derive",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Derive the Kubernetes objects of every LatticeService in PATH, and report each service's status.",
      "PATH is a file or a directory, searched recursively for YAML and JSON files (ending in yaml, yml or json), "
          + "several documents per file; each file is read once, however the paths overlap. "
          + "CedarPolicies (namespace lattice-system) in PATH decide what services may access: without a permit, "
          + "secrets, external endpoints, security overrides and unpinned images are denied. The ConfigMap "
          + "lattice-system/lattice-platform names the platform contact that denials point to (data.contact). "
          + "Other kinds (Namespace, RBAC, ...) are skipped with a note."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice derive examples/commerce                  # report only",
      "  lattice derive --output-dir out examples/commerce # writes out/NS/NAME.yaml",
      "  lattice derive --output-dir out services/  # again: only changes are written",
      "  lattice derive --report json services/ | jq .services",
      "  lattice derive -o yaml --service commerce/payments examples/commerce \\",
      "    | kubectl diff -f -",
      "  lattice derive --summary big-fleet/               # failing services, counts",
      "",
      "Exit status:",
      "  0  every service was derived",
      "  1  a service failed (the report says why and how to fix it), or a warning",
      "     under --strict",
      "  2  input could not be read (including a misspelt kind such as",
      "     LaticeService), or the command line is wrong",
      "  3  internal error (a bug in Lattice)"
    })
public final class DeriveCommand implements Callable<Integer> {
  /** How derived manifests are printed to stdout. */
  public enum OutputFormat { yaml, json }

  @Spec CommandSpec spec;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Write the objects of each derived service to DIR/<namespace>/<name>.yaml.")
  Path outputDir;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print the derived objects to stdout as ${COMPLETION-CANDIDATES}; the report then goes to "
          + "stderr, so the two never mix.")
  OutputFormat output;

  @Mixin CheckOptions check;

  @Option(names = "--no-cache",
      description = "Derive and compare every service: neither read nor write the cache that "
          + "--output-dir keeps in DIR/.lattice/.")
  boolean noCache;

  @Option(names = "--timings", hidden = true, description = "Print the time of each phase to stderr.")
  boolean timings;

  private long phaseStart = System.nanoTime();

  private void phase(PrintWriter err, String name) {
    long now = System.nanoTime();
    if (timings) {
      err.printf("timing %-10s %6d ms%n", name, (now - phaseStart) / 1_000_000);
      err.flush();
    }
    phaseStart = now;
  }

  @Override
  public Integer call() throws IOException {
    return derive(spec, check, outputDir, output, true);
  }

  /** The run of {@code lattice derive}, and of {@code lattice validate} (no output directory, no -o). */
  int derive(CommandSpec spec, CheckOptions check, Path outputDir, OutputFormat output) throws IOException {
    return derive(spec, check, outputDir, output, false);
  }

  /**
   * @param warnDeprecated whether services written in a deprecated version get a warning: lattice derive says so;
   *     lattice validate (often run with --strict in CI) does not, so a deprecation never fails a build
   */
  int derive(CommandSpec spec, CheckOptions check, Path outputDir, OutputFormat output, boolean warnDeprecated)
      throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Terminal terminal = LatticeCli.terminal(spec);
    phase(stderr, "start");
    ReportStyle style = new ReportStyle(check.summary, terminal.colour(output != null));
    // The last run's record: a re-run over an unchanged fleet prints its report; any run trusts its output stats.
    Optional<RunRecord.Contents> last = Optional.empty();
    Optional<Map<String, RunRecord.Input>> inputsAtStart = Optional.empty();
    String replayKey = null;
    long statClock = 0;
    if (outputDir != null && noCache) {
      RunRecord.delete(outputDir);
    } else if (outputDir != null) {
      last = RunRecord.read(outputDir, note -> warn(stderr, note));
      replayKey = output == null ? RunReplay.key(check, outputDir, style.colour(), warnDeprecated) : null;
      if (replayKey != null && last.isPresent()) {
        var replayed = RunReplay.replay(last.get(), replayKey, check, outputDir, stdout, stderr, timings);
        if (replayed.isPresent()) {
          phase(stderr, "replay");
          return replayed.getAsInt();
        }
      }
      statClock = System.currentTimeMillis(); // before the stats, as the read cache's clock must be
      inputsAtStart = RunRecord.inputsNow(check.paths); // before reading: a later edit changes the stats
      RunRecord.delete(outputDir); // a run that stops half-way leaves no record
    }
    // The read cache lives beside the derivation cache, so it has the same switches (--output-dir, --no-cache). A
    // first run into an empty directory records it too: in Smile that cost a cold run no measurable CPU, and it
    // halved the first changed run after it (BENCHMARKS.md), which a replay in between does not record.
    ReadCache readCache = outputDir == null || noCache ? null
        : ReadCache.open(outputDir, Build.identity(), warnDeprecated, warning -> warn(stderr, warning));
    if (readCache != null && inputsAtStart.isPresent()) {
      // Each input stat-ed once per run: the record's stats, taken before any input was read, serve the read cache.
      Map<String, RunRecord.Input> inputs = inputsAtStart.get();
      readCache.statsTaken(statClock, name -> {
        RunRecord.Input input = inputs.get(name);
        return input == null ? null : input.stat();
      });
    }
    DeriveCaching.Opening opening = outputDir == null || noCache ? null : DeriveCaching.start(outputDir);
    ReadResult read = new ManifestReader(warnDeprecated).read(check.paths, readCache);
    phase(stderr, "read");
    // The policies (Cedar) load while the fleet and its graph are built: neither reads the other.
    var loading = dev.lattice.cli.Background.start("lattice-policies", () -> Platform.of(read));
    Fleet fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    Fleet meshFleet = withPackages(fleet, read.packages());
    Platform platform = dev.lattice.cli.Background.join(loading);
    Engine engine = new Engine(platform.settings(), platform.authorizer()).on(check.today());
    phase(stderr, "policies");
    Map<Object, SourcedService> sources = new java.util.HashMap<>(); // read-only once the services derive
    read.services().forEach(s -> sources.put(s.input().intent().ref(), s));

    ServiceSelection selection = ServiceSelection.resolve(check.services, fleet);
    if (!selection.problems().isEmpty()) {
      // A file that could not be read may be why the service is missing: show both.
      read.errors().forEach(e -> stderr.println("error   " + e));
      selection.problems().forEach(p -> stderr.println("error   " + p));
      stderr.flush();
      return ExitCodes.INPUT_ERROR;
    }
    List<ServiceInput> selected = fleet.services().stream()
        .filter(input -> selection.includes(input.intent().ref())).toList();
    Progress progress = new Progress(stderr, selected.size(), terminal.stderrIsTty(), System::nanoTime);
    OutputWriter writer = outputDir == null ? null : new OutputWriter(outputDir);
    if (writer != null) {
      last.ifPresent(record -> writer.trust(record.outputs()));
    }
    // With -o the objects are printed, so every service is derived; the files are still compared and the cache kept.
    DeriveCaching caching = writer == null || noCache ? null
        : DeriveCaching.open(opening, read, fleet, check.today(), warning -> warn(stderr, warning));
    boolean useHits = caching != null && output == null;
    java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    // Services derive independently against the same immutable fleet: use every core, keep the order.
    List<Derivation> derivations = selected.parallelStream()
        .map(input -> {
          Derivation derivation = useHits ? caching.cached(writer, input.intent().ref()) : null;
          if (derivation != null) {
            hits.increment();
          } else {
            derivation = engine.derive(input, meshFleet);
            if (writer != null) {
              DeriveCaching.written(caching, writer, derivation);
            }
          }
          // Work out the lines the report will print here, on every core: finding a line re-parses the file.
          SourcedService source = sources.get(derivation.ref());
          derivation.diagnostics().forEach(d -> source.locator().lineOf(d.fieldPath()));
          progress.step();
          return output == null ? identitiesOnly(derivation) : derivation;
        })
        .toList();
    List<ServiceOutcome> outcomes = new ArrayList<>();
    for (Derivation derivation : derivations) {
      outcomes.add(new ServiceOutcome(sources.get(derivation.ref()), derivation));
    }
    progress.done();
    if (writer != null) {
      writeGateways(writer, fleet, selected, outcomes, platform.settings());
    }
    if (caching != null) {
      caching.save(fleet, selection::includes, warning -> warn(stderr, warning));
    }
    if (readCache != null) {
      try {
        readCache.save(); // after the derivation cache, which makes the folder once a file is written
      } catch (IOException | RuntimeException e) {
        warn(stderr, "cannot write the read cache: " + e.getMessage() + "; the next run parses every file.");
      }
    }
    phase(stderr, "derive");
    if (timings && writer != null) {
      stderr.printf("files      %s%n", writer.counts());
      stderr.printf("cache      %d hits, %d derived%n", hits.sum(), selected.size() - hits.sum());
      if (readCache != null) {
        stderr.printf("read cache %s%n", readCache.counts());
      }
    }
    if (timings) {
      var cache = platform.authorizer().cache();
      stderr.printf("cedar      %d evaluations, %d hits, %d misses%n", cache.evaluations(), cache.hits(),
          cache.misses());
    }
    outcomes.sort(Comparator.comparing(o -> o.derivation().ref()));
    List<PackageStep.Outcome> packages = PackageStep.derive(read.packages(), platform, meshFleet);
    if (outputDir != null) {
      PackageStep.write(packages, outputDir);
    }
    DeriveRun run = new DeriveRun(outcomes, platform.policies().summaries(), read.skipped(), read.errors(),
        check.strict, dev.lattice.cli.report.RunWarnings.of(read, outcomes));

    PrintWriter reportOut = output == null ? stdout : stderr;
    if (output != null) {
      printManifests(outcomes, PackageStep.objects(packages), output, stdout, fleet, platform.settings());
    }
    java.io.StringWriter report = new java.io.StringWriter(); // kept in the run record for a replay
    PrintWriter reportInto = new PrintWriter(report);
    var cost = dev.lattice.cli.report.CostReport.of(outcomes, platform.settings().cost(), read.providers().teams(),
        !read.platformSettings().isEmpty());
    switch (check.report) {
      case json -> JsonReport.print(run, style, cost, reportInto);
      case github -> GithubReport.print(run, style, reportInto);
      case text -> {
        TextReport.print(run, Optional.ofNullable(outputDir).map(Path::toString), style, reportInto);
        cost.print(reportInto);
        PackageStep.print(packages, reportInto);
      }
    }
    reportInto.flush();
    reportOut.print(report);
    reportOut.flush();
    phase(stderr, "report");
    int exitCode = run.exitCode() == ExitCodes.OK && PackageStep.failed(packages) ? ExitCodes.SERVICE_FAILED
        : run.exitCode();
    if (writer != null && !noCache) {
      // Packages are written outside the writer (not vouched for by it): such runs only record output stats.
      long files = outcomes.stream().filter(o -> o.derivation() instanceof Derivation.Derived).count();
      RunReplay.record(outputDir, writer, last, inputsAtStart, packages.isEmpty() ? replayKey : null, exitCode,
          report.toString(), selected.size(), (int) files, stderr);
    }
    return exitCode;
  }

  /**
   * The services' fleet with each package's mesh section as a node, so that consent between a service and a
   * package is two-sided here as in the operator. A package never replaces a service of the same name.
   */
  private static Fleet withPackages(Fleet fleet, List<dev.lattice.cli.io.SourcedPackage> packages) {
    return dev.lattice.engine.packages.PackageHatch.withNodes(
        fleet, packages.stream().map(dev.lattice.cli.io.SourcedPackage::intent).toList());
  }

  private static void warn(PrintWriter stderr, String message) {
    stderr.println("warning " + message);
    stderr.flush();
  }

  /**
   * Writes the shared Gateway of every namespace a selected service lives in: from the services that derived now,
   * and those not selected whose file is there from an earlier run.
   */
  private static void writeGateways(OutputWriter writer, Fleet fleet, List<ServiceInput> selected,
      List<ServiceOutcome> outcomes, dev.lattice.engine.PlatformSettings settings) throws IOException {
    java.util.Set<ServiceRef> derivedNow = new java.util.HashSet<>();
    java.util.Set<ServiceRef> selectedRefs = new java.util.HashSet<>();
    outcomes.forEach(o -> {
      selectedRefs.add(o.derivation().ref());
      if (o.derivation() instanceof Derivation.Derived) {
        derivedNow.add(o.derivation().ref());
      }
    });
    java.util.SortedSet<String> namespaces = new java.util.TreeSet<>();
    selected.forEach(i -> namespaces.add(i.intent().ref().namespace()));
    java.util.function.Predicate<ServiceRef> derived = ref -> {
      try {
        return selectedRefs.contains(ref) ? derivedNow.contains(ref) : writer.exists(ref);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    var gateways = dev.lattice.cli.io.SharedGateways.of(fleet, namespaces, derived, settings);
    for (var gateway : gateways.entrySet()) {
      writer.writeShared(gateway.getKey(), gateway.getValue());
    }
    for (var waypoint : dev.lattice.cli.io.SharedGateways.waypoints(fleet, namespaces, derived).entrySet()) {
      writer.writeShared(waypoint.getKey(), dev.lattice.engine.mesh.Waypoint.NAME + ".gateway.yaml",
          waypoint.getValue());
    }
  }

  private static void printManifests(List<ServiceOutcome> outcomes, List<HasMetadata> packages,
      OutputFormat output, PrintWriter stdout, Fleet fleet, dev.lattice.engine.PlatformSettings settings) {
    List<HasMetadata> all = new ArrayList<>();
    java.util.Set<ServiceRef> derived = new java.util.HashSet<>();
    java.util.SortedSet<String> namespaces = new java.util.TreeSet<>();
    outcomes.stream().map(ServiceOutcome::derivation).filter(Derivation.Derived.class::isInstance).forEach(d -> {
      derived.add(d.ref());
      namespaces.add(d.ref().namespace());
    });
    // Each namespace's shared Gateway once, whole, before the services' own objects.
    dev.lattice.cli.io.SharedGateways.of(fleet, namespaces, derived::contains, settings).values()
        .forEach(g -> g.ifPresent(all::add));
    dev.lattice.cli.io.SharedGateways.waypoints(fleet, namespaces, derived::contains).values()
        .forEach(g -> g.ifPresent(all::add));
    outcomes.stream().map(ServiceOutcome::derivation).filter(Derivation.Derived.class::isInstance)
        .forEach(d -> all.addAll(dev.lattice.cli.io.SharedGateways.withoutParts(((Derivation.Derived) d)
            .resources())));
    all.addAll(packages);
    if (output == OutputFormat.yaml) {
      // No service derived: an empty stream (zero documents), which kubectl and yq read as nothing to apply.
      stdout.print(all.isEmpty() ? "" : Manifests.yaml(all));
    } else {
      var list = Manifests.jsonMapper().createObjectNode();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      var items = list.putArray("items");
      all.forEach(o -> items.add(Manifests.tree(o)));
      stdout.println(list.toPrettyString());
    }
    stdout.flush();
  }

  /**
   * The derivation with each object reduced to what the reports show of it (apiVersion, kind, namespace, name).
   * Once written, the full objects are garbage; holding 10,000 services' worth until the report made every
   * collection copy them.
   */
  private static Derivation identitiesOnly(Derivation derivation) {
    if (!(derivation instanceof Derivation.Derived derived)) {
      return derivation;
    }
    List<HasMetadata> identities = new ArrayList<>(derived.resources().size());
    for (HasMetadata object : derived.resources()) {
      ObjectMeta meta = new ObjectMeta();
      meta.setNamespace(object.getMetadata().getNamespace());
      meta.setName(object.getMetadata().getName());
      GenericKubernetesResource identity = new GenericKubernetesResource();
      identity.setApiVersion(object.getApiVersion());
      identity.setKind(object.getKind());
      identity.setMetadata(meta);
      identities.add(identity);
    }
    return new Derivation.Derived(derived.ref(), identities, derived.diagnostics(), derived.status());
  }
}
