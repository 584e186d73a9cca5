package dev.lattice.cli.command;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.RawDocuments;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.dashboard.FleetReport;
import dev.lattice.dashboard.ReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice report}: the fleet report for a fleet in git, the same model and page as the operator's. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Report on the fleet in PATH: API versions by team, escape hatches, pending consent and field usage.",
      "Services per API version by team (the teams still on a deprecated version first, with the lattice migrate "
          + "command), escape hatches (owner, reason, expiry, expired first, their share against the 30% line), "
          + "the one-sided declarations waiting for consent, and the share of services using each spec field "
          + "(under 10% flagged).",
      "Teams come from the label lattice.dev/team of Namespace documents in PATH, else the namespace name. "
          + "Time to Ready, first-try success, time to resolve and autonomy need the operator's records: they are "
          + "on /dashboard of the live fleet."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice report services/",
      "  lattice report --html fleet.html services/    # one page, works offline",
      "  lattice report --format json services/ | jq '.deprecation.migrations'",
      "",
      "Exit status: 0 read everything, 2 some input could not be read (on stderr;",
      "the report covers the rest)."
    })
public final class ReportCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format { text, json }

  @Spec CommandSpec spec;

  @Option(names = {"--format", "-o"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write the report as one self-contained HTML page (charts, sortable tables, links).")
  Path html;

  @Option(names = "--today", paramLabel = "DATE",
      description = "Count expiry to this date (YYYY-MM-DD) instead of today's (UTC); for reproducible reports.")
  LocalDate today;

  @Option(names = "--timings", hidden = true, description = "Print the time of each phase to stderr.")
  boolean timings;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

  private long phaseStart = System.nanoTime();

  /** As lattice derive --timings: the report's phases, so BENCHMARKS can time the report apart from reading. */
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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReadResult read = new ManifestReader().read(paths);
    List<RawDocuments.RawDocument> documents = RawDocuments.read(paths);
    phase(err, "read");
    LocalDate day = today != null ? today : LocalDate.now(ZoneOffset.UTC);
    List<InputError> errors = read.errors().stream().filter(e -> !hatchKindError(e)).toList();
    var inputs = ReportInputs.of(read, documents, day);
    phase(err, "inputs");
    FleetReport report = FleetReport.build(inputs);
    phase(err, "report");
    String text = format == Format.json ? ReportRenderer.json(report) : ReportRenderer.text(report);
    phase(err, format.name());
    String page = html == null ? null : ReportRenderer.html(report);
    phase(err, "html");
    out.print(text);
    if (page != null) {
      write(html, page);
      err.println("wrote " + html);
    }
    errors.forEach(e -> err.println("error   " + e));
    out.flush();
    err.flush();
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
  }

  /**
   * An escape-hatch kind this build does not serve yet is an input error for derive, but the report reads its
   * governance fields generically, so it is not one here.
   */
  private static boolean hatchKindError(InputError e) {
    return ReportInputs.HATCH_KINDS.stream().anyMatch(k -> e.message().startsWith("kind " + k + " is not served"));
  }

  /** Written beside the target and moved over it: a reader never sees half a page. */
  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Not createTempFile: its owner-only mode would stay on the page, which is meant to be shared.
    Path temp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
