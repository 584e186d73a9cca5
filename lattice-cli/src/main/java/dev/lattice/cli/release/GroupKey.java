package dev.lattice.cli.release;

import java.util.Comparator;

/**
 * What a group of changes has in common: the object kind, the normalised field path and what happened there.
 * Phase changes are kind {@code Phase} with path {@code Ready->Failed}; access changes kind {@code Access} with
 * the Cedar action (or {@code MeshEdge}) as path and change gained or lost.
 */
public record GroupKey(String kind, String pattern, String change) implements Comparable<GroupKey> {
  private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::kind)
      .thenComparing(GroupKey::pattern).thenComparing(GroupKey::change);

  /** The pattern of a whole object added or removed. */
  public static final String OBJECT = "(object)";

  @Override
  public int compareTo(GroupKey other) {
    return ORDER.compare(this, other);
  }

  /** "Deployment spec.replicas changed". */
  public String describe() {
    return kind + " " + pattern + " " + change;
  }
}
