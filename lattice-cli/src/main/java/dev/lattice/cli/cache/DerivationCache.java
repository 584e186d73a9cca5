package dev.lattice.cli.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Derivation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What earlier runs derived into an output directory, kept in {@code DIR/.lattice/derive-cache.smile}: per service
 * its key ({@link ServiceKeys}), what the report needs of its derivation (status, diagnostics, the identities of its
 * objects) and the digest of the file written for it. A service whose key is unchanged is neither derived nor
 * written again, provided its file still holds those bytes (the caller checks).
 *
 * <p>The file is only a hint: one that cannot be read or is not this format is dropped with a warning and the run
 * derives everything; an entry that does not decode is counted ({@link #undecodable}) and its service derived. Entries are written whole on {@link #save}, through a
 * temporary file, so a run that stops half-way leaves the previous cache.
 *
 * <p>Other commands that derive a fleet into a directory ({@code lattice snapshot}, {@code lattice diff}) use it the
 * same way: {@link #open}, {@link #lookup} with the key from {@link ServiceKeys#of}, {@link #put}, {@link #save}.
 */
public final class DerivationCache {
  /** The folder inside the output directory; derived files never start with a dot, so they never collide. */
  public static final String FOLDER = ".lattice";

  /**
   * Smile (binary JSON) since format 3, each entry its own Smile document beside its key and file digest: opening
   * the cache copies the entries' bytes without parsing them, a hit parses its own (on the core that asks), and a
   * save writes the bytes of the entries it kept as they were read. Format 2 parsed and wrote all 10,000 entries of
   * a 10,000-service fleet as JSON text on every run, whatever changed.
   */
  static final String FILE = "derive-cache.smile";
  /** The JSON file of formats 1 and 2, deleted unread when the cache is opened. */
  static final String OLD_FILE = "derive-cache.json";
  static final String FORMAT = "lattice-derive-cache/3"; // 2: file digests by Digest.ofOutput; 3: Smile

  private static final ObjectMapper SMILE = SmileMapper.builder(CacheSmile.factory())
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final Path file;
  private final Map<String, Stored> entries;
  private final Map<String, Stored> next = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger undecodable = new java.util.concurrent.atomic.AtomicInteger();

  private DerivationCache(Path file, Map<String, Stored> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** A hit: the derivation as the report sees it, and the digest of its file (empty for a rejected service). */
  public record Hit(Derivation derivation, Optional<String> fileDigest) {}

  /**
   * The cache of {@code directory} (empty when there is none yet); a cache that cannot be trusted is reported to
   * {@code warnings} and ignored (it is replaced on {@link #save}).
   */
  public static DerivationCache open(Path directory, Consumer<String> warnings) {
    Path file = directory.resolve(FOLDER).resolve(FILE);
    Map<String, Stored> entries = new HashMap<>();
    try {
      if (Files.isSymbolicLink(file) || Files.isSymbolicLink(file.getParent())) {
        warnings.accept(file + " is a symbolic link, not a cache Lattice wrote; ignoring it, every service is "
            + "derived.");
        return new DerivationCache(file, entries);
      }
      Files.deleteIfExists(file.resolveSibling(OLD_FILE)); // an older release's cache: never read again
      CacheFile read = SMILE.readValue(Files.readAllBytes(file), CacheFile.class);
      if (!FORMAT.equals(read.format()) || read.entries() == null) {
        warnings.accept(file + " is not a derivation cache of this Lattice (format " + read.format()
            + "); ignoring it, every service is derived.");
        return new DerivationCache(file, entries);
      }
      entries.putAll(read.entries());
    } catch (NoSuchFileException e) {
      // The first run into this directory.
    } catch (JsonProcessingException e) {
      warnings.accept(file + " is damaged (" + e.getOriginalMessage() + "); ignoring it, every service is derived.");
    } catch (IOException e) {
      warnings.accept("cannot read " + file + " (" + e.getMessage() + "); every service is derived.");
    }
    return new DerivationCache(file, entries);
  }

  /** Whether an earlier run left a derivation cache in {@code directory} (it is not a first run into it). */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(FOLDER).resolve(FILE), LinkOption.NOFOLLOW_LINKS);
  }

  /** The cached derivation of {@code ref} if it was made under {@code key}, and its entry decodes. */
  public Optional<Hit> lookup(ServiceRef ref, String key) {
    Stored stored = entries.get(id(ref));
    if (stored == null || !key.equals(stored.key())) {
      return Optional.empty();
    }
    Optional<Derivation> decoded = stored.decode(ref);
    if (decoded.isEmpty()) {
      undecodable.incrementAndGet();
    }
    return decoded.map(d -> new Hit(d, Optional.ofNullable(stored.file())));
  }

  /** The digest the service's file had after the last run, whatever its key was then. */
  public Optional<String> previousFile(ServiceRef ref) {
    Stored stored = entries.get(id(ref));
    return stored == null ? Optional.empty() : Optional.ofNullable(stored.file());
  }

  /** How many entries with a matching key did not decode (damaged, or another release's names). */
  public int undecodable() {
    return undecodable.get();
  }

  /**
   * Records the derivation of {@code ref} under {@code key} for the next run.
   *
   * @param fileDigest the digest of the file written for it; null for a rejected service (no file)
   */
  public void put(ServiceRef ref, String key, Derivation derivation, String fileDigest) {
    try {
      next.put(id(ref), new Stored(key, fileDigest, SMILE.writeValueAsBytes(CachedEntry.of(key, derivation,
          fileDigest))));
    } catch (JsonProcessingException e) {
      // Text that is not Unicode (a lone surrogate in a name, reported as InvalidUnicode) has no UTF-8 form: the
      // service is not cached, and derived again next run.
      next.remove(id(ref));
    }
  }

  /** Keeps the entry of a hit as it is (its bytes are written back unparsed). */
  public void keep(ServiceRef ref) {
    Stored stored = entries.get(id(ref));
    if (stored != null) {
      next.put(id(ref), stored);
    }
  }

  /**
   * Writes the entries {@link #put} or {@link #keep kept} in this run (services no longer derived are dropped),
   * unless they are what the file already holds.
   */
  public void save() throws IOException {
    Map<String, Stored> sorted = new TreeMap<>(next);
    if (keptAsRead(sorted) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path folder = file.getParent();
    if (!Files.isDirectory(folder) && sorted.values().stream().allMatch(e -> e.file() == null)) {
      return; // no file was written: a run that only rejected services leaves the directory as it was
    }
    if (Files.isSymbolicLink(folder)) {
      throw new IOException(folder + " is a symbolic link; remove it so that Lattice can keep its cache there");
    }
    Files.createDirectories(folder);
    Path temporary = Files.createTempFile(folder, FILE, ".tmp");
    try {
      Files.write(temporary, SMILE.writeValueAsBytes(new CacheFile(FORMAT, sorted)));
      dev.lattice.cli.io.AtomicReplace.move(temporary, file);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Whether {@code sorted} holds exactly the entries the file was read with, every one kept (not put again). */
  private boolean keptAsRead(Map<String, Stored> sorted) {
    if (sorted.size() != entries.size()) {
      return false;
    }
    for (Map.Entry<String, Stored> entry : sorted.entrySet()) {
      if (entries.get(entry.getKey()) != entry.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static String id(ServiceRef ref) {
    return ref.namespace() + "/" + ref.name();
  }

  /**
   * One service's entry as the file holds it: its key and file digest (all a lookup or a save reads) and the
   * {@link CachedEntry} as a Smile document, parsed only on a hit.
   */
  record Stored(String key, String file, byte[] entry) {
    Optional<Derivation> decode(ServiceRef ref) {
      try {
        CachedEntry decoded = SMILE.readValue(entry, CachedEntry.class);
        if (!key.equals(decoded.key()) || !java.util.Objects.equals(file, decoded.file())) {
          return Optional.empty(); // the entry's bytes are not the ones written beside this key
        }
        return decoded.decode(ref);
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  record CacheFile(String format, Map<String, Stored> entries) {}
}
