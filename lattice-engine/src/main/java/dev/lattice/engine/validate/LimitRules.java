package dev.lattice.engine.validate;

import dev.lattice.api.Limits;
import dev.lattice.api.model.Container;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.render.FileKeys;
import java.util.Locale;
import java.util.Map;

/**
 * The per-service counts of {@link Limits}, checked before every other rule: a service over one of them gets only
 * these errors, so that no rule's work (or report) grows with a hostile count. Also the derived names that only a
 * long field can push past Kubernetes' 253 characters, reported at that field rather than at apply time.
 */
final class LimitRules {
  private LimitRules() {}

  /** True when the service is within every count limit (the other rules may run). */
  static boolean check(ServiceContext context, Problems problems) {
    ServiceSpec spec = context.intent().spec();
    int before = problems.list().size();
    count(problems, "spec.workload.containers", spec.containers().size() + spec.sidecars().size(), Limits.CONTAINERS,
        "containers and sidecars", "split the service, or run helpers as separate services");
    count(problems, "spec.workload.resources", spec.resources().size(), Limits.RESOURCES, "resources",
        "split the service");
    count(problems, "spec.workload.service.ports", spec.ports().size(), Limits.PORTS, "ports", "split the service");
    count(problems, "spec.ingress.routes", spec.routes().size(), Limits.ROUTES, "routes",
        "route several paths through one route's rules");
    containers(problems, "spec.workload.containers.", spec.containers());
    containers(problems, "spec.sidecars.", spec.sidecars());
    if (problems.list().size() > before) {
      return false;
    }
    secretFileNames(context, "spec.workload.containers.", spec.containers(), problems);
    secretFileNames(context, "spec.sidecars.", spec.sidecars(), problems);
    return true;
  }

  private static void containers(Problems problems, String prefix, Map<String, Container> containers) {
    containers.forEach((name, c) -> {
      count(problems, prefix + name + ".variables", c.variables().size(), Limits.VARIABLES, "variables",
          "read settings from a file (files:) or split the container's configuration");
      count(problems, prefix + name + ".files", c.files().size(), Limits.FILES, "files",
          "ship the files in the image, or mount a volume");
    });
  }

  private static void count(Problems problems, String path, int count, int limit, String what, String fix) {
    if (count > limit) {
      problems.add(Reason.TooManyEntries, path, "the service declares " + count + " " + what + " here, more than "
          + "the " + limit + " Lattice accepts; no other rule was checked.", fix + ".");
    }
  }

  /**
   * A file that mixes text and {@code ${secret...}} becomes its own ExternalSecret, named
   * {@code <service>-<container>-file-<path as a name>} (plus a 9-character hash when two paths collide).
   */
  private static void secretFileNames(
      ServiceContext context, String prefix, Map<String, Container> containers, Problems problems) {
    containers.forEach((name, c) -> c.files().forEach((path, file) -> {
      if (file.content().filter(text -> text.contains("${secret.")).isEmpty()) {
        return;
      }
      String readable = FileKeys.key(path).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
      int length = context.name().length() + 1 + name.length() + "-file-".length() + readable.length() + 9;
      if (length > Limits.OBJECT_NAME_CHARS && ContainerRules.isConfigKey(FileKeys.key(path))) {
        problems.add(Reason.DerivedNameTooLong, prefix + name + ".files." + path, "the file's path makes the name "
            + "of its ExternalSecret (" + context.name() + "-" + name + "-file-...) " + length + " characters "
            + "long, more than the " + Limits.OBJECT_NAME_CHARS + " Kubernetes allows for an object name.",
            "shorten the path to at most " + (Limits.OBJECT_NAME_CHARS - length + path.length()) + " characters, "
            + "e.g. mount the file in a shorter directory.");
      }
    }));
  }
}
