package dev.lattice.cli.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Puts a fully written temporary file in place of another, so a reader never sees half a file. */
public final class AtomicReplace {
  private AtomicReplace() {}

  /**
   * Moves {@code temporary} over {@code target}: atomically where the file system can, else a plain replace (the
   * caches that use this check what they read, so a torn file there is a miss, never a wrong hit).
   */
  public static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
