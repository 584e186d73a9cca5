package dev.lattice.cli.io;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.versions.ApiVersion;

/** The warning lattice derive gives once per service written in a deprecated version, with the command to move. */
final class Deprecation {
  private Deprecation() {}

  static Diagnostic warning(ServiceRef service, ApiVersion version, String file) {
    return new Diagnostic(Reason.DeprecatedApiVersion, "apiVersion",
        service + " in " + file + " is written in " + version.apiVersion() + ", which is deprecated and may break "
            + "in a later release; the cluster stores it as " + ApiVersion.STORAGE.apiVersion() + ".",
        "run lattice migrate --to " + ApiVersion.STORAGE.version() + " " + file + ", review the diff and apply "
            + "the migrated file.");
  }
}
