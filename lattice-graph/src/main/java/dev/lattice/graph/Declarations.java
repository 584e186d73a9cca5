package dev.lattice.graph;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one service says about traffic: the services it calls and the callers it accepts, each with the name of the
 * {@code spec.workload.resources} entry that says so (messages point users at it).
 *
 * @param outbound callee to resource name
 * @param inbound caller to resource name
 * @param anyCaller the resource name of an inbound {@code id: "*"} entry, if any
 */
public record Declarations(
    ServiceRef ref,
    SortedMap<ServiceRef, String> outbound,
    SortedMap<ServiceRef, String> inbound,
    Optional<String> anyCaller) {
  public static final String ANY = "*";

  public Declarations {
    outbound = Collections.unmodifiableSortedMap(new TreeMap<>(outbound));
    inbound = Collections.unmodifiableSortedMap(new TreeMap<>(inbound));
  }

  /** Reads the {@code type: service} resources of a spec; the first resource (by name) naming a service wins. */
  public static Declarations of(ServiceIntent intent) {
    ServiceRef self = intent.ref();
    SortedMap<ServiceRef, String> outbound = new TreeMap<>();
    SortedMap<ServiceRef, String> inbound = new TreeMap<>();
    String any = null;
    for (Resource r : intent.spec().resources().values()) {
      if (r.type() != Resource.Type.SERVICE) {
        continue;
      }
      String namespace = r.namespace().orElse(self.namespace());
      String name = r.id().orElse(r.name());
      if (r.direction().inbound()) {
        if (name.equals(ANY)) {
          any = any == null ? r.name() : any;
        } else {
          inbound.putIfAbsent(new ServiceRef(namespace, name), r.name());
        }
      }
      if (r.direction().outbound() && !name.equals(ANY)) {
        outbound.putIfAbsent(new ServiceRef(namespace, name), r.name());
      }
    }
    return new Declarations(self, outbound, inbound, Optional.ofNullable(any));
  }

  public boolean accepts(ServiceRef caller) {
    return inbound.containsKey(caller) || anyCaller.isPresent();
  }
}
