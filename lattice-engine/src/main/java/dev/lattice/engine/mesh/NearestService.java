package dev.lattice.engine.mesh;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Suggestions;
import dev.lattice.engine.Fleet;
import java.util.List;
import java.util.Optional;

/**
 * The existing service a dependency or caller that matches nothing most likely means: the same name in another
 * namespace (the namespace was wrong or left out), else the nearest name in the same namespace. Only existence
 * counts, so {@link #couldMean} tells the incremental engine which missing references a new or removed service
 * can change the suggestion of.
 */
public final class NearestService {
  private NearestService() {}

  public static Optional<ServiceRef> of(Fleet fleet, ServiceRef missing) {
    List<ServiceRef> sameName = fleet.named(missing.name()).stream().toList();
    if (!sameName.isEmpty()) {
      List<String> namespaces = sameName.stream().map(ServiceRef::namespace).toList();
      String namespace = Suggestions.nearest(missing.namespace(), namespaces).orElse(namespaces.get(0));
      return Optional.of(new ServiceRef(namespace, missing.name()));
    }
    List<String> names = fleet.inNamespace(missing.namespace()).stream().map(ServiceRef::name).toList();
    return Suggestions.nearest(missing.name(), names).map(n -> new ServiceRef(missing.namespace(), n));
  }

  /** True when {@code existing} appearing or disappearing can change the suggestion for {@code missing}. */
  public static boolean couldMean(ServiceRef missing, ServiceRef existing) {
    return missing.name().equals(existing.name()) || missing.namespace().equals(existing.namespace());
  }
}
