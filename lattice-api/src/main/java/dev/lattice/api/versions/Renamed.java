package dev.lattice.api.versions;

import java.util.Optional;

/**
 * A field a user wrote under its name in another served version ({@code spec.workload} in a v1 document): what it
 * is called here, so the unknown-field message can say "did you mean" for this version's name.
 *
 * @param meant the field of the same object it stands for, when there is one
 * @param problem the sentence saying so
 * @param fix how to write it in this version
 */
public record Renamed(Optional<String> meant, String problem, String fix) {
  /** For a v1beta1 or v1 document, the v1alpha1 names moved out of spec.workload. */
  static Optional<Renamed> flat(String version, String parent, String field) {
    if (parent.equals("spec") && field.equals("workload")) {
      return Optional.of(new Renamed(Optional.of("containers"),
          "'workload' is the lattice.dev/v1alpha1 field; " + version + " has no spec.workload, so it is ignored. "
              + "Did you mean 'containers'?",
          "move spec.workload.containers to spec.containers and spec.workload.service.ports to spec.ports, and "
              + "split spec.workload.resources into spec.dependencies, spec.secrets and spec.volumes (lattice "
              + "migrate --to " + version.substring(version.indexOf('/') + 1) + " FILE does it for you)."));
    }
    if ((parent.startsWith("spec.secrets.") || parent.startsWith("spec.volumes.")) && field.equals("type")
        && parent.indexOf('.', "spec.secrets.".length() - 1) == parent.lastIndexOf('.')) {
      return Optional.of(new Renamed(Optional.empty(),
          "'type' is not a field here: the section an entry is in says its type; it is ignored.",
          "remove type, or move the entry to the section of its type."));
    }
    return Optional.empty();
  }

  /** Which served version a reader is for, for messages: {@code lattice.dev/v1}. */
  public static Optional<Renamed> of(ApiVersion version, String parent, String field) {
    return switch (version) {
      case V1ALPHA1 -> Optional.empty();
      case V1BETA1 -> flat(version.apiVersion(), parent, field);
      case V1 -> flat(version.apiVersion(), parent, field).or(() -> v1(parent, field));
    };
  }

  private static Optional<Renamed> v1(String parent, String field) {
    if (parent.equals("spec.dependencies")) {
      return Optional.of(new Renamed(Optional.of("outbound"),
          "'" + field + "' is not a field here: lattice.dev/v1 lists each dependency under spec.dependencies."
              + "outbound (services this one calls) or spec.dependencies.inbound (services that call it); it is "
              + "ignored.",
          "move it to spec.dependencies.outbound." + field + " or spec.dependencies.inbound." + field
              + " (both, for both directions)."));
    }
    if (parent.startsWith("spec.dependencies.") && field.equals("direction")
        && parent.split("\\.").length == 4) {
      String name = parent.substring(parent.lastIndexOf('.') + 1);
      return Optional.of(new Renamed(Optional.empty(),
          "'direction' is the lattice.dev/v1beta1 field; in lattice.dev/v1 the map an entry is in says its "
              + "direction, so it is ignored.",
          "remove direction; for both directions, write '" + name + "' under both spec.dependencies.outbound and "
              + "spec.dependencies.inbound."));
    }
    return Optional.empty();
  }
}
