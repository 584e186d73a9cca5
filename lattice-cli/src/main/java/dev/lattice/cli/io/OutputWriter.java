package dev.lattice.cli.io;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import dev.lattice.engine.validate.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code DIR/<namespace>/<name>.yaml} per derived service. A service that failed gets no file, and a file
 * left from an earlier run for it is removed, so the directory never holds a half-valid state.
 *
 * <p>Namespace and name come from the spec. Only valid Kubernetes names become paths (validation rejects the rest,
 * and no file can exist for them); as a second line of defence every path is checked to stay inside DIR, through
 * symbolic links too, and one that would leave it is an internal error that touches nothing.
 */
public final class OutputWriter {
  private final Path root;
  /**
   * Namespace directories checked (and, for writing, made), by namespace: creating one per service cost a failed
   * mkdir (and an exception) each, and the containment check a real-path lookup each.
   */
  private final Map<String, Path> directories = new ConcurrentHashMap<>();

  private volatile Path realRoot;

  public OutputWriter(Path root) {
    this.root = root.toAbsolutePath().normalize();
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
    ServiceRef ref = derivation.ref();
    boolean valid = Names.isNamespace(ref.namespace()) && Names.isDnsLabel(ref.name());
    if (derivation instanceof Derivation.Derived derived) {
      if (!valid) {
        throw new IllegalStateException("refusing to write " + printable(ref) + ": not a valid namespace and name, "
            + "yet derived");
      }
      Path file = file(ref, true).orElseThrow();
      // NOFOLLOW_LINKS: a symbolic link planted at the file's place cannot redirect the write out of DIR.
      Files.write(file, Manifests.yaml(derived.resources()).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } else if (valid) {
      // A name that fails validation never had a file written, so there is nothing of it to remove.
      Optional<Path> file = file(ref, false);
      if (file.isPresent()) {
        Files.deleteIfExists(file.get());
      }
    }
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
