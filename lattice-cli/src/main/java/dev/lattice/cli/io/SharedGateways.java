package dev.lattice.cli.io;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.mesh.Waypoint;
import dev.lattice.engine.render.IngressGateway;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How the CLI writes the namespace's shared Gateways, the ingress {@code <namespace>-ingress} and the ambient
 * waypoint {@code waypoint} ({@link Waypoint}, the same part from every service with a ServiceEntry): each once,
 * whole, the ingress with the listeners of every service of the namespace that derived, in listener-name order, so
 * the output is the same whatever order the services were read or derived in. Each service's file leaves its parts
 * out (the operator applies the parts one by one under each service's field manager; a file applied with plain
 * {@code kubectl apply} would replace the other services' listeners).
 */
public final class SharedGateways {
  private SharedGateways() {}

  /** The objects of a service's file: everything but its part of the shared Gateway. */
  public static List<HasMetadata> withoutParts(List<HasMetadata> objects) {
    List<HasMetadata> out = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) {
      if (!isPart(object)) {
        out.add(object);
      }
    }
    return out;
  }

  static boolean isPart(HasMetadata object) {
    return IngressGateway.KIND.equals(object.getKind()) && IngressGateway.API_VERSION.equals(object.getApiVersion());
  }

  /**
   * The Gateway of each given namespace (empty where no service that derived has routes).
   *
   * @param derived whether a service derived (a failed service's routes are not served)
   */
  public static SortedMap<String, Optional<HasMetadata>> of(
      Fleet fleet, Collection<String> namespaces, Predicate<ServiceRef> derived, PlatformSettings settings) {
    SortedMap<String, Optional<HasMetadata>> out = new TreeMap<>();
    for (String namespace : namespaces) {
      List<ServiceIntent> services = new ArrayList<>();
      for (ServiceRef ref : fleet.inNamespace(namespace)) {
        fleet.find(ref).filter(i -> !i.spec().routes().isEmpty() && derived.test(ref)).ifPresent(services::add);
      }
      out.put(namespace, IngressGateway.merged(namespace, services, settings).map(HasMetadata.class::cast));
    }
    return out;
  }

  /**
   * The waypoint of each given namespace: present where a service that derived has a ServiceEntry.
   *
   * @param derived whether a service derived (a failed service has no ServiceEntry)
   */
  public static SortedMap<String, Optional<HasMetadata>> waypoints(
      Fleet fleet, Collection<String> namespaces, Predicate<ServiceRef> derived) {
    SortedMap<String, Optional<HasMetadata>> out = new TreeMap<>();
    for (String namespace : namespaces) {
      boolean needed = false;
      for (ServiceRef ref : fleet.inNamespace(namespace)) {
        needed = fleet.find(ref).filter(i -> Waypoint.needed(i) && derived.test(ref)).isPresent();
        if (needed) {
          break;
        }
      }
      out.put(namespace, needed ? Optional.of(Waypoint.gateway(namespace)) : Optional.empty());
    }
    return out;
  }
}
