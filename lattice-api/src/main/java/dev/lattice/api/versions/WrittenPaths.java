package dev.lattice.api.versions;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.v1.V1Mapper;
import dev.lattice.api.v1beta1.V1beta1Mapper;
import java.util.function.Function;

/**
 * Field paths as the user wrote them. The model and the rules name fields by their v1alpha1 paths (model paths,
 * e.g. {@code spec.workload.resources.db.params}); a diagnostic about a v1beta1 or v1 document must name the field
 * of that version ({@code spec.secrets.db.params}). Each version's mapper says where its entries live; this class
 * only dispatches and rewrites the prefix.
 */
public final class WrittenPaths {
  static final String CONTAINERS = "spec.workload.containers";
  static final String PORTS = "spec.workload.service.ports";
  static final String RESOURCES = "spec.workload.resources";

  private WrittenPaths() {}

  /** {@code modelPath} as written in {@code apiVersion}, for the service whose spec is {@code spec}. */
  public static String of(String apiVersion, ServiceSpec spec, String modelPath) {
    if (apiVersion.equals(V1beta1Mapper.API_VERSION)) {
      return V1beta1Mapper.writtenPath(spec, modelPath);
    }
    if (apiVersion.equals(V1Mapper.API_VERSION)) {
      return V1Mapper.writtenPath(spec, modelPath);
    }
    return modelPath;
  }

  /** The diagnostic at the path as written, and with the two unambiguous model paths in its text rewritten. */
  public static Diagnostic of(String apiVersion, ServiceSpec spec, Diagnostic d) {
    if (!apiVersion.equals(V1beta1Mapper.API_VERSION) && !apiVersion.equals(V1Mapper.API_VERSION)) {
      return d;
    }
    String path = of(apiVersion, spec, d.fieldPath());
    return new Diagnostic(d.reason(), path, text(d.problem()), text(d.fix()));
  }

  private static String text(String message) {
    if (!message.contains("spec.workload.")) {
      return message;
    }
    return message.replace(CONTAINERS, "spec.containers").replace(PORTS, "spec.ports");
  }

  /**
   * The translation for the flat layouts (v1beta1, v1): containers and ports lifted to the spec, each resource in
   * the section {@code section} names for it, everything outside {@code spec.workload} unchanged.
   */
  public static String flattened(ServiceSpec spec, String modelPath, Function<Resource, String> section) {
    if (!modelPath.startsWith("spec.workload")) {
      return modelPath;
    }
    if (modelPath.equals("spec.workload")) {
      return "spec.containers";
    }
    if (modelPath.startsWith(CONTAINERS)) {
      return "spec.containers" + modelPath.substring(CONTAINERS.length());
    }
    if (modelPath.startsWith(PORTS)) {
      return "spec.ports" + modelPath.substring(PORTS.length());
    }
    if (modelPath.equals("spec.workload.service")) {
      return "spec.ports";
    }
    if (modelPath.startsWith(RESOURCES + ".")) {
      String rest = modelPath.substring(RESOURCES.length() + 1);
      Resource best = null;
      for (Resource r : spec.resources().values()) {
        String name = r.name();
        if (rest.startsWith(name) && (rest.length() == name.length() || rest.charAt(name.length()) == '.'
            || rest.charAt(name.length()) == '[') && (best == null || name.length() > best.name().length())) {
          best = r;
        }
      }
      if (best != null) {
        return section.apply(best) + "." + rest;
      }
      return "spec.dependencies." + rest;
    }
    if (modelPath.equals(RESOURCES)) {
      return "spec.dependencies";
    }
    return "spec" + modelPath.substring("spec.workload".length());
  }

  /** The v1beta1 section of a resource (v1 splits dependencies further). */
  public static String section(Resource r) {
    return switch (r.type()) {
      case SERVICE, EXTERNAL_SERVICE -> "spec.dependencies";
      case SECRET -> "spec.secrets";
      case VOLUME -> "spec.volumes";
      case GPU, CUSTOM -> "spec.resources";
    };
  }
}
