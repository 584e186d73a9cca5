package dev.lattice.cli.cache;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.io.OutputWriter;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.cli.io.SourcedPackage;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The cache of {@code outputDir} and the key of every service of {@code fleet}; warnings go to {@code warn}. */
  public static DeriveCaching open(Path outputDir, ReadResult read, Fleet fleet, LocalDate date,
      Consumer<String> warn) {
    Map<ServiceRef, String> inputs = new ConcurrentHashMap<>();
    read.services().parallelStream().forEach(s -> inputs.put(s.input().intent().ref(),
        s.locator().inputDigest()));
    String global = Digest.start()
        .add(ServiceKeys.global(Build.identity(), read.platformSettings(), read.policies()))
        .add(read.providers().cacheKey()).add(packagesKey(read.packages())).hex();
    DerivationCache cache = DerivationCache.open(outputDir, warn);
    Map<ServiceRef, String> keys = new HashMap<>(ServiceKeys.of(fleet, inputs::get, global));
    // A quota admits in namespace/name order, so a covered service's result reads every service its quotas cover.
    for (var quota : read.providers().engineQuotas()) {
      var covered = fleet.services().stream().map(i -> i.intent().ref())
          .filter(ref -> quota.selector().covers(ref, read.providers().teams())).toList();
      var digest = Digest.start().add(quota.name());
      covered.forEach(ref -> digest.add(ref.toString()).add(String.valueOf(inputs.get(ref))));
      String shared = digest.hex();
      covered.forEach(ref -> keys.computeIfPresent(ref, (r, key) -> Digest.start().add(key).add(shared).hex()));
    }
    // An escape hatch's derivation also reads the date (its expiry): a new day is a new key for it alone.
    String today = date.toString();
    fleet.services().stream().filter(i -> i.intent().isHatch())
        .forEach(i -> keys.computeIfPresent(i.intent().ref(),
            (ref, key) -> Digest.start().add(key).add(today).hex()));
    return new DeriveCaching(cache, keys);
  }

  /** Every service may read a package's mesh declarations: any package change re-derives every service. */
  static String packagesKey(List<SourcedPackage> packages) {
    Digest digest = Digest.start();
    packages.stream().map(p -> p.intent().ref() + "=" + p.locator().inputDigest()).sorted().forEach(digest::add);
    return digest.hex();
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
