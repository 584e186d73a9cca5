package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lattice.engine.output.Manifests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The derivation cache of {@code lattice diff} and {@code lattice snapshot}: each service's record (what a snapshot
 * holds of it), in {@code DIR/<key>.gz}, where the key is {@link RecordKeys}' digest of everything its derivation
 * reads. Addressed by key rather than by service, so both sides of a diff share the entry of a service they derive
 * alike, and a diff and a snapshot of the same fleet share every entry.
 *
 * <p>A service that both sides of a diff derive under one key has equal records on both, so its entry is kept
 * without being read ({@link #keep}) and the diff does not compare it.
 *
 * <p>It is only a hint: gzip's checksum catches a damaged or truncated entry, which is reported and derived again;
 * a directory that is not a cache Lattice made is not touched. {@link #close} removes the entries this run did not
 * use, so the folder holds what the last run needed and does not grow with every release.
 */
final class RecordCache implements AutoCloseable {
  static final String MARKER = "lattice-record-cache";
  /** Part of every key: entries of another layout never match and are pruned. */
  static final String FORMAT = "lattice-record-cache/1";
  private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{64}\\.gz");
  private static final ObjectWriter LINE = Manifests.jsonMapper().writer();
  private static final int WARNINGS = 3;

  private final Path directory;
  private final Consumer<String> warnings;
  private final Set<String> used = ConcurrentHashMap.newKeySet();
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger derived = new AtomicInteger();
  private final AtomicInteger damaged = new AtomicInteger();
  private final AtomicInteger alike = new AtomicInteger();
  private final AtomicBoolean writeFailed = new AtomicBoolean();

  private RecordCache(Path directory, Consumer<String> warnings) {
    this.directory = directory;
    this.warnings = warnings;
  }

  /**
   * The cache in {@code directory}, created if it is missing or empty; empty when the directory holds something
   * else (the reason goes to {@code warnings} and the run derives every service).
   */
  static Optional<RecordCache> open(Path directory, Consumer<String> warnings) {
    try {
      if (Files.isSymbolicLink(directory)) {
        warnings.accept("--cache-dir " + directory + " is a symbolic link; not using it, every service is derived. "
            + "Fix: give the real directory.");
        return Optional.empty();
      }
      Path marker = directory.resolve(MARKER);
      if (Files.isDirectory(directory) && !Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> listing = Files.list(directory)) {
          if (listing.findAny().isPresent()) {
            warnings.accept("--cache-dir " + directory + " is not empty and has no " + MARKER + " file, so it is "
                + "not a cache Lattice made; not using it (nothing in it is removed), every service is derived. "
                + "Fix: give a new or empty directory.");
            return Optional.empty();
          }
        }
      }
      Files.createDirectories(directory);
      String found = Files.isRegularFile(marker) ? Files.readString(marker).strip() : null;
      if (!FORMAT.equals(found)) {
        if (found != null) {
          warnings.accept(marker + " names format " + found + ", not " + FORMAT + "; its entries are not used and "
              + "are replaced.");
        }
        Files.writeString(marker, FORMAT + "\n");
      }
      // Backup and archive tools skip a folder with this tag (https://bford.info/cachedir/).
      Path tag = directory.resolve("CACHEDIR.TAG");
      if (!Files.exists(tag, LinkOption.NOFOLLOW_LINKS)) {
        Files.writeString(tag, "Signature: 8a477f597d28d172789f06886806bc55\n# A cache of lattice diff and "
            + "lattice snapshot; safe to delete.\n");
      }
      return Optional.of(new RecordCache(directory, warnings));
    } catch (IOException | RuntimeException e) {
      warnings.accept("cannot use --cache-dir " + directory + " (" + e.getMessage() + "); every service is derived.");
      return Optional.empty();
    }
  }

  /** The record derived under {@code key} for {@code service}, if an earlier derivation left an intact one. */
  Optional<ServiceRecord> lookup(String key, String service) {
    Path file = directory.resolve(key + ".gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS))) {
      // Reading to the end makes gzip check its length and CRC: a damaged entry fails here, never half-read.
      byte[] bytes = in.readAllBytes();
      ServiceRecord record = ServiceRecord.fromJson(Manifests.jsonMapper().readTree(bytes));
      if (!service.equals(record.service())) {
        throw new IOException("it holds " + record.service());
      }
      used.add(key);
      hits.incrementAndGet();
      return Optional.of(record);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      if (damaged.incrementAndGet() <= WARNINGS) {
        warnings.accept("cache entry " + file + " of " + service + " is damaged (" + e.getMessage()
            + "); the service is derived again.");
      }
      return Optional.empty();
    }
  }

  /**
   * Keeps the entry under {@code key} without reading it, for a service that both sides of a diff derive under that
   * key (equal records, so not compared); false when there is none to keep.
   */
  boolean keep(String key) {
    if (!Files.isRegularFile(directory.resolve(key + ".gz"), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    used.add(key);
    alike.incrementAndGet();
    return true;
  }

  /** Keeps the record just derived under {@code key}; a failure to write costs the next run a derivation only. */
  void put(String key, ServiceRecord record) {
    derived.incrementAndGet();
    used.add(key);
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (OutputStream gzip = new GZIPOutputStream(buffer)) {
        gzip.write(LINE.writeValueAsBytes(record.toJson()));
      }
      Path temporary = Files.createTempFile(directory, "entry-", ".tmp");
      try {
        Files.write(temporary, buffer.toByteArray());
        Path file = directory.resolve(key + ".gz");
        dev.lattice.cli.io.AtomicReplace.move(temporary, file);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | RuntimeException e) {
      if (writeFailed.compareAndSet(false, true)) {
        warnings.accept("cannot write to --cache-dir " + directory + " (" + e.getMessage() + "); the next run "
            + "derives these services again.");
      }
    }
  }

  /** Services read from the cache. */
  int hits() {
    return hits.get();
  }

  /** Services derived (and written to the cache). */
  int derived() {
    return derived.get();
  }

  /** "cache DIR: 1999 services from the cache, 1 derived": the line the commands print. */
  String summary() {
    return "cache " + directory + ": " + hits() + " services from the cache, " + derived() + " derived"
        + (damaged.get() > 0 ? ", " + damaged.get() + " damaged entries replaced" : "")
        + (alike.get() > 0 ? ", " + alike.get() + " alike on both sides (same key: not read, not compared)" : "")
        + ".";
  }

  /** Removes the entries this run did not use (an earlier fleet's, an earlier release's). */
  @Override
  public void close() {
    if (damaged.get() > WARNINGS) {
      warnings.accept((damaged.get() - WARNINGS) + " more damaged cache entries were derived again.");
    }
    try (Stream<Path> listing = Files.list(directory)) {
      List<Path> stale = listing.filter(p -> {
        String name = p.getFileName().toString();
        return (ENTRY.matcher(name).matches() && !used.contains(name.substring(0, 64)))
            || (name.startsWith("entry-") && name.endsWith(".tmp"));
      }).toList();
      for (Path file : stale) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      warnings.accept("cannot prune --cache-dir " + directory + " (" + e.getMessage() + "); it keeps old entries.");
    }
  }
}
