package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.lattice.cli.cache.DerivationCache;
import dev.lattice.cli.cache.Digest;
import dev.lattice.cli.cache.FileStat;
import dev.lattice.engine.ServiceInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What earlier runs read from each input file, kept in {@code DIR/.lattice/read-cache.smile} beside the derivation
 * cache, so that an unchanged file is not parsed again. Only files that held nothing but LatticeServices read
 * without an error are kept (policies, settings and anything skipped or wrong are always read).
 *
 * <p>When a file counts as unchanged (a wrong hit would be a correctness bug):
 * <ul>
 *   <li>its size, modification time, status-change time (ctime, which no tool can set back) and inode are those
 *       recorded, and the record is <em>settled</em>: when it was made, both times were at least
 *       {@link #SETTLE_MILLIS} older than the clock, so an edit made later cannot share a timestamp tick with the
 *       recorded one (the "racy git" problem: file times are coarse, an edit in the same tick keeps them);
 *   <li>or, failing that (a touched file, a fresh checkout, a record not settled, a file system without ctime and
 *       inode), its bytes have the SHA-256 recorded: the file is read but not parsed, and recorded again.
 * </ul>
 * An entry also records the Lattice build and whether deprecation warnings were on: another build or mode drops the
 * whole cache. A service is only kept if its Smile form reads back equal to it, so a hit gives the very input.
 */
public final class ReadCache {
  /**
   * Smile (Jackson's binary JSON) since version 3: a 10,000-service cache (about 50 MB) was parsed and written whole
   * as JSON text on every run that was not a replay, about a third of the CPU of a run with one service changed.
   */
  static final String FILE = "read-cache.smile";
  /** The JSON file of versions 1 and 2, deleted unread when the cache is opened. */
  static final String OLD_FILE = "read-cache.json";
  /**
   * Version 2 kept each service as its JSON text, not as a nested object: opening the cache then only reads
   * strings, and each file binds its services straight from their text, in parallel, without a tree between.
   * Version 3 keeps the same shape in Smile, each service as its own Smile document (bytes copied, not parsed, when
   * the cache is opened and written again).
   */
  static final String FORMAT = "lattice-read-cache/3";
  /**
   * How much older than the clock a file's times must be for them alone to vouch for it on the next run (2 s: more
   * than the tick of file times on Linux and the 1 s or 2 s of coarser file systems). Tests that edit files within
   * a second set it lower with {@code -Dlattice.readCache.settleMillis}.
   */
  static final long SETTLE_MILLIS = 2_000;

  private static final ObjectMapper SMILE = SmileMapper.builder(dev.lattice.cli.cache.CacheSmile.factory())
      .addModule(new Jdk8Module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /** Size, times and inode of a file; null fields where the file system has none. */
  record Stat(long size, long modified, Long changed, Long inode) {
    boolean complete() {
      return changed != null && inode != null;
    }
  }

  /**
   * One service as read, with what its locator needs.
   *
   * @param service the service's input as a Smile document
   * @param lines the lines of nested fields that reports asked for (null in caches written before they were kept)
   */
  record CachedService(int line, int index, Map<String, Integer> topLines, String input, byte[] service,
      Map<String, Integer> lines) {
    CachedService withLines(Map<String, Integer> known) {
      return new CachedService(line, index, topLines, input, service, known);
    }
  }

  record FileEntry(Stat stat, boolean settled, String content, List<CachedService> services) {}

  record CacheFile(String format, String build, boolean warnDeprecated, Map<String, FileEntry> files) {}

  private final Path file;
  private final String build;
  private final boolean warnDeprecated;
  private final Map<String, FileEntry> entries;
  private final Map<String, FileEntry> next = new ConcurrentHashMap<>();
  /** The locators of the services of each file in {@link #next}: the lines they work out are kept on save. */
  private final Map<String, List<SourceLocator>> locators = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder parsed = new LongAdder();
  private volatile boolean changed;
  /** The run record's stats of the inputs, reused rather than taken again (null: none were taken). */
  private volatile Taken taken;

  /** Stats taken before any input was read, and the clock read before them. */
  private record Taken(long clockMillis, Function<String, FileStat> stats) {}

  /**
   * A file's stat and the clock read before it: the stat tells whether the file is as recorded, the clock only
   * whether its times are old enough to vouch for it next time.
   */
  record Observed(long clockMillis, Optional<Stat> stat) {}

  private ReadCache(Path file, String build, boolean warnDeprecated, Map<String, FileEntry> entries) {
    this.file = file;
    this.build = build;
    this.warnDeprecated = warnDeprecated;
    this.entries = entries;
  }

  /** The read cache of output directory {@code directory}; one that cannot be used is reported and ignored. */
  public static ReadCache open(Path directory, String build, boolean warnDeprecated, Consumer<String> warnings) {
    Path file = directory.resolve(DerivationCache.FOLDER).resolve(FILE);
    Map<String, FileEntry> entries = new java.util.HashMap<>(); // by path: sorted only when written
    try {
      if (!Files.isSymbolicLink(file) && !Files.isSymbolicLink(file.getParent())) {
        Files.deleteIfExists(file.resolveSibling(OLD_FILE)); // an older release's cache (50 MB at 10,000 files)
        byte[] bytes = Files.readAllBytes(file);
        // Another format (an older Lattice's) is dropped quietly, before its entries are bound to this one's shape.
        CacheFile read = FORMAT.equals(format(bytes)) ? SMILE.readValue(bytes, CacheFile.class) : null;
        if (read != null && FORMAT.equals(read.format()) && build.equals(read.build()) && read.warnDeprecated() == warnDeprecated
            && read.files() != null) {
          entries.putAll(read.files());
        }
      }
    } catch (NoSuchFileException e) {
      // The first run into this directory.
    } catch (JsonProcessingException e) {
      warnings.accept(file + " is damaged (" + e.getOriginalMessage() + "); ignoring it, every file is read.");
    } catch (IOException e) {
      warnings.accept("cannot read " + file + " (" + e.getMessage() + "); every file is read.");
    }
    return new ReadCache(file, build, warnDeprecated, entries);
  }

  /** The top-level "format" of a cache file, read without binding the rest; null when there is none. */
  static String format(byte[] bytes) throws IOException {
    try (com.fasterxml.jackson.core.JsonParser parser = SMILE.getFactory().createParser(bytes)) {
      if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
        if ("format".equals(name)) {
          return value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    }
  }

  /** Files answered from the cache and files parsed, so far (for --timings). */
  public String counts() {
    return hits.sum() + " hits, " + parsed.sum() + " parsed";
  }

  /**
   * Reuses stats of the inputs taken before any of them was read (the run record's), so that each input is stat-ed
   * once per run; a file they do not name is stat-ed when it is read.
   *
   * @param clockMillis the clock read before those stats were taken, never after: with a later clock a file edited
   *     between its stat and its read could count as settled
   * @param stats a file's stat by the name the reader gives it, or null
   */
  public void statsTaken(long clockMillis, Function<String, FileStat> stats) {
    taken = new Taken(clockMillis, stats);
  }

  /** The stat of {@code file} before its bytes are read: the one taken at the start of the run, or one now. */
  Observed observe(Path file) {
    Taken at = taken;
    FileStat known = at == null ? null : at.stats().apply(file.toString());
    if (known != null) {
      return new Observed(at.clockMillis(), Optional.of(new Stat(known.size(), known.modified(),
          known.changed() == FileStat.NONE ? null : known.changed(), known.inode() == FileStat.NONE ? null
          : known.inode())));
    }
    long now = System.currentTimeMillis();
    return new Observed(now, stat(file)); // before the bytes: a later edit changes the times
  }

  /** The file's size, times and inode now; empty when it cannot be read (reading it will say why). */
  static Optional<Stat> stat(Path path) {
    try {
      try {
        Map<String, Object> unix = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,ino");
        return Optional.of(new Stat((Long) unix.get("size"), nanos(unix.get("lastModifiedTime")),
            nanos(unix.get("ctime")), (Long) unix.get("ino")));
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return Optional.of(new Stat(Files.size(path), Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS), null,
            null));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  /** The file as recorded, if its size, times and inode alone vouch that it is unchanged. */
  Optional<List<SourcedService>> byStat(String name, Path path, Stat stat) {
    FileEntry entry = entries.get(name);
    if (entry == null || !entry.settled() || !stat.complete() || !stat.equals(entry.stat())) {
      return Optional.empty();
    }
    return decode(name, path, entry, entry);
  }

  /** The file as recorded, if its bytes are those recorded (their digest {@code content}); recorded again. */
  Optional<List<SourcedService>> byContent(String name, Path path, Stat stat, String content, long now) {
    FileEntry entry = entries.get(name);
    if (entry == null || !content.equals(entry.content())) {
      return Optional.empty();
    }
    changed = true;
    return decode(name, path, entry, new FileEntry(stat, settled(stat, now), content, entry.services()));
  }

  private Optional<List<SourcedService>> decode(String name, Path path, FileEntry entry, FileEntry keep) {
    List<SourcedService> services = new ArrayList<>();
    List<SourceLocator> found = new ArrayList<>();
    try {
      for (CachedService cached : entry.services()) {
        ServiceInput input = SMILE.readValue(cached.service(), ServiceInput.class);
        SourceLocator locator = SourceLocator.cached(path, cached.line(), cached.index(),
            DocumentParser.factoryFor(path), cached.topLines(), cached.input(),
            cached.lines() == null ? Map.of() : cached.lines());
        services.add(new SourcedService(input, name, locator));
        found.add(locator);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // another shape than this build reads: parse the file
    }
    next.put(name, keep);
    locators.put(name, found);
    hits.increment();
    return Optional.of(services);
  }

  /**
   * Records what a file held, when it held only services that read back equal from their Smile form; a file that
   * cannot be kept is simply parsed again next time.
   */
  void record(String name, Stat stat, String content, List<SourcedService> services, long now) {
    parsed.increment();
    if (services.isEmpty()) {
      return;
    }
    List<CachedService> kept = new ArrayList<>();
    List<SourceLocator> found = new ArrayList<>();
    try {
      for (SourcedService service : services) {
        byte[] tree = SMILE.writeValueAsBytes(service.input());
        if (!SMILE.readValue(tree, ServiceInput.class).equals(service.input())) {
          return;
        }
        SourceLocator locator = service.locator();
        kept.add(new CachedService(locator.documentLine(), locator.documentIndex(), locator.topLines(),
            locator.inputDigest(), tree, Map.of()));
        found.add(locator);
      }
    } catch (IOException | RuntimeException e) {
      return;
    }
    changed = true;
    next.put(name, new FileEntry(stat, settled(stat, now), content, kept));
    locators.put(name, found);
  }

  /** Counts a file that was parsed and not kept. */
  void parsed() {
    parsed.increment();
  }

  private static boolean settled(Stat stat, long nowMillis) {
    long margin = Long.getLong("lattice.readCache.settleMillis", SETTLE_MILLIS);
    long limit = TimeUnit.MILLISECONDS.toNanos(nowMillis - margin);
    return stat.complete() && stat.modified() < limit && stat.changed() < limit;
  }

  /**
   * Writes the entries of the files read in this run, unless nothing changed or the cache folder does not exist
   * (the derivation cache makes it once a file is written; a run that wrote nothing leaves the directory alone).
   */
  public void save() throws IOException {
    Map<String, FileEntry> sorted = new TreeMap<>();
    next.forEach((name, entry) -> sorted.put(name, withLines(entry, locators.get(name))));
    Path folder = file.getParent();
    boolean same = !changed && sorted.keySet().equals(entries.keySet()) && Files.isRegularFile(file);
    if (same || !Files.isDirectory(folder)
        || Files.isSymbolicLink(folder)) {
      return;
    }
    Path temporary = Files.createTempFile(folder, FILE, ".tmp");
    try {
      Files.write(temporary, SMILE.writeValueAsBytes(new CacheFile(FORMAT, build, warnDeprecated, sorted)));
      AtomicReplace.move(temporary, file);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The entry with the lines its services' locators know now; marks the cache changed when they learnt some. */
  private FileEntry withLines(FileEntry entry, List<SourceLocator> found) {
    if (found == null || found.size() != entry.services().size()) {
      return entry;
    }
    List<CachedService> services = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      SourceLocator locator = found.get(i);
      changed |= locator.learnedLines();
      services.add(entry.services().get(i).withLines(locator.knownLines()));
    }
    return new FileEntry(entry.stat(), entry.settled(), entry.content(), services);
  }

  /** For a changed digest rule or a test: the digest of a file's bytes as the cache records it. */
  static String content(byte[] bytes) {
    return Digest.of(bytes);
  }
}
