package dev.lattice.cli.cache;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.io.OutputWriter;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The derivation cache as a run of {@code lattice derive --output-dir} uses it: the cache of the output directory and
 * each service's key, a hit checked against the file on disk, a derivation recorded once written, and the save.
 */
public final class DeriveCaching {
  private final DerivationCache cache;
  private final Map<ServiceRef, String> keys;

  private DeriveCaching(DerivationCache cache, Map<ServiceRef, String> keys) {
    this.cache = cache;
    this.keys = keys;
  }

  /**
   * The cache of a directory being read on a thread of its own while the run reads its inputs (the two do not
   * depend on each other); its warnings are held until {@link #open}, so they come out in the same place every run.
   */
  public record Opening(CompletableFuture<DerivationCache> cache, List<String> warnings) {}

  /** Starts reading the cache of {@code outputDir}. */
  public static Opening start(Path outputDir) {
    List<String> warnings = new CopyOnWriteArrayList<>();
    return new Opening(dev.lattice.cli.Background.start("lattice-derive-cache",
        () -> DerivationCache.open(outputDir, warnings::add)), warnings);
  }

  /** The cache {@code opening} read and the key of every service of {@code fleet}; warnings go to {@code warn}. */
  public static DeriveCaching open(Opening opening, ReadResult read, Fleet fleet, LocalDate date,
      Consumer<String> warn) {
    DerivationCache cache = dev.lattice.cli.Background.join(opening.cache());
    opening.warnings().forEach(warn);
    Map<ServiceRef, String> keys = ServiceKeys.ofRun(read, fleet, ServiceKeys.runGlobal(read, read.policies()).hex(),
        date);
    return new DeriveCaching(cache, keys);
  }

  /** The cache of this run. */
  public DerivationCache cache() {
    return cache;
  }

  /** The key of each service of the fleet. */
  public Map<ServiceRef, String> keys() {
    return keys;
  }

  /**
   * The cached derivation of the service, when its key is unchanged and its file (or its absence) is as written;
   * null otherwise (derive it).
   */
  public Derivation cached(OutputWriter writer, ServiceRef ref) {
    var hit = cache.lookup(ref, keys.get(ref));
    if (hit.isEmpty()) {
      return null;
    }
    try {
      Derivation derivation = hit.get().derivation();
      if (hit.get().fileDigest().isPresent()) {
        if (!writer.holds(ref, hit.get().fileDigest().get())) {
          return null; // edited or removed since: derive and write it again
        }
      } else {
        writer.write(derivation); // rejected: make sure no file is left for it
      }
      cache.keep(ref);
      return derivation;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the service's file (unless it holds those bytes) and records the derivation for the next run. */
  public static void written(DeriveCaching caching, OutputWriter writer, Derivation derivation) {
    ServiceRef ref = derivation.ref();
    try {
      Optional<String> previous = caching == null ? Optional.empty() : caching.cache.previousFile(ref);
      String digest = writer.write(derivation, previous);
      if (caching != null) {
        caching.cache.put(ref, caching.keys.get(ref), derivation, digest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the entries of services this run did not select (--service) and writes the cache. */
  public void save(Fleet fleet, Predicate<ServiceRef> selected, Consumer<String> warn) {
    fleet.services().stream().map(input -> input.intent().ref()).filter(ref -> !selected.test(ref))
        .forEach(cache::keep);
    try {
      cache.save();
    } catch (IOException | RuntimeException e) {
      warn.accept("cannot write the derivation cache: " + e.getMessage() + "; the next run derives every service.");
    }
    if (cache.undecodable() > 0) {
      warn.accept("the derivation cache had " + cache.undecodable() + " entries this release cannot "
          + "read; those services were derived again.");
    }
  }
}
