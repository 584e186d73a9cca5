package dev.lattice.engine;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every service the engine is given, keyed by namespace/name. A service is derived against the fleet so that
 * references to other services (their host and port) resolve; the order services were given in never matters.
 */
public final class Fleet {
  private final SortedMap<ServiceRef, ServiceInput> services;

  private Fleet(SortedMap<ServiceRef, ServiceInput> services) {
    this.services = Collections.unmodifiableSortedMap(services);
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
    return new Fleet(byRef);
  }

  public static Fleet of(ServiceInput... inputs) {
    return of(List.of(inputs));
  }

  public Optional<ServiceIntent> find(ServiceRef ref) {
    return Optional.ofNullable(services.get(ref)).map(ServiceInput::intent);
  }

  /** All services in namespace/name order. */
  public Collection<ServiceInput> services() {
    return services.values();
  }

  public int size() {
    return services.size();
  }
}
