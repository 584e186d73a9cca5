package dev.lattice.api.versions;

import java.util.Objects;

/**
 * A case conversion cannot decide (v1 has no runtime-supplied image "."): the team must choose.
 *
 * @param fieldPath the field as written in the source version, e.g. {@code spec.workload.containers.main.image}
 * @param problem what cannot be converted and why
 * @param choice the decision to make, with an example
 */
public record Decision(String fieldPath, String problem, String choice) {
  public Decision {
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(choice, "choice");
  }
}
