package dev.lattice.dashboard;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An escape hatch (a LatticeMeshMember, a LatticePackage, any kind with {@code spec.owner}, {@code spec.reason} and
 * {@code spec.expires}). A field the document lacks is empty, so a hatch without an owner is still counted.
 *
 * @param team the team of its namespace ({@link Teams}); {@code owner} is who answers for it
 * @param source the file it came from, when read from files
 */
public record EscapeHatch(
    String kind,
    String namespace,
    String name,
    String team,
    Optional<String> owner,
    Optional<String> reason,
    Optional<LocalDate> expires,
    Optional<String> source) {
  public EscapeHatch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(source, "source");
  }

  /** {@code namespace/name}. */
  public String id() {
    return namespace + "/" + name;
  }
}
