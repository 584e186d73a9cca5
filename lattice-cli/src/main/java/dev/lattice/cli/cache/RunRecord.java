package dev.lattice.cli.cache;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the last {@code derive --output-dir} into a directory saw and left, in {@code DIR/.lattice/last-run.bin}:
 * the stat of every input file when it started, the stat (and, for the files it wrote or checked, the digest) of
 * every file it left in DIR, and the report it printed with its exit status. Two uses:
 * <ul>
 *   <li>a re-run with the same {@link #key} (Lattice build, options, date, working directory) whose inputs and
 *       outputs all still have their recorded stats prints that report without reading any input
 *       ({@link #stillHolds});
 *   <li>any run trusts an output file whose stat is as recorded to still have the recorded digest, without reading
 *       it ({@link #outputs}), as the read cache trusts input files.
 * </ul>
 * A stat vouches for a file only when it was <em>settled</em> ({@link FileStat#settledAt}); a file written moments
 * before is checked by its digest the next time, then recorded as settled.
 *
 * <p>The form is binary with a version header; one that is damaged, of another version or cut short is ignored with
 * a note (the run then derives and checks as if there were none), never trusted in part.
 */
public final class RunRecord {
  static final String FILE = "last-run.bin";
  private static final String MAGIC = "lattice-run-record";
  private static final int VERSION = 2; // 2: output files hashed by Digest.ofOutput

  /** An input file as the run found it before reading it. */
  public record Input(FileStat stat, boolean settled) {}

  /**
   * A file in the output directory as the run left it.
   *
   * @param digest the digest of its bytes when the run wrote or checked it; null when the run neither read nor
   *     wrote it (a file of a service no longer in the input, a file of the user's), whose content does not matter
   */
  public record Output(FileStat stat, String digest, boolean settled) {}

  /**
   * @param key null when the run cannot be replayed (-o, packages, a symbolic link among the inputs): the record
   *     then only vouches for output files
   * @param selected how many services the run selected, and {@code serviceFiles} how many of them have a file (for
   *     {@code --timings})
   */
  public record Contents(String key, int exitCode, String report, int selected, int serviceFiles,
      Map<String, Input> inputs, Map<String, Output> outputs) {}

  private RunRecord() {}

  /** The record of {@code directory}, if there is one this release can read; a damaged one is noted and ignored. */
  public static Optional<Contents> read(Path directory, Consumer<String> notes) {
    Path file = file(directory);
    try {
      if (Files.isSymbolicLink(file) || Files.isSymbolicLink(file.getParent())) {
        notes.accept(file + " is a symbolic link, not a record Lattice wrote; ignoring it.");
        return Optional.empty();
      }
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        return decode(in, file, notes);
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (EOFException e) {
      notes.accept(file + " is cut short; ignoring it, every file is checked.");
    } catch (IOException | RuntimeException e) {
      notes.accept(file + " is damaged (" + e.getMessage() + "); ignoring it, every file is checked.");
    }
    return Optional.empty();
  }

  private static Optional<Contents> decode(DataInputStream in, Path file, Consumer<String> notes) throws IOException {
    byte[] magic = new byte[MAGIC.length()];
    in.readFully(magic);
    if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
      notes.accept(file + " is not a run record; ignoring it, every file is checked.");
      return Optional.empty();
    }
    int version = in.readInt();
    if (version != VERSION) {
      notes.accept(file + " is a run record of version " + version + ", this Lattice writes " + VERSION
          + "; ignoring it, every file is checked.");
      return Optional.empty();
    }
    String key = in.readBoolean() ? in.readUTF() : null;
    int exitCode = in.readInt();
    byte[] report = new byte[in.readInt()];
    in.readFully(report);
    int selected = in.readInt();
    int serviceFiles = in.readInt();
    Map<String, Input> inputs = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      inputs.put(in.readUTF(), new Input(stat(in), in.readBoolean()));
    }
    Map<String, Output> outputs = new TreeMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      String name = in.readUTF();
      FileStat stat = stat(in);
      String digest = null;
      if (in.readBoolean()) {
        byte[] raw = new byte[32];
        in.readFully(raw);
        digest = HexFormat.of().formatHex(raw);
      }
      outputs.put(name, new Output(stat, digest, in.readBoolean()));
    }
    if (in.read() != -1) {
      throw new IOException("bytes after the end");
    }
    return Optional.of(new Contents(key, exitCode, new String(report, StandardCharsets.UTF_8), selected, serviceFiles,
        inputs, outputs));
  }

  /** Removes the record, before a run changes the directory: a run that stops half-way leaves none. */
  public static void delete(Path directory) throws IOException {
    Files.deleteIfExists(file(directory));
  }

  /** Writes the record through a temporary file; the cache folder must exist (a run that wrote nothing has none). */
  public static void write(Path directory, Contents contents) throws IOException {
    Path folder = file(directory).getParent();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path temporary = Files.createTempFile(folder, FILE, ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(temporary);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
        encode(contents, out);
      }
      dev.lattice.cli.io.AtomicReplace.move(temporary, file(directory));
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void encode(Contents contents, DataOutputStream out) throws IOException {
    out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
    out.writeInt(VERSION);
    out.writeBoolean(contents.key() != null);
    if (contents.key() != null) {
      out.writeUTF(contents.key());
    }
    out.writeInt(contents.exitCode());
    byte[] report = contents.report().getBytes(StandardCharsets.UTF_8);
    out.writeInt(report.length);
    out.write(report);
    out.writeInt(contents.selected());
    out.writeInt(contents.serviceFiles());
    out.writeInt(contents.inputs().size());
    for (Map.Entry<String, Input> input : contents.inputs().entrySet()) {
      out.writeUTF(input.getKey());
      stat(input.getValue().stat(), out);
      out.writeBoolean(input.getValue().settled());
    }
    out.writeInt(contents.outputs().size());
    for (Map.Entry<String, Output> output : contents.outputs().entrySet()) {
      out.writeUTF(output.getKey());
      stat(output.getValue().stat(), out);
      out.writeBoolean(output.getValue().digest() != null);
      if (output.getValue().digest() != null) {
        out.write(HexFormat.of().parseHex(output.getValue().digest()));
      }
      out.writeBoolean(output.getValue().settled());
    }
  }

  private static FileStat stat(DataInputStream in) throws IOException {
    return new FileStat(in.readLong(), in.readLong(), in.readLong(), in.readLong());
  }

  private static void stat(FileStat stat, DataOutputStream out) throws IOException {
    out.writeLong(stat.size());
    out.writeLong(stat.modified());
    out.writeLong(stat.changed());
    out.writeLong(stat.inode());
  }

  /** Every file in the output directory now (the cache folder left out), or empty when it cannot be listed. */
  public static Optional<Map<String, FileStat>> outputsNow(Path directory) {
    return Listing.outputs(directory);
  }

  /** The stat of every input file now, or empty when the inputs cannot be vouched for by stats. */
  public static Optional<Map<String, Input>> inputsNow(List<Path> paths) {
    long now = System.currentTimeMillis(); // before the stats: a time older than it by the margin has settled
    return Listing.inputs(paths).map(files -> {
      Map<String, Input> inputs = new TreeMap<>();
      files.forEach((name, stat) -> inputs.put(name, new Input(stat, stat.settledAt(now))));
      return inputs;
    });
  }

  /**
   * Whether a run with {@code key} would find what the record describes: every input file with its recorded,
   * settled stat (none added or removed), and every output file as left (none added or removed; a file whose stat
   * had not settled is read and must have its recorded digest). Returns the record to keep (those files now
   * settled), or empty.
   */
  public static Optional<Contents> stillHolds(Contents record, String key, List<Path> paths, Path directory)
      throws IOException {
    if (record.key() == null || !record.key().equals(key)
        || !record.inputs().values().stream().allMatch(Input::settled)) {
      return Optional.empty();
    }
    Optional<Map<String, FileStat>> inputs = Listing.inputs(paths);
    if (inputs.isEmpty() || !inputs.get().keySet().equals(record.inputs().keySet())) {
      return Optional.empty();
    }
    for (Map.Entry<String, FileStat> input : inputs.get().entrySet()) {
      if (!input.getValue().equals(record.inputs().get(input.getKey()).stat())) {
        return Optional.empty();
      }
    }
    Optional<Map<String, FileStat>> outputs = Listing.outputs(directory);
    if (outputs.isEmpty() || !outputs.get().keySet().equals(record.outputs().keySet())) {
      return Optional.empty();
    }
    Map<String, Output> kept = new TreeMap<>(record.outputs());
    boolean checked = false;
    for (Map.Entry<String, FileStat> output : outputs.get().entrySet()) {
      Output recorded = record.outputs().get(output.getKey());
      if (!output.getValue().equals(recorded.stat())) {
        return Optional.empty();
      }
      if (recorded.digest() != null && !recorded.settled()) {
        Optional<Output> now = check(directory.resolve(output.getKey()), recorded.digest());
        if (now.isEmpty()) {
          return Optional.empty();
        }
        kept.put(output.getKey(), now.get());
        checked = true;
      }
    }
    return Optional.of(checked ? new Contents(record.key(), record.exitCode(), record.report(), record.selected(),
        record.serviceFiles(), record.inputs(), kept) : record);
  }

  /** The file as an output entry if its bytes have {@code digest}; its stat is taken before reading. */
  public static Optional<Output> check(Path file, String digest) throws IOException {
    long now = System.currentTimeMillis();
    Optional<FileStat> stat = FileStat.of(file);
    if (stat.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readAllBytes();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (bytes.length != stat.get().size() || !Digest.ofOutput(bytes).equals(digest)) {
      return Optional.empty();
    }
    return Optional.of(new Output(stat.get(), digest, stat.get().settledAt(now)));
  }

  private static Path file(Path directory) {
    return directory.resolve(DerivationCache.FOLDER).resolve(FILE);
  }
}
