package dev.lattice.cli.io;

/** A document that could not be read: the file, the line (1-based, 0 when unknown) and what to fix. */
public record InputError(String file, int line, String message) {
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
