package dev.lattice.engine.render;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * What one container's variables, files and volumes render to: the objects that carry the data, and the wiring the
 * container and pod need to use them.
 */
public record ContainerConfig(
    List<HasMetadata> objects,
    List<EnvVar> env,
    List<EnvFromSource> envFrom,
    List<VolumeMount> mounts,
    List<Volume> volumes) {
  public ContainerConfig {
    objects = List.copyOf(objects);
    env = List.copyOf(env);
    envFrom = List.copyOf(envFrom);
    mounts = List.copyOf(mounts);
    volumes = List.copyOf(volumes);
  }
}
