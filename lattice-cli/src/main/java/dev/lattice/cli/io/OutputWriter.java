package dev.lattice.cli.io;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code DIR/<namespace>/<name>.yaml} per derived service. A service that failed gets no file, and a file
 * left from an earlier run for it is removed, so the directory never holds a half-valid state.
 */
public final class OutputWriter {
  private final Path root;
  /** Namespace directories already made: creating one per service cost a failed mkdir (and an exception) each. */
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();

  public OutputWriter(Path root) {
    this.root = root;
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
    Path file = root.resolve(derivation.ref().namespace()).resolve(derivation.ref().name() + ".yaml");
    if (derivation instanceof Derivation.Derived derived) {
      if (!directories.contains(file.getParent())) {
        Files.createDirectories(file.getParent());
        directories.add(file.getParent());
      }
      Files.writeString(file, Manifests.yaml(derived.resources()), StandardCharsets.UTF_8);
    } else {
      Files.deleteIfExists(file);
    }
  }
}
