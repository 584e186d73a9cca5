package dev.lattice.cli.io;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.cache.Digest;
import dev.lattice.cli.cache.FileStat;
import dev.lattice.cli.cache.RunRecord;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import dev.lattice.engine.validate.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes {@code DIR/<namespace>/<name>.yaml} per derived service. A service that failed gets no file, and a file
 * left from an earlier run for it is removed, so the directory never holds a half-valid state.
 *
 * <p>Namespace and name come from the spec. Only valid Kubernetes names become paths (validation rejects the rest,
 * and no file can exist for them); as a second line of defence every path is checked to stay inside DIR, through
 * symbolic links too, and one that would leave it is an internal error that touches nothing.
 *
 * <p>A file whose bytes would not change is not written again (its modification time stays). Whether a file holds
 * given bytes is answered from its stat alone when the last run's {@link RunRecord} vouches for it ({@link #trust});
 * otherwise the file is read. Every file written or checked is {@link #known} for the next record.
 */
public final class OutputWriter {
  private final Path root;
  /**
   * Namespace directories checked (and, for writing, made), by namespace: creating one per service cost a failed
   * mkdir (and an exception) each, and the containment check a real-path lookup each.
   */
  private final Map<String, Path> directories = new ConcurrentHashMap<>();

  private volatile Path realRoot;
  private final LongAdder written = new LongAdder();
  private final LongAdder unchanged = new LongAdder();
  private final LongAdder removed = new LongAdder();
  /** The last run's outputs, by path relative to DIR; only settled entries with a digest are used. */
  private volatile Map<String, RunRecord.Output> trusted = Map.of();
  /** The files written or checked in this run, with their stat and digest, by path relative to DIR. */
  private final Map<String, RunRecord.Output> known = new ConcurrentHashMap<>();

  public OutputWriter(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Trusts the stats of the last run's outputs (from its record) instead of reading the files. */
  public void trust(Map<String, RunRecord.Output> outputs) {
    trusted = Map.copyOf(outputs);
  }

  /** The files written or found holding the expected bytes so far, by path relative to DIR. */
  public Map<String, RunRecord.Output> known() {
    return Map.copyOf(known);
  }

  /** {@link #write} for use inside streams; an I/O failure surfaces as {@link java.io.UncheckedIOException}. */
  public void writeUnchecked(Derivation derivation) {
    try {
      write(derivation);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void write(Derivation derivation) throws IOException {
    write(derivation, Optional.empty());
  }

  /**
   * Writes the service's file, or removes it for a rejected service, and returns the digest of the file's bytes
   * (null for a rejected service). A file that already holds exactly these bytes is left alone, so its modification
   * time stays and tools that watch the directory see only real changes.
   *
   * @param previous the digest the file had after the last run, when known: a different digest means the file
   *     changes, and it is written without reading the old one first
   */
  public String write(Derivation derivation, Optional<String> previous) throws IOException {
    ServiceRef ref = derivation.ref();
    boolean valid = Names.isNamespace(ref.namespace()) && Names.isDnsLabel(ref.name());
    if (derivation instanceof Derivation.Derived derived) {
      if (!valid) {
        throw new IllegalStateException("refusing to write " + printable(ref) + ": not a valid namespace and name, "
            + "yet derived");
      }
      Path file = file(ref, true).orElseThrow();
      byte[] bytes = Manifests.yaml(SharedGateways.withoutParts(derived.resources())).getBytes(StandardCharsets.UTF_8);
      String digest = Digest.ofOutput(bytes);
      if (previous.map(digest::equals).orElse(true) && sameBytes(file, bytes, digest)) {
        unchanged.increment();
        return digest;
      }
      writeFile(file, bytes, digest);
      written.increment();
      return digest;
    } else if (valid) {
      // A name that fails validation never had a file written, so there is nothing of it to remove.
      Optional<Path> file = file(ref, false);
      if (file.isPresent() && Files.deleteIfExists(file.get())) {
        removed.increment();
      }
      file.ifPresent(f -> known.remove(relative(f)));
    }
    return null;
  }

  /**
   * Writes the namespace's shared Gateway to {@code DIR/<namespace>/<namespace>-ingress.gateway.yaml} (a name no
   * service file can have: service names hold no dot), or removes that file when the namespace has none.
   */
  public void writeShared(String namespace, Optional<io.fabric8.kubernetes.api.model.HasMetadata> gateway)
      throws IOException {
    writeShared(namespace, namespace + "-ingress.gateway.yaml", gateway);
  }

  /** Writes a shared object of the namespace to {@code DIR/<namespace>/<fileName>}, or removes it when empty. */
  public void writeShared(String namespace, String fileName,
      Optional<io.fabric8.kubernetes.api.model.HasMetadata> gateway) throws IOException {
    if (!Names.isNamespace(namespace)) {
      return;
    }
    Optional<Path> directory = file(new ServiceRef(namespace, "x"), gateway.isPresent()).map(Path::getParent);
    if (directory.isEmpty()) {
      return;
    }
    Path file = directory.get().resolve(fileName);
    // Not counted: the counts are per service file.
    if (gateway.isEmpty()) {
      Files.deleteIfExists(file);
      known.remove(relative(file));
      return;
    }
    byte[] bytes = Manifests.yaml(java.util.List.of(gateway.get())).getBytes(StandardCharsets.UTF_8);
    String digest = Digest.ofOutput(bytes);
    if (!sameBytes(file, bytes, digest)) {
      writeFile(file, bytes, digest);
    }
  }

  /** Writes the file and records it as known; its stat has not settled (it was written just now). */
  private void writeFile(Path file, byte[] bytes, String digest) throws IOException {
    // NOFOLLOW_LINKS: a symbolic link planted at the file's place cannot redirect the write out of DIR.
    Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    Optional<FileStat> stat = FileStat.of(file);
    if (stat.isPresent()) {
      known.put(relative(file), new RunRecord.Output(stat.get(), digest, false));
    } else {
      known.remove(relative(file));
    }
  }

  /** Whether the file holds {@code bytes}: from the record's stat when it vouches, else by reading the file. */
  private boolean sameBytes(Path file, byte[] bytes, String digest) throws IOException {
    String relative = relative(file);
    if (vouched(relative, file, digest)) {
      return true;
    }
    long now = System.currentTimeMillis();
    Optional<FileStat> stat = FileStat.of(file); // before the bytes: a later edit changes the times
    if (stat.isEmpty() || !holds(file, bytes)) {
      return false;
    }
    known.put(relative, new RunRecord.Output(stat.get(), digest, stat.get().settledAt(now)));
    return true;
  }

  /** True when the last run's record has the file, settled, with this digest and the stat it has now. */
  private boolean vouched(String relative, Path file, String digest) {
    RunRecord.Output entry = trusted.get(relative);
    if (entry == null || !entry.settled() || !digest.equals(entry.digest())
        || !FileStat.of(file).map(entry.stat()::equals).orElse(false)) {
      return false;
    }
    known.put(relative, entry);
    return true;
  }

  private String relative(Path file) {
    try {
      return realRoot().relativize(file).toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** True when a file for {@code ref} exists (it derived in an earlier run). */
  public boolean exists(ServiceRef ref) throws IOException {
    if (!(Names.isNamespace(ref.namespace()) && Names.isDnsLabel(ref.name()))) {
      return false;
    }
    Optional<Path> file = file(ref, false);
    return file.isPresent() && Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * True when the file of {@code ref} is a regular file (not a link) whose bytes have {@code digest}: what a cached
   * service needs before its file is left as it is.
   */
  public boolean holds(ServiceRef ref, String digest) throws IOException {
    if (!(Names.isNamespace(ref.namespace()) && Names.isDnsLabel(ref.name()))) {
      return false;
    }
    Optional<Path> file = file(ref, false);
    if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String relative = relative(file.get());
    Optional<RunRecord.Output> checked = vouched(relative, file.get(), digest) ? Optional.of(trusted.get(relative))
        : RunRecord.check(file.get(), digest);
    if (checked.isEmpty()) {
      return false;
    }
    known.put(relative, checked.get());
    unchanged.increment();
    return true;
  }

  private static boolean holds(Path file, byte[] bytes) throws IOException {
    try {
      return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == bytes.length
          && Arrays.equals(Files.readAllBytes(file), bytes);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Files written, left unchanged (same bytes) and removed so far. */
  public String counts() {
    return written.sum() + " written, " + unchanged.sum() + " unchanged, " + removed.sum() + " removed";
  }

  /**
   * {@code DIR/<namespace>/<name>.yaml} at its real location, checked to lie directly in a directory directly in DIR;
   * empty when the namespace directory does not exist and {@code create} is false.
   */
  private Optional<Path> file(ServiceRef ref, boolean create) throws IOException {
    Path directory = directories.get(ref.namespace());
    if (directory == null) {
      Path lexical = root.resolve(ref.namespace()).normalize();
      if (!root.equals(lexical.getParent())) {
        throw escape(ref, lexical);
      }
      if (create) {
        Files.createDirectories(lexical);
      } else if (!Files.isDirectory(lexical)) {
        return Optional.empty();
      }
      directory = lexical.toRealPath();
      if (!directory.getParent().equals(realRoot())) {
        throw escape(ref, directory);
      }
      directories.put(ref.namespace(), directory);
    }
    Path file = directory.resolve(ref.name() + ".yaml").normalize();
    if (!directory.equals(file.getParent())) {
      throw escape(ref, file);
    }
    return Optional.of(file);
  }

  private Path realRoot() throws IOException {
    Path real = realRoot;
    if (real == null) {
      real = root.toRealPath();
      realRoot = real;
    }
    return real;
  }

  private IllegalStateException escape(ServiceRef ref, Path path) {
    return new IllegalStateException("refusing to touch " + Names.printable(path.toString()) + " for "
        + printable(ref) + ": it is outside the output directory " + root);
  }

  private static String printable(ServiceRef ref) {
    return Names.printable(ref.namespace()) + "/" + Names.printable(ref.name());
  }
}
