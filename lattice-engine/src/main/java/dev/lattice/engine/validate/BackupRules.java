package dev.lattice.engine.validate;

import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import java.util.List;
import java.util.Map;

/** {@code spec.backup} is not derived yet, but its hooks are checked now so specs stay valid after an upgrade. */
final class BackupRules {
  private static final List<String> ON_ERROR = List.of("Continue", "Fail");

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
        Map<?, ?> fields = hook instanceof Map<?, ?> h ? h : Map.of();
        for (String required : List.of("name", "container")) {
          if (!(fields.get(required) instanceof String text) || text.isBlank()) {
            problems.add(
                Reason.InvalidBackupHook,
                path + "." + required,
                "the backup hook has no " + required + ".",
                required.equals("name")
                    ? "name the hook, e.g. name: freeze (it becomes part of the backup annotations)."
                    : "set container to the container the hook runs in, e.g. container: main.");
          }
        }
        Object onError = fields.get("onError");
        if (onError != null && !ON_ERROR.contains(String.valueOf(onError))) {
          problems.add(
              Reason.InvalidBackupHook,
              path + ".onError",
              "'" + onError + "' is not a hook error action.",
              "use Continue (the default: the backup goes on) or Fail (the backup fails with the hook).");
        }
        Object command = fields.get("command");
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
