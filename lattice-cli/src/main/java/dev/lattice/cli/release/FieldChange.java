package dev.lattice.cli.release;

/**
 * One difference inside an object.
 *
 * @param path where, with list elements named where they have a name ({@code containers[name=app]})
 * @param pattern the path with list elements and free-form map keys replaced by {@code [*]}: what groups the same
 *     change across services
 */
public record FieldChange(String path, String pattern, Change change) {
  /** What happened at the path. */
  public enum Change { added, removed, changed }

  /** A hash annotation ({@code lattice.dev/config-hash} and the like), which changes when what it hashes does. */
  public boolean isHash() {
    return pattern.contains("annotations[") && pattern.endsWith("-hash]");
  }
}
