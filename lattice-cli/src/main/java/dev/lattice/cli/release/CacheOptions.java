package dev.lattice.cli.release;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cache-dir} and {@code --no-cache} of {@code lattice diff} and {@code lattice snapshot}. */
public final class CacheOptions {
  @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "${env:LATTICE_CACHE_DIR}",
      description = "Keep each service's derived record in DIR, keyed by everything its derivation reads (its "
          + "spec, the specs it reads, settings, policies, the Lattice build): a service whose key is there is "
          + "not derived again, both sides of a diff share it, and a repeated diff or snapshot derives only what "
          + "changed. DIR holds what the last run used (older entries are removed); a damaged entry is "
          + "derived again. Default: $LATTICE_CACHE_DIR, else no cache.")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Derive every service, without reading or writing --cache-dir.")
  boolean noCache;

  /** The cache to use, if any; a directory that cannot serve is reported to {@code err} and not used. */
  Optional<RecordCache> open(PrintWriter err) {
    if (noCache || cacheDir == null || cacheDir.toString().isBlank()) {
      return Optional.empty();
    }
    Optional<RecordCache> cache = RecordCache.open(cacheDir, warning -> warn(err, warning));
    err.flush();
    return cache;
  }

  /** Prints the hits/derived line and prunes the cache. */
  static void finish(Optional<RecordCache> cache, PrintWriter err) {
    cache.ifPresent(c -> {
      c.close();
      err.println(c.summary());
      err.flush();
    });
  }

  static void warn(PrintWriter err, String warning) {
    synchronized (err) {
      err.println("warning " + warning);
    }
  }
}
