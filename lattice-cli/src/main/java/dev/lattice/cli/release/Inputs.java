package dev.lattice.cli.release;

import dev.lattice.cli.io.ManifestReader;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedService;
import dev.lattice.engine.Fleet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Spec paths read for a snapshot or a diff: the fleet and its platform, or the errors that stop the run. */
record Inputs(ReadResult read, Fleet fleet, Platform platform) {
  static Inputs read(List<Path> paths) throws IOException {
    ReadResult read = new ManifestReader().read(paths);
    return new Inputs(read, Fleet.of(read.services().stream().map(SourcedService::input).toList()),
        Platform.of(read));
  }

  /** Prints the input errors; true when there were any (a diff of half-read input would mislead). */
  boolean reportErrors(PrintWriter err) {
    read.errors().forEach(e -> err.println("error   " + e));
    err.flush();
    return !read.errors().isEmpty();
  }

  DerivedFleet derived() {
    return new DerivedFleet(fleet, platform.settings(), platform.authorizer(), read.packages());
  }

  /** Derived, its services' records taken from and kept in {@code cache} when there is one. */
  DerivedFleet derived(java.util.Optional<RecordCache> cache) {
    DerivedFleet derived = derived();
    return cache.map(c -> derived.cached(c, read, read.policies())).orElse(derived);
  }
}
