package dev.lattice.engine.validate;

import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import java.util.List;
import java.util.Map;

/** {@code spec.backup} is not derived yet, but its hooks are checked now so specs stay valid after an upgrade. */
final class BackupRules {
  private BackupRules() {}

  static void check(ServiceSpec spec, Problems problems) {
    if (!(spec.deferred().get("backup") instanceof Map<?, ?> backup)) {
      return;
    }
    if (!(backup.get("hooks") instanceof Map<?, ?> hooks)) {
      return;
    }
    for (String phase : List.of("pre", "post")) {
      if (!(hooks.get(phase) instanceof List<?> list)) {
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        String path = "spec.backup.hooks." + phase + "[" + i + "]";
        Object hook = list.get(i);
        Object command = hook instanceof Map<?, ?> h ? h.get("command") : null;
        if (!(command instanceof List<?> parts) || parts.isEmpty()) {
          problems.add(
              Reason.InvalidBackupHook,
              path + ".command",
              "the backup hook has no command.",
              "give the hook a command, e.g. command: [\"/bin/sh\", \"-c\", \"pg_dump ...\"].");
        } else if (!String.valueOf(parts.get(0)).startsWith("/")) {
          problems.add(
              Reason.InvalidBackupHook,
              path + ".command[0]",
              "'" + parts.get(0) + "' is not an absolute path.",
              "start the command with the binary's absolute path, e.g. /bin/sh.");
        }
      }
    }
  }
}
