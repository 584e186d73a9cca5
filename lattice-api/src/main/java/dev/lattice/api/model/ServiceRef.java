package dev.lattice.api.model;

import java.util.Comparator;
import java.util.Objects;

/** The identity of a service in the fleet: namespace and name. */
public record ServiceRef(String namespace, String name) implements Comparable<ServiceRef> {
  private static final Comparator<ServiceRef> ORDER =
      Comparator.comparing(ServiceRef::namespace).thenComparing(ServiceRef::name);

  public ServiceRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int compareTo(ServiceRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
