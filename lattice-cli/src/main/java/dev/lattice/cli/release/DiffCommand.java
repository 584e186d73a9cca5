package dev.lattice.cli.release;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice diff}: what changes in the derived fleet, grouped so a reviewer reads patterns, not services. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show what a release, a policy change or a spec change does to every derived object.",
      "Give one of --baseline (a snapshot of an earlier version against this one, same specs), --policies "
          + "(proposed CedarPolicies against today's), --specs (two versions of a fleet's specs) or --snapshots "
          + "(two snapshot files). The report lists services that change phase or gain or lose an access first, "
          + "then the changes grouped by object kind, field path and kind of change, then each changed object's "
          + "unified diff. Key and list order, Kubernetes defaults and hash annotations that only echo another "
          + "change are not changes.",
      "--check holds every change to release/expected-changes.yaml: a change no declaration covers, or a "
          + "declaration that matched nothing, fails with exit status 1."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice diff --baseline release/baseline/examples.snapshot examples/",
      "  lattice diff --check --baseline old.snapshot services/   # release gate",
      "  lattice diff --policies proposed/ services/ -o html > policy-diff.html",
      "  lattice diff --specs main-checkout/services pr-checkout/services",
      "  lattice diff --snapshots v0.1.snapshot v0.2.snapshot -o json | jq .groups",
      "  lattice diff --cache-dir ~/.cache/lattice --specs main/services pr/services",
      "",
      "Exit status:",
      "  0  compared (whatever changed); under --check, every change is declared",
      "  1  under --check: a change is not declared or a declaration matched nothing",
      "  2  input, a snapshot or the declarations could not be read, or the command",
      "     line is wrong",
      "  3  internal error (a bug in Lattice)"
    })
public final class DiffCommand implements Callable<Integer> {
  /** Report formats. */
  public enum Format { text, json, html }

  @Spec CommandSpec spec;

  @Option(names = "--baseline", paramLabel = "FILE",
      description = "A snapshot of an earlier Lattice version; PATH is derived with this one.")
  Path baseline;

  @Option(names = "--policies", paramLabel = "DIR",
      description = "Proposed CedarPolicies (files or directories); they replace the ones in PATH.")
  List<Path> policies;

  @Option(names = "--specs", arity = "2", paramLabel = "DIR",
      description = "OLD NEW: two versions of the specs, e.g. two checkouts.")
  List<Path> specs;

  @Option(names = "--snapshots", arity = "2", paramLabel = "FILE",
      description = "OLD NEW: two snapshot files.")
  List<Path> snapshots;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). html is one "
          + "self-contained file.")
  Format output;

  @Option(names = "--check", description = "Fail (exit status 1) unless the declarations explain every change.")
  boolean check;

  @Option(names = "--expected", paramLabel = "FILE", defaultValue = "release/expected-changes.yaml",
      description = "The declared changes for --check (default: ${DEFAULT-VALUE}).")
  Path expected;

  @Option(names = "--changelog", paramLabel = "FILE",
      description = "Where each declaration's changelog line must be (default: CHANGELOG.md beside the folder "
          + "of --expected).")
  Path changelog;

  @Option(names = "--brief", description = "Text report without the per-service diffs.")
  boolean brief;

  @Mixin CacheOptions caching;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Services (and today's CedarPolicies) for --baseline and --policies.")
  List<Path> paths = new ArrayList<>();

  /** PATH, read once for both sides of --policies. */
  private Inputs current;
  /** Shared by both sides: a service derived alike on both is derived once. */
  private java.util.Optional<RecordCache> cache = java.util.Optional.empty();

  private Inputs current() throws IOException {
    if (current == null) {
      current = Inputs.read(paths);
    }
    return current;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String usage = usageProblem();
    if (usage != null) {
      err.println("lattice diff: " + usage);
      err.flush();
      return ExitCodes.INPUT_ERROR;
    }
    boolean derives = baseline != null || policies != null || specs != null;
    cache = derives ? caching.open(err) : java.util.Optional.empty();
    try {
      Expectations expectations = check ? Expectations.read(expected, changelogFile()) : Expectations.none();
      try (ServiceStream before = before(err); ServiceStream after = after(err)) {
        if (before == null || after == null) {
          return ExitCodes.INPUT_ERROR;
        }
        int alike = 0;
        if (before instanceof DerivedFleet b && after instanceof DerivedFleet a) {
          // Equal keys, equal records: neither side reads, derives or compares them (the head side still derives
          // one whose entry is missing, so that a snapshot of it finds the cache warm).
          var same = b.alikeWith(a);
          b.without(same, false);
          a.without(same, true);
          alike = same.size();
        }
        try (DiffResult result = FleetDiff.run(before, after, expectations, check, alike)) {
          switch (output) {
            case json -> DiffReports.json(result, out);
            case html -> HtmlReport.write(result, expected.toString(), out);
            case text -> DiffReports.text(result, expected.toString(), brief, out);
          }
          if (output != Format.text && check && !result.explained()) {
            DiffReports.check(result, expected.toString(), err);
          }
          return check && !result.explained() ? ExitCodes.SERVICE_FAILED : ExitCodes.OK;
        }
      }
    } catch (Snapshots.SnapshotException | Expectations.ExpectationsException e) {
      err.println("error   " + e.getMessage());
      err.flush();
      return ExitCodes.INPUT_ERROR;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof Snapshots.SnapshotException bad) {
        err.println("error   " + bad.getMessage());
        err.flush();
        return ExitCodes.INPUT_ERROR;
      }
      throw e;
    } finally {
      CacheOptions.finish(cache, err);
    }
  }

  private String usageProblem() {
    int modes = (baseline != null ? 1 : 0) + (policies != null ? 1 : 0) + (specs != null ? 1 : 0)
        + (snapshots != null ? 1 : 0);
    if (modes != 1) {
      return "give exactly one of --baseline FILE, --policies DIR, --specs OLD NEW or --snapshots OLD NEW "
          + "(see lattice diff --help).";
    }
    boolean needsPaths = baseline != null || policies != null;
    if (needsPaths && paths.isEmpty()) {
      return "--baseline and --policies compare the services in PATH: give at least one PATH.";
    }
    if (!needsPaths && !paths.isEmpty()) {
      return "--specs and --snapshots take both sides as their two values; PATH " + paths.get(0)
          + " is not used. Fix: drop it.";
    }
    if (policies != null) {
      for (Path p : policies) {
        if (!Files.exists(p)) {
          return "--policies " + p + ": no such file or directory, so there are no proposed CedarPolicies to "
              + "compare. Fix: give the file or folder that holds them.";
        }
      }
    }
    return null;
  }

  private Path changelogFile() {
    if (changelog != null) {
      return changelog;
    }
    Path folder = expected.toAbsolutePath().getParent();
    Path root = folder == null || folder.getParent() == null ? folder : folder.getParent();
    return root == null ? Path.of("CHANGELOG.md") : root.resolve("CHANGELOG.md");
  }

  private ServiceStream before(PrintWriter err) throws IOException {
    if (baseline != null) {
      return Snapshots.read(baseline);
    }
    if (snapshots != null) {
      return Snapshots.read(snapshots.get(0));
    }
    Inputs inputs = specs != null ? Inputs.read(List.of(specs.get(0))) : current();
    return inputs.reportErrors(err) ? null : inputs.derived(cache);
  }

  private ServiceStream after(PrintWriter err) throws IOException {
    if (snapshots != null) {
      return Snapshots.read(snapshots.get(1));
    }
    if (specs != null) {
      Inputs inputs = Inputs.read(List.of(specs.get(1)));
      return inputs.reportErrors(err) ? null : inputs.derived(cache);
    }
    Inputs inputs = current();
    if (baseline != null) {
      return inputs.reportErrors(err) ? null : inputs.derived(cache);
    }
    ReadResult proposed = new ManifestReader().read(policies);
    if (!proposed.errors().isEmpty()) {
      proposed.errors().forEach(e -> err.println("error   " + e));
      err.flush();
      return null;
    }
    CedarAuthorizer authorizer = new CedarAuthorizer(PolicyLibrary.load(proposed.policies()),
        inputs.platform().authorizer().cache());
    DerivedFleet derived = new DerivedFleet(inputs.fleet(), inputs.platform().settings(), authorizer,
        inputs.read().packages());
    return cache.map(c -> derived.cached(c, inputs.read(), proposed.policies())).orElse(derived);
  }
}
