package dev.lattice.cli.release;

import dev.lattice.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice snapshot}: what this Lattice derives for a fleet, kept for the next release's diff. */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write every service's derived objects, status and accesses to a snapshot file.",
      "The file (gzip, one JSON line per service in namespace/name order after a header naming the format, the "
          + "Lattice version and a digest of the platform settings) is what `lattice diff --baseline` compares "
          + "the next version against. The same fleet always gives the same bytes."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice snapshot examples/ --out before.snapshot",
      "  lattice diff --baseline before.snapshot examples/   # after upgrading",
      "  lattice snapshot --cache-dir .lattice-cache services/ --out main.snapshot",
      "",
      "Exit status: 0 written (failed services are recorded as failed), 2 input",
      "could not be read."
    })
public final class SnapshotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "The snapshot file to write.")
  Path out;

  @Mixin CacheOptions caching;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to read.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Inputs inputs = Inputs.read(paths);
    if (inputs.reportErrors(err)) {
      err.println("error   nothing written: a snapshot of half-read input would hide the services that failed to "
          + "read. Fix the input above and run again.");
      err.flush();
      return ExitCodes.INPUT_ERROR;
    }
    int services;
    var cache = caching.open(err);
    try (DerivedFleet fleet = inputs.derived(cache)) {
      services = Snapshots.write(fleet, out);
    } finally {
      CacheOptions.finish(cache, err);
    }
    err.println("Wrote " + services + " services to " + out + " (" + Files.size(out) / 1024 + " KiB).");
    err.flush();
    return ExitCodes.OK;
  }
}
