package dev.lattice.engine.render;

import dev.lattice.engine.PlatformSettings.GpuPlugin;
import dev.lattice.engine.params.GpuParams;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pod needs to get the GPUs its {@code type: gpu} resources ask for: the device plugin's resource limits on
 * the container that owns the ports, the model's node selector, the toleration of GPU nodes' taint, the NVIDIA
 * runtime class and a memory-backed {@code /dev/shm} (frameworks share tensors through it; the default 64Mi is too
 * small).
 */
final class Gpus {
  static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
  static final String TAINT = "nvidia.com/gpu";
  static final String RUNTIME_CLASS = "nvidia";
  static final String SHM_VOLUME = "dshm";

  private Gpus() {}

  /** The extended resources for the device plugin, in a stable order. */
  static Map<String, Quantity> limits(GpuParams gpu, GpuPlugin plugin) {
    Map<String, Quantity> limits = new LinkedHashMap<>();
    switch (plugin) {
      case nvidia -> limits.put("nvidia.com/gpu", new Quantity(Long.toString(gpu.count())));
      case volcano -> {
        limits.put("volcano.sh/vgpu-number", new Quantity(Long.toString(gpu.count())));
        gpu.memoryMib().ifPresent(m -> limits.put("volcano.sh/vgpu-memory", new Quantity(Long.toString(m))));
        gpu.compute().ifPresent(c -> limits.put("volcano.sh/vgpu-cores", new Quantity(Long.toString(c))));
      }
    }
    return limits;
  }

  static VolumeMount shmMount() {
    VolumeMount mount = new VolumeMount();
    mount.setName(SHM_VOLUME);
    mount.setMountPath("/dev/shm");
    return mount;
  }

  static Volume shmVolume() {
    EmptyDirVolumeSource memory = new EmptyDirVolumeSource();
    memory.setMedium("Memory");
    Volume volume = new Volume();
    volume.setName(SHM_VOLUME);
    volume.setEmptyDir(memory);
    return volume;
  }

  /** Node selector, toleration and runtime class. */
  static void schedule(PodSpec pod, GpuParams gpu) {
    gpu.model().ifPresent(model -> pod.setNodeSelector(new LinkedHashMap<>(Map.of(PRODUCT_LABEL, model))));
    Toleration toleration = new Toleration();
    toleration.setKey(TAINT);
    toleration.setOperator("Exists");
    toleration.setEffect("NoSchedule");
    pod.setTolerations(new ArrayList<>(List.of(toleration)));
    pod.setRuntimeClassName(RUNTIME_CLASS);
  }
}
