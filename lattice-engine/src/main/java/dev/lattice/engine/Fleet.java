package dev.lattice.engine;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.graph.ServiceGraph;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * Every service the engine is given, keyed by namespace/name, with the service graph they form. A service is
 * derived against its fleet so that references to other services (host, port, consent) resolve; the order services
 * were given in never matters. Immutable: {@link #with} and {@link #without} return new fleets.
 */
public final class Fleet {
  // Persistent: with and without share every untouched entry with this fleet (O(log N), no copy of the fleet).
  private final TreePMap<ServiceRef, ServiceInput> services;
  private final ServiceGraph graph;
  /** name to the services of that name in any namespace, for "did you mean" on a missing dependency. */
  private final HashPMap<String, TreePSet<ServiceRef>> byName;
  /** What {@link #derived} computed of this fleet, by key (a fleet is immutable, so each value holds for its life). */
  private final ConcurrentHashMap<Object, Object> derived = new ConcurrentHashMap<>();

  private Fleet(
      TreePMap<ServiceRef, ServiceInput> services, ServiceGraph graph, HashPMap<String, TreePSet<ServiceRef>> byName) {
    this.services = services;
    this.graph = graph;
    this.byName = byName;
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
    HashPMap<String, TreePSet<ServiceRef>> byName = HashTreePMap.empty();
    for (ServiceRef ref : byRef.keySet()) {
      byName = byName.plus(ref.name(), byName.getOrDefault(ref.name(), TreePSet.empty()).plus(ref));
    }
    return new Fleet(TreePMap.fromSortedMap(byRef),
        ServiceGraph.of(byRef.values().stream().map(ServiceInput::intent).toList()), byName);
  }

  public static Fleet of(ServiceInput... inputs) {
    return of(List.of(inputs));
  }

  /** This fleet with {@code input} added, or replacing the service of the same namespace/name. */
  public Fleet with(ServiceInput input) {
    ServiceRef ref = input.intent().ref();
    HashPMap<String, TreePSet<ServiceRef>> names = services.containsKey(ref) ? byName
        : byName.plus(ref.name(), byName.getOrDefault(ref.name(), TreePSet.empty()).plus(ref));
    return new Fleet(services.plus(ref, input), graph.with(input.intent()), names);
  }

  /** This fleet without the service. */
  public Fleet without(ServiceRef ref) {
    TreePSet<ServiceRef> named = byName.getOrDefault(ref.name(), TreePSet.empty()).minus(ref);
    return new Fleet(services.minus(ref), graph.without(ref),
        named.isEmpty() ? byName.minus(ref.name()) : byName.plus(ref.name(), named));
  }

  /** The services in {@code namespace}, in name order. */
  public Collection<ServiceRef> inNamespace(String namespace) {
    return services.subMap(new ServiceRef(namespace, ""), true, new ServiceRef(namespace + "\u0000", ""), false)
        .keySet();
  }

  /** The services named {@code name}, in any namespace. */
  public Collection<ServiceRef> named(String name) {
    return byName.getOrDefault(name, TreePSet.empty());
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

  /**
   * {@code compute} applied to this fleet, once per {@code key} however many services ask, on whichever thread asks
   * first (the others wait). For what every service of a fleet reads whole, such as a quota's admission pass over
   * every service it covers: computed per service, a fleet-wide quota made a run quadratic in the fleet's size.
   * {@code compute} must depend on nothing but the fleet and what {@code key} holds (compared by equals).
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(Object key, Function<Fleet, T> compute) {
    return (T) derived.computeIfAbsent(key, k -> compute.apply(this));
  }
}
