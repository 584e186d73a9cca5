package dev.lattice.api.model;

import java.util.Objects;

/** The identity of a service in the fleet: namespace and name. */
public record ServiceRef(String namespace, String name) implements Comparable<ServiceRef> {
  public ServiceRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int compareTo(ServiceRef other) {
    // Written out rather than a Comparator chain: graph lookups compare refs millions of times per fleet.
    int byNamespace = namespace.compareTo(other.namespace);
    return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceRef other && name.equals(other.name) && namespace.equals(other.namespace);
  }

  @Override
  public int hashCode() {
    return 31 * namespace.hashCode() + name.hashCode();
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
