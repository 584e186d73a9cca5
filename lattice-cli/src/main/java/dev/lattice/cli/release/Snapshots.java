package dev.lattice.cli.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lattice.engine.output.Manifests;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The snapshot file: gzip of JSON lines, the header first, then one line per service in namespace/name order. Keys
 * are written in a fixed order and gzip's header carries no time, so the same fleet gives the same bytes.
 */
public final class Snapshots {
  private static final ObjectWriter LINE = Manifests.jsonMapper().writer();

  private Snapshots() {}

  /** A snapshot that cannot be read: the message names the file, what is wrong and the fix. */
  public static final class SnapshotException extends IOException {
    public SnapshotException(String message) {
      super(message);
    }
  }

  /** Writes the stream to {@code out} as it comes; returns the number of services written. */
  public static int write(ServiceStream services, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    int count = 0;
    try (OutputStream file = Files.newOutputStream(out);
        OutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16)) {
      writeLine(gzip, services.header().toJson());
      while (services.hasNext()) {
        writeLine(gzip, services.next().toJson());
        count++;
      }
    }
    return count;
  }

  private static void writeLine(OutputStream out, JsonNode node) throws IOException {
    out.write(LINE.writeValueAsBytes(node));
    out.write('\n');
  }

  /** Opens a snapshot for reading, one service at a time. */
  public static ServiceStream read(Path file) throws IOException {
    BufferedReader reader;
    String first;
    try {
      reader = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
      first = reader.readLine();
    } catch (NoSuchFileException e) {
      throw new SnapshotException(file + ": no such file. Fix: give the file `lattice snapshot --out` wrote.");
    } catch (ZipException e) {
      throw new SnapshotException(file + ": not a Lattice snapshot (not gzip). Fix: give the file "
          + "`lattice snapshot --out` wrote.");
    }
    SnapshotHeader header = first == null ? null : parseHeader(first);
    if (header == null) {
      reader.close();
      throw new SnapshotException(file + ": not a Lattice snapshot of format " + SnapshotHeader.FORMAT_NAME + " "
          + SnapshotHeader.FORMAT + ". Fix: write it again with `lattice snapshot` of this Lattice version.");
    }
    return new FileStream(file, header, reader);
  }

  private static SnapshotHeader parseHeader(String line) {
    try {
      return SnapshotHeader.fromJson(Manifests.jsonMapper().readTree(line));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static final class FileStream implements ServiceStream {
    private final Path file;
    private final SnapshotHeader header;
    private final BufferedReader reader;
    private String next;
    private int line = 1;
    private String previous;

    FileStream(Path file, SnapshotHeader header, BufferedReader reader) {
      this.file = file;
      this.header = header;
      this.reader = reader;
    }

    @Override
    public SnapshotHeader header() {
      return header;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          next = reader.readLine();
          line++;
        } catch (IOException e) {
          throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
      }
      return next != null;
    }

    @Override
    public ServiceRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      try {
        ServiceRecord record = ServiceRecord.fromJson(Manifests.jsonMapper().readTree(next));
        // The merge of two snapshots relies on the order; a file out of order would pair the wrong services.
        if (previous != null && ServiceRecord.compareServices(previous, record.service()) >= 0) {
          throw new UncheckedIOException(new SnapshotException(file + " line " + line + ": service "
              + record.service() + " after " + previous + "; a snapshot lists services in order. Fix: write it "
              + "again with `lattice snapshot`."));
        }
        previous = record.service();
        return record;
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(new SnapshotException(file + " line " + line + ": not JSON ("
            + e.getOriginalMessage() + "). Fix: write the snapshot again with `lattice snapshot`."));
      } finally {
        next = null;
      }
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
