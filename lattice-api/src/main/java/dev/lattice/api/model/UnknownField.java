package dev.lattice.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A field the reader found in the document but ignored because the API version has no such field. Kept in the
 * model so that a rule failing for a missing field can say that the field was probably written under another name.
 *
 * @param parent dotted path of the object holding it ("" at the root), e.g. {@code spec.workload.containers.main}
 * @param name the field as written, e.g. {@code comand}
 * @param meant the field of the same object it most likely stands for, only when that field is absent from the
 *     document (so the typo explains why it is missing)
 */
public record UnknownField(String parent, String name, Optional<String> meant) {
  public UnknownField {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meant, "meant");
  }

  /** The dotted path of the unknown field itself. */
  public String path() {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The path of the field it most likely stands for. */
  public Optional<String> meantPath() {
    return meant.map(m -> parent().isEmpty() ? m : parent() + "." + m);
  }

  /**
   * True when a problem reported at {@code fieldPath} concerns the meant field or something inside it, e.g. the
   * unknown {@code resource} explains a missing {@code resources.limits}.
   */
  public boolean explains(String fieldPath) {
    return meantPath().filter(
        p -> fieldPath.equals(p) || fieldPath.startsWith(p + ".") || fieldPath.startsWith(p + "[")).isPresent();
  }

  /**
   * The sentence a message adds: {@code Did you mean 'command' for the unknown field 'comand' at
   * spec.workload.containers.main.comand? It was ignored.} Empty when nothing is meant.
   */
  public String hint() {
    return meant.map(m -> "Did you mean '" + m + "' for the unknown field '" + name() + "' at " + path()
        + "? It was ignored.").orElse("");
  }

  /** The start of a fix: {@code rename 'comand' to 'command'; otherwise, } (empty when nothing is meant). */
  public String renameFix() {
    return meant.map(m -> "rename '" + name + "' to '" + m + "'; otherwise, ").orElse("");
  }
}
