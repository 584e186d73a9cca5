package dev.lattice.dashboard;

import java.util.Map;

/** Teams come from the namespace label {@value #LABEL}, falling back to the namespace name. */
public final class Teams {
  public static final String LABEL = "lattice.dev/team";

  private Teams() {}

  /** The team of a namespace with these labels (none known: the namespace name). */
  public static String of(String namespace, Map<String, String> labels) {
    String team = labels == null ? null : labels.get(LABEL);
    return team == null || team.isBlank() ? namespace : team.strip();
  }
}
