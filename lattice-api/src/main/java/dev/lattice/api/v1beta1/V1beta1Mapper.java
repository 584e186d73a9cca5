package dev.lattice.api.v1beta1;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.v1alpha1.LatticeServiceSpec.Workload;
import dev.lattice.api.v1alpha1.ResourceSpec;
import dev.lattice.api.v1alpha1.SharedSpec;
import dev.lattice.api.v1alpha1.SpecMapper;
import dev.lattice.api.versions.WrittenPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a v1beta1 document onto the model: the one place that knows the v1beta1 layout. It hands the shared mapper
 * the objects it read, arranged as a workload (no tree is copied), and says where each entry was written.
 */
public final class V1beta1Mapper {
  public static final String API_VERSION = LatticeService.API_VERSION;

  private V1beta1Mapper() {}

  public static MappedIntent map(LatticeService resource) {
    return map(resource, List.of());
  }

  public static MappedIntent map(LatticeService resource, List<UnknownField> unknownFields) {
    LatticeServiceSpec spec = resource.getSpec() == null ? new LatticeServiceSpec() : resource.getSpec();
    return SpecMapper.map(resource, API_VERSION, spec, workload(spec), unknownFields);
  }

  /** The v1alpha1-shaped workload of the flat sections; null when none is written (nothing to run). */
  static Workload workload(LatticeServiceSpec spec) {
    if (spec.containers == null && spec.ports == null && spec.dependencies == null && spec.secrets == null
        && spec.volumes == null && spec.resources == null) {
      return null;
    }
    Map<String, ResourceSpec> resources = new LinkedHashMap<>();
    if (spec.dependencies != null) {
      spec.dependencies.forEach((name, d) -> resources.put(name, dependency(d)));
    }
    if (spec.secrets != null) {
      spec.secrets.forEach((name, s) -> resources.put(name, s == null ? typed("secret")
          : entry("secret", s.resourceClass, s.id, s.metadata, s.params)));
    }
    if (spec.volumes != null) {
      spec.volumes.forEach((name, v) -> resources.put(name, v == null ? typed("volume")
          : entry("volume", v.resourceClass, v.id, v.metadata, v.params)));
    }
    if (spec.resources != null) {
      spec.resources.forEach(resources::put);
    }
    return workload(spec.containers, spec.ports, resources);
  }

  public static Workload workload(
      Map<String, dev.lattice.api.v1alpha1.ContainerSpec> containers, Map<String, SharedSpec.PortSpec> ports,
      Map<String, ResourceSpec> resources) {
    Workload workload = new Workload();
    workload.containers = containers;
    if (ports != null) {
      workload.service = new SharedSpec.ServicePorts();
      workload.service.ports = ports;
    }
    workload.resources = resources;
    return workload;
  }

  private static ResourceSpec dependency(Dependency d) {
    if (d == null) {
      return null;
    }
    ResourceSpec r = entry(d.type, d.resourceClass, d.id, d.metadata, d.params);
    r.direction = d.direction;
    r.namespace = d.namespace;
    return r;
  }

  private static ResourceSpec typed(String type) {
    ResourceSpec r = new ResourceSpec();
    r.type = type;
    return r;
  }

  /** A v1alpha1 resource holding the fields the entry has (the maps are shared, not copied). */
  public static ResourceSpec entry(
      String type, String resourceClass, String id, ResourceSpec.ResourceMetadata metadata,
      Map<String, Object> params) {
    ResourceSpec r = typed(type);
    r.resourceClass = resourceClass;
    r.id = id;
    r.metadata = metadata;
    r.params = params;
    return r;
  }

  /** Where a model path was written in v1beta1. */
  public static String writtenPath(ServiceSpec spec, String modelPath) {
    return WrittenPaths.flattened(spec, modelPath, WrittenPaths::section);
  }
}
