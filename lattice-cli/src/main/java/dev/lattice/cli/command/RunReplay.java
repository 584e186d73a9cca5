package dev.lattice.cli.command;

import dev.lattice.cli.cache.Build;
import dev.lattice.cli.cache.Digest;
import dev.lattice.cli.cache.RunRecord;
import dev.lattice.cli.io.OutputWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The re-run of {@code lattice derive --output-dir} over an unchanged fleet: when the {@link RunRecord} of the last
 * run into the directory still holds (same build, options, date and working directory; every input and output file
 * with its recorded stat), a run would read the same inputs, derive the same objects, find every file holding them
 * and print the same report, so the report is printed from the record and nothing is read, derived or written.
 */
final class RunReplay {
  private RunReplay() {}

  /** Everything besides the files that a run's report and files depend on. */
  static String key(CheckOptions check, Path outputDir, boolean colour, boolean warnDeprecated) {
    Digest digest = Digest.start().add("lattice-replay/1").add(Build.identity())
        .add(System.getProperty("user.dir", "")).add(java.util.Locale.getDefault().toLanguageTag())
        .add(outputDir.toString()).add(check.report.name()).add(check.summary ? 1 : 0).add(check.strict ? 1 : 0)
        .add(colour ? 1 : 0).add(warnDeprecated ? 1 : 0).add(check.today().toString());
    digest.add(check.services.size());
    check.services.forEach(digest::add);
    digest.add(check.paths.size());
    for (Path path : check.paths) {
      digest.add(path.toString()).add(real(path));
    }
    return digest.hex();
  }

  private static String real(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Prints the last run's report and returns its exit status when the record holds; empty when the run must derive.
   * A record whose unsettled output files were found holding their bytes is written back as settled.
   */
  static OptionalInt replay(RunRecord.Contents record, String key, CheckOptions check, Path outputDir,
      PrintWriter report, PrintWriter stderr, boolean timings) throws IOException {
    Optional<RunRecord.Contents> holds = RunRecord.stillHolds(record, key, check.paths, outputDir);
    if (holds.isEmpty()) {
      return OptionalInt.empty();
    }
    if (holds.get() != record) {
      try {
        RunRecord.write(outputDir, holds.get());
      } catch (IOException e) {
        // The next run checks those files by their bytes again.
      }
    }
    long checked = record.outputs().values().stream().filter(o -> o.digest() != null && !o.settled()).count();
    report.print(record.report());
    report.flush();
    if (timings) {
      stderr.printf("files      0 written, %d unchanged, 0 removed%n", record.serviceFiles());
      stderr.printf("cache      %d hits, 0 derived%n", record.selected());
      stderr.printf("replay     nothing changed since the last run: %d input and %d output files as recorded (%d "
          + "read to check their bytes)%n", record.inputs().size(), record.outputs().size(), checked);
      stderr.flush();
    }
    return OptionalInt.of(record.exitCode());
  }

  /**
   * Records the run for the next one: the inputs as found at the start, every file now in the directory (those the
   * writer wrote or checked with their digest), the report and the exit status. Nothing is recorded when a file
   * the writer left was changed by someone else since, or the directory cannot be listed.
   *
   * @param key null when the run cannot be replayed; the record then only vouches for output files
   */
  static void record(Path outputDir, OutputWriter writer, Optional<RunRecord.Contents> last,
      Optional<Map<String, RunRecord.Input>> inputs, String key, int exitCode, String report, int selected,
      int serviceFiles, PrintWriter stderr) {
    try {
      Optional<Map<String, dev.lattice.cli.cache.FileStat>> now = RunRecord.outputsNow(outputDir);
      if (now.isEmpty()) {
        return;
      }
      Map<String, RunRecord.Output> known = writer.known();
      Map<String, RunRecord.Output> previous = last.map(RunRecord.Contents::outputs).orElse(Map.of());
      Map<String, RunRecord.Output> outputs = new TreeMap<>();
      for (var file : now.get().entrySet()) {
        RunRecord.Output mine = known.get(file.getKey());
        RunRecord.Output before = previous.get(file.getKey());
        if (mine != null) {
          if (!mine.stat().equals(file.getValue())) {
            return; // changed by someone else since this run wrote or checked it
          }
          outputs.put(file.getKey(), mine);
        } else if (before != null && before.stat().equals(file.getValue())) {
          outputs.put(file.getKey(), before); // not touched in this run (a service not selected)
        } else {
          outputs.put(file.getKey(), new RunRecord.Output(file.getValue(), null, false));
        }
      }
      RunRecord.write(outputDir, new RunRecord.Contents(inputs.isPresent() ? key : null, exitCode, report, selected,
          serviceFiles, inputs.orElse(Map.of()), outputs));
    } catch (IOException | RuntimeException e) {
      stderr.println("warning cannot write the run record: " + e.getMessage() + "; the next run checks every file.");
      stderr.flush();
    }
  }
}
