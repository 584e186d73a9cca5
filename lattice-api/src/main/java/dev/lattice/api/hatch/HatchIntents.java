package dev.lattice.api.hatch;

import dev.lattice.api.model.Port;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.model.ServiceSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns an escape hatch into a fleet node, so the graph, bilateral consent and the mesh policies treat it exactly
 * like a LatticeService: its ports become the node's ports, each allowed caller an inbound and each dependency an
 * outbound {@code type: service} resource. Resource names carry the mesh section's field ({@code
 * allowedCallers.<name>}, {@code dependencies.<name>}) so consent messages can point at {@code spec.mesh.<that>}.
 */
public final class HatchIntents {
  public static final String CALLERS = "allowedCallers.";
  public static final String DEPENDENCIES = "dependencies.";

  private HatchIntents() {}

  public static ServiceIntent of(
      ServiceRef ref, String apiVersion, Optional<String> uid, long generation, Map<String, String> labels,
      Map<String, String> annotations, EscapeHatch hatch) {
    Map<String, Port> ports = new TreeMap<>();
    hatch.mesh().ports().forEach((name, p) -> ports.put(name, new Port(name, p.port(), p.port(), protocol(p.protocol()))));
    Map<String, Resource> resources = new TreeMap<>();
    hatch.mesh().allowedCallers().forEach((name, peer) -> resources.put(CALLERS + name,
        service(CALLERS + name, peer, Resource.Direction.INBOUND)));
    hatch.mesh().dependencies().forEach((name, peer) -> resources.put(DEPENDENCIES + name,
        service(DEPENDENCIES + name, peer, Resource.Direction.OUTBOUND)));
    ServiceSpec spec = new ServiceSpec(false, 0, null, null, ports, resources, Optional.empty(),
        ServiceSpec.DeployStrategy.ROLLING, null, null, Optional.empty(), ServiceSpec.Observability.none(),
        ServiceSpec.PodSettings.defaults(), null);
    return new ServiceIntent(ref, apiVersion, uid, generation, labels, annotations, spec, List.of(),
        Optional.of(hatch));
  }

  private static Resource service(String name, MeshSection.Peer peer, Resource.Direction direction) {
    // The id always set: the entry's own name (without the field prefix) is the default peer name.
    return new Resource(name, Resource.Type.SERVICE, "service", Optional.empty(),
        Optional.of(peer.id().orElse(peer.name())), direction, peer.namespace(), Map.of(), Map.of());
  }

  private static Port.Protocol protocol(String text) {
    try {
      return Port.Protocol.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Port.Protocol.TCP; // the engine reports the written value as InvalidMeshEntry
    }
  }

  /** The mesh section field path of a node resource name ({@code allowedCallers.x} to {@code spec.mesh.allowedCallers.x}). */
  public static String fieldPath(String resourceName) {
    return "spec.mesh." + resourceName;
  }
}
