package dev.lattice.engine.mesh;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.render.IngressGateway;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The namespace's ambient waypoint, a Gateway API {@code Gateway} {@code waypoint} of class {@code istio-waypoint}
 * with the one HBONE listener {@code mesh} on 15008. In the ambient mesh ztunnel enforces only L4; the L7 policy on
 * a ServiceEntry (its AuthorizationPolicy's {@code targetRefs}) is enforced by the waypoint the entry names in its
 * {@code istio.io/use-waypoint} label, so without this Gateway the egress policy of {@link ExternalServiceEntries}
 * would bind to nothing.
 *
 * <p>Shared like the ingress Gateway ({@link IngressGateway}): every service with a ServiceEntry derives the same
 * part, which the operator applies under the service's own field manager, so the waypoint stays until the last
 * such service of the namespace lets go; the CLI writes it once per namespace. It serves services only
 * ({@code istio.io/waypoint-for: service}: ServiceEntries count as services), never the namespace's pods, which
 * keep their own L4 policies, and it carries no service label and no owner, as no single service owns it.
 */
public final class Waypoint {
  /** The name {@code istioctl waypoint apply} gives a namespace's waypoint, and the one the ServiceEntries name. */
  public static final String NAME = "waypoint";
  public static final String GATEWAY_CLASS = "istio-waypoint";
  static final String LISTENER = "mesh";

  private Waypoint() {}

  /** The service's part of the waypoint: present when it derives a ServiceEntry (a permitted FQDN endpoint). */
  public static Optional<GenericKubernetesResource> of(ServiceContext context) {
    boolean fqdn = context.externals().values().stream().anyMatch(ExternalServiceEntries::hasHosts);
    return fqdn ? Optional.of(gateway(context.namespace())) : Optional.empty();
  }

  /**
   * Whether a service that derived has a part of its namespace's waypoint, read from its spec alone (the CLI decides
   * from the fleet which namespaces get one, also for services derived in an earlier run).
   */
  public static boolean needed(ServiceIntent service) {
    for (Map.Entry<String, Resource> entry : service.spec().resources().entrySet()) {
      if (entry.getValue().type() == Resource.Type.EXTERNAL_SERVICE && ExternalServiceEntries.hasHosts(
          ExternalEndpoints.parse(entry.getValue(), "spec.workload.resources." + entry.getKey()).value())) {
        return true;
      }
    }
    return false;
  }

  /** The whole waypoint of a namespace (every part is the same). */
  public static GenericKubernetesResource gateway(String namespace) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(NAME);
    meta.setNamespace(namespace);
    Map<String, String> labels = new TreeMap<>();
    labels.put(Meta.MANAGED_BY, "lattice");
    labels.put("istio.io/waypoint-for", "service");
    meta.setLabels(labels);
    Map<String, Object> listener = new LinkedHashMap<>();
    listener.put("name", LISTENER);
    listener.put("port", MeshPolicies.HBONE_PORT);
    listener.put("protocol", "HBONE");
    // The API server's default, written out so the derived object is what is live.
    listener.put("allowedRoutes", Map.of("namespaces", Map.of("from", "Same")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("gatewayClassName", GATEWAY_CLASS);
    spec.put("listeners", List.of(listener));
    return Meta.generic(IngressGateway.API_VERSION, IngressGateway.KIND, meta, Map.of("spec", spec));
  }
}
