package dev.lattice.cli.command;

import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.OutputWriter;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.cli.report.DeriveRun;
import dev.lattice.cli.report.JsonReport;
import dev.lattice.cli.report.ServiceOutcome;
import dev.lattice.cli.report.TextReport;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice derive}: the engine on files, no cluster needed. */
@Command(
    name = "derive",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Derive every Kubernetes object the LatticeServices in PATH need, and report each service's status.",
      "PATH is a file or a directory (searched recursively for *.yaml, *.yml and *.json; several documents per",
      "file; each file is read once, however the paths overlap).",
      "CedarPolicies (namespace lattice-system) in PATH decide what services may access: without a permit,",
      "secrets, external endpoints, security overrides and unpinned images are denied. The ConfigMap",
      "lattice-system/lattice-platform names the platform contact that denials point to (data.contact).",
      "Other kinds (Namespace, RBAC, ...) are skipped with a note."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice derive examples/commerce                  # report only",
      "  lattice derive --output-dir out examples/commerce # out/<namespace>/<name>.yaml",
      "  lattice derive --report json services/ | jq .services",
      "  lattice derive -o yaml payments.yaml | kubectl diff -f -",
      "",
      "Exit status:",
      "  0  every service was derived",
      "  1  a service failed (the report says why and how to fix it)",
      "  2  input could not be read (including a misspelt kind such as LaticeService), or the command line is wrong",
      "  3  internal error (a bug in Lattice)"
    })
public final class DeriveCommand implements Callable<Integer> {
  /** How the report is printed. */
  public enum ReportFormat { text, json }

  /** How derived manifests are printed to stdout. */
  public enum OutputFormat { yaml, json }

  @Spec CommandSpec spec;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Write the objects of each derived service to DIR/<namespace>/<name>.yaml.")
  Path outputDir;

  @Option(names = "--report", paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportFormat report;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print the derived objects to stdout as ${COMPLETION-CANDIDATES}; the report then goes to "
          + "stderr, so the two never mix.")
  OutputFormat output;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

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
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    phase(stderr, "start");
    ReadResult read = new ManifestReader().read(paths);
    phase(stderr, "read");
    Fleet fleet = Fleet.of(read.services().stream().map(SourcedService::input).toList());
    Platform platform = Platform.of(read);
    Engine engine = new Engine(platform.settings(), platform.authorizer());
    phase(stderr, "policies");
    Map<Object, SourcedService> sources = new java.util.HashMap<>(); // read-only once the services derive
    read.services().forEach(s -> sources.put(s.input().intent().ref(), s));

    Progress progress = new Progress(stderr, fleet.size());
    OutputWriter writer = outputDir == null ? null : new OutputWriter(outputDir);
    // Services derive independently against the same immutable fleet: use every core, keep the order.
    List<Derivation> derivations = fleet.services().parallelStream()
        .map(input -> {
          Derivation derivation = engine.derive(input, fleet);
          if (writer != null) {
            writer.writeUnchecked(derivation);
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
    phase(stderr, "derive");
    if (timings) {
      var cache = platform.authorizer().cache();
      stderr.printf("cedar      %d evaluations, %d hits, %d misses%n", cache.evaluations(), cache.hits(),
          cache.misses());
    }
    outcomes.sort(Comparator.comparing(o -> o.derivation().ref()));
    DeriveRun run = new DeriveRun(outcomes, platform.policies().summaries(), read.skipped(), read.errors());

    PrintWriter reportOut = output == null ? stdout : stderr;
    if (output != null) {
      printManifests(outcomes, stdout);
    }
    if (report == ReportFormat.json) {
      JsonReport.print(run, reportOut);
    } else {
      TextReport.print(run, Optional.ofNullable(outputDir).map(Path::toString), reportOut);
    }
    phase(stderr, "report");
    return run.exitCode();
  }

  private void printManifests(List<ServiceOutcome> outcomes, PrintWriter stdout) {
    List<HasMetadata> all = new ArrayList<>();
    outcomes.stream().map(ServiceOutcome::derivation).filter(Derivation.Derived.class::isInstance)
        .forEach(d -> all.addAll(((Derivation.Derived) d).resources()));
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

  /** "derived 1200/10000" on stderr, only on a terminal and only when the run is long enough to need it. */
  private static final class Progress {
    private final PrintWriter err;
    private final int total;
    private final boolean enabled;
    private int done;

    Progress(PrintWriter err, int total) {
      this.err = err;
      this.total = total;
      this.enabled = System.console() != null && total >= 500;
    }

    synchronized void step() {
      done++;
      if (enabled && done % 250 == 0) {
        err.print("\rderived " + done + "/" + total);
        err.flush();
      }
    }

    synchronized void done() {
      if (enabled) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }

}
