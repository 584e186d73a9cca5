package dev.lattice.engine.template;

import dev.lattice.api.model.Resource;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.VolumeParams;

/** The PersistentVolumeClaim name behind a volume resource. */
public final class VolumeClaims {
  private VolumeClaims() {}

  /** Shared volumes (with an id) are {@code vol-<id>}; private ones {@code <service>-<resource>}. */
  public static String claimName(ServiceContext context, Resource resource) {
    VolumeParams params = context.volumes().get(resource.name());
    if (params != null && params.sharedId().isPresent()) {
      return "vol-" + params.sharedId().get();
    }
    return context.name() + "-" + resource.name();
  }
}
