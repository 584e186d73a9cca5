package dev.lattice.cli.io;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code DIR/<namespace>/<name>.yaml} per derived service. A service that failed gets no file, and a file
 * left from an earlier run for it is removed, so the directory never holds a half-valid state.
 */
public final class OutputWriter {
  private final Path root;

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
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + derivation.ref().name(), ".tmp");
      Files.writeString(temp, Manifests.yaml(derived.resources()), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } else {
      Files.deleteIfExists(file);
    }
  }
}
