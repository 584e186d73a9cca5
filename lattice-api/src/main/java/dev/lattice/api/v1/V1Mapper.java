package dev.lattice.api.v1;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.v1alpha1.ContainerSpec;
import dev.lattice.api.v1alpha1.LatticeServiceSpec.Workload;
import dev.lattice.api.v1alpha1.ResourceSpec;
import dev.lattice.api.v1alpha1.SpecMapper;
import dev.lattice.api.v1beta1.V1beta1Mapper;
import dev.lattice.api.versions.WrittenPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps a v1 document (the hub) onto the model: the one place that knows the v1 layout. A service in both
 * {@code spec.dependencies.outbound} and {@code .inbound} is one dependency in both directions.
 */
public final class V1Mapper {
  public static final String API_VERSION = LatticeService.API_VERSION;

  private V1Mapper() {}

  public static MappedIntent map(LatticeService resource) {
    return map(resource, List.of());
  }

  public static MappedIntent map(LatticeService resource, List<UnknownField> unknownFields) {
    LatticeServiceSpec spec = resource.getSpec() == null ? new LatticeServiceSpec() : resource.getSpec();
    List<Diagnostic> own = new ArrayList<>();
    MappedIntent mapped = SpecMapper.map(resource, API_VERSION, spec, workload(spec, own), unknownFields);
    runtimeImages(spec.containers, "spec.containers", own);
    runtimeImages(spec.sidecars, "spec.sidecars", own);
    if (own.isEmpty()) {
      return mapped;
    }
    List<Diagnostic> all = new ArrayList<>(mapped.diagnostics());
    all.addAll(own);
    return new MappedIntent(mapped.intent(), all);
  }

  private static Workload workload(LatticeServiceSpec spec, List<Diagnostic> own) {
    if (spec.containers == null && spec.ports == null && spec.dependencies == null && spec.secrets == null
        && spec.volumes == null && spec.resources == null) {
      return null;
    }
    Map<String, ResourceSpec> resources = new LinkedHashMap<>();
    var outbound = spec.dependencies == null || spec.dependencies.outbound == null
        ? Map.<String, Dependency>of() : spec.dependencies.outbound;
    var inbound = spec.dependencies == null || spec.dependencies.inbound == null
        ? Map.<String, Dependency>of() : spec.dependencies.inbound;
    outbound.forEach((name, d) -> {
      Dependency reverse = inbound.get(name);
      String direction = inbound.containsKey(name) ? "both" : null;
      if (inbound.containsKey(name) && !same(d, reverse)) {
        own.add(new Diagnostic(Reason.InvalidDirection, "spec.dependencies.inbound." + name,
            "'" + name + "' is in both spec.dependencies.outbound and spec.dependencies.inbound, with different "
                + "fields; a service in both directions is one dependency.",
            "write the same type, id, namespace, class, metadata and params in both entries, or keep only the "
                + "direction you mean."));
      }
      resources.put(name, resource(d, direction));
    });
    inbound.forEach((name, d) -> {
      if (!outbound.containsKey(name)) {
        resources.put(name, resource(d, "inbound"));
      }
    });
    if (spec.secrets != null) {
      spec.secrets.forEach((name, s) -> resources.put(name, s == null ? V1beta1Mapper.entry("secret", null, null,
          null, null) : V1beta1Mapper.entry("secret", s.resourceClass, s.id, s.metadata, s.params)));
    }
    if (spec.volumes != null) {
      spec.volumes.forEach((name, v) -> resources.put(name, v == null ? V1beta1Mapper.entry("volume", null, null,
          null, null) : V1beta1Mapper.entry("volume", v.resourceClass, v.id, v.metadata, v.params)));
    }
    if (spec.resources != null) {
      spec.resources.forEach(resources::put);
    }
    return V1beta1Mapper.workload(spec.containers, spec.ports, resources);
  }

  private static ResourceSpec resource(Dependency d, String direction) {
    Dependency dep = d == null ? new Dependency() : d;
    ResourceSpec r = V1beta1Mapper.entry(dep.type, dep.resourceClass, dep.id, dep.metadata, dep.params);
    r.namespace = dep.namespace;
    r.direction = direction;
    return r;
  }

  private static boolean same(Dependency a, Dependency b) {
    Dependency x = a == null ? new Dependency() : a;
    Dependency y = b == null ? new Dependency() : b;
    return Objects.equals(x.type, y.type) && Objects.equals(x.resourceClass, y.resourceClass)
        && Objects.equals(x.id, y.id) && Objects.equals(x.namespace, y.namespace)
        && Objects.equals(x.metadata == null ? null : x.metadata.annotations,
            y.metadata == null ? null : y.metadata.annotations)
        && Objects.equals(x.params, y.params);
  }

  /** v1 promises a spec says what runs: the runtime-supplied image "." is v1alpha1 and v1beta1 only. */
  private static void runtimeImages(Map<String, ? extends ContainerSpec> containers, String path,
      List<Diagnostic> own) {
    if (containers == null) {
      return;
    }
    containers.forEach((name, c) -> {
      if (c != null && ".".equals(c.image)) {
        String field = path + "." + name + ".image";
        own.add(new Diagnostic(Reason.InvalidImage, field,
            "image '.' (supplied by the runtime at deploy time) is not part of lattice.dev/v1: a v1 spec names "
                + "the image it runs.",
            "choose the image and write it here, e.g. image: ghcr.io/acme/app:1.4.2@sha256:<digest> (or keep the "
                + "spec in lattice.dev/v1beta1 until you can)."));
      }
    });
  }

  /** Where a model path was written in v1: dependencies in the map of their direction (outbound for both). */
  public static String writtenPath(ServiceSpec spec, String modelPath) {
    return WrittenPaths.flattened(spec, modelPath, r -> switch (r.type()) {
      case SERVICE, EXTERNAL_SERVICE -> r.direction() == Resource.Direction.INBOUND
          ? "spec.dependencies.inbound" : "spec.dependencies.outbound";
      default -> WrittenPaths.section(r);
    });
  }
}
