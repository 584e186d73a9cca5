package dev.lattice.engine;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.graph.ServiceGraph;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pcollections.TreePMap;

/**
 * Every service the engine is given, keyed by namespace/name, with the service graph they form. A service is
 * derived against its fleet so that references to other services (host, port, consent) resolve; the order services
 * were given in never matters. Immutable: {@link #with} and {@link #without} return new fleets.
 */
public final class Fleet {
  // Persistent: with and without share every untouched entry with this fleet (O(log N), no copy of the fleet).
  private final TreePMap<ServiceRef, ServiceInput> services;
  private final ServiceGraph graph;

  private Fleet(TreePMap<ServiceRef, ServiceInput> services, ServiceGraph graph) {
    this.services = services;
    this.graph = graph;
  }

  /**
   * @throws IllegalArgumentException when two inputs share a namespace/name; readers report that to the user first
   */
  public static Fleet of(Collection<ServiceInput> inputs) {
    SortedMap<ServiceRef, ServiceInput> byRef = new TreeMap<>();
    for (ServiceInput input : inputs) {
      if (byRef.putIfAbsent(input.intent().ref(), input) != null) {
        throw new IllegalArgumentException("service " + input.intent().ref() + " given twice");
      }
    }
    return new Fleet(TreePMap.fromSortedMap(byRef),
        ServiceGraph.of(byRef.values().stream().map(ServiceInput::intent).toList()));
  }

  public static Fleet of(ServiceInput... inputs) {
    return of(List.of(inputs));
  }

  /** This fleet with {@code input} added, or replacing the service of the same namespace/name. */
  public Fleet with(ServiceInput input) {
    return new Fleet(services.plus(input.intent().ref(), input), graph.with(input.intent()));
  }

  /** This fleet without the service. */
  public Fleet without(ServiceRef ref) {
    return new Fleet(services.minus(ref), graph.without(ref));
  }

  public Optional<ServiceIntent> find(ServiceRef ref) {
    return Optional.ofNullable(services.get(ref)).map(ServiceInput::intent);
  }

  public Optional<ServiceInput> input(ServiceRef ref) {
    return Optional.ofNullable(services.get(ref));
  }

  /** All services in namespace/name order. */
  public Collection<ServiceInput> services() {
    return services.values();
  }

  public ServiceGraph graph() {
    return graph;
  }

  public int size() {
    return services.size();
  }
}
