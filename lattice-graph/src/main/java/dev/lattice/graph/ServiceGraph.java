package dev.lattice.graph;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The immutable graph of a fleet. Besides each service's own declarations it keeps two reverse indexes (who
 * declares a service as a dependency, who accepts a service as a caller) so that the edges of one service are
 * found without scanning the fleet, and a change touches only the entries of the services it names.
 */
public final class ServiceGraph {
  private final Map<ServiceRef, Declarations> nodes;
  /** callee to the services declaring it outbound. */
  private final Map<ServiceRef, SortedSet<ServiceRef>> declaredBy;
  /** caller to the services accepting it inbound (by name, not by "*"). */
  private final Map<ServiceRef, SortedSet<ServiceRef>> acceptedBy;

  private ServiceGraph(
      Map<ServiceRef, Declarations> nodes,
      Map<ServiceRef, SortedSet<ServiceRef>> declaredBy,
      Map<ServiceRef, SortedSet<ServiceRef>> acceptedBy) {
    this.nodes = nodes;
    this.declaredBy = declaredBy;
    this.acceptedBy = acceptedBy;
  }

  public static ServiceGraph empty() {
    return new ServiceGraph(Map.of(), Map.of(), Map.of());
  }

  public static ServiceGraph of(Collection<ServiceIntent> intents) {
    Map<ServiceRef, Declarations> nodes = new HashMap<>();
    Map<ServiceRef, SortedSet<ServiceRef>> declaredBy = new HashMap<>();
    Map<ServiceRef, SortedSet<ServiceRef>> acceptedBy = new HashMap<>();
    for (ServiceIntent intent : intents) {
      Declarations d = Declarations.of(intent);
      nodes.put(d.ref(), d);
      index(d, declaredBy, acceptedBy, true);
    }
    return new ServiceGraph(nodes, freeze(declaredBy), freeze(acceptedBy));
  }

  /** A new graph with {@code intent} added or replacing the service of the same namespace/name. */
  public ServiceGraph with(ServiceIntent intent) {
    Declarations next = Declarations.of(intent);
    return replace(next.ref(), Optional.of(next));
  }

  /** A new graph without the service. */
  public ServiceGraph without(ServiceRef ref) {
    return replace(ref, Optional.empty());
  }

  private ServiceGraph replace(ServiceRef ref, Optional<Declarations> next) {
    Map<ServiceRef, Declarations> nodes = new HashMap<>(this.nodes);
    Map<ServiceRef, SortedSet<ServiceRef>> declaredBy = new HashMap<>(this.declaredBy);
    Map<ServiceRef, SortedSet<ServiceRef>> acceptedBy = new HashMap<>(this.acceptedBy);
    Declarations previous = nodes.remove(ref);
    if (previous != null) {
      index(previous, declaredBy, acceptedBy, false);
    }
    next.ifPresent(d -> {
      nodes.put(ref, d);
      index(d, declaredBy, acceptedBy, true);
    });
    return new ServiceGraph(nodes, declaredBy, acceptedBy);
  }

  /** Adds or removes one service's entries in the reverse indexes, copying only the sets it touches. */
  private static void index(
      Declarations d,
      Map<ServiceRef, SortedSet<ServiceRef>> declaredBy,
      Map<ServiceRef, SortedSet<ServiceRef>> acceptedBy,
      boolean add) {
    for (ServiceRef callee : d.outbound().keySet()) {
      update(declaredBy, callee, d.ref(), add);
    }
    for (ServiceRef caller : d.inbound().keySet()) {
      update(acceptedBy, caller, d.ref(), add);
    }
  }

  private static void update(
      Map<ServiceRef, SortedSet<ServiceRef>> index, ServiceRef key, ServiceRef value, boolean add) {
    SortedSet<ServiceRef> set = new TreeSet<>(index.getOrDefault(key, Collections.emptySortedSet()));
    if (add) {
      set.add(value);
    } else {
      set.remove(value);
    }
    if (set.isEmpty()) {
      index.remove(key);
    } else {
      index.put(key, Collections.unmodifiableSortedSet(set));
    }
  }

  private static Map<ServiceRef, SortedSet<ServiceRef>> freeze(Map<ServiceRef, SortedSet<ServiceRef>> index) {
    index.replaceAll((k, v) -> Collections.unmodifiableSortedSet(v));
    return index;
  }

  public boolean contains(ServiceRef ref) {
    return nodes.containsKey(ref);
  }

  public Optional<Declarations> declarations(ServiceRef ref) {
    return Optional.ofNullable(nodes.get(ref));
  }

  public int size() {
    return nodes.size();
  }

  /**
   * Every service whose derived output can change when {@code ref} changes: those it declares (as callee or
   * caller) and those declaring it. Combine the result of the old and the new graph to cover removed edges.
   */
  public SortedSet<ServiceRef> neighbours(ServiceRef ref) {
    SortedSet<ServiceRef> out = new TreeSet<>();
    Declarations d = nodes.get(ref);
    if (d != null) {
      out.addAll(d.outbound().keySet());
      out.addAll(d.inbound().keySet());
    }
    out.addAll(declaredBy.getOrDefault(ref, Collections.emptySortedSet()));
    out.addAll(acceptedBy.getOrDefault(ref, Collections.emptySortedSet()));
    out.remove(ref);
    return out;
  }

  /** The edges where {@code ref} is the caller, sorted by callee. */
  public List<Edge> edgesFrom(ServiceRef ref) {
    List<Edge> out = new ArrayList<>();
    Declarations caller = nodes.get(ref);
    Set<ServiceRef> declared = caller == null ? Set.of() : caller.outbound().keySet();
    if (caller != null) {
      caller.outbound().forEach((callee, resource) -> out.add(edge(ref, callee)));
    }
    for (ServiceRef callee : acceptedBy.getOrDefault(ref, Collections.emptySortedSet())) {
      if (!declared.contains(callee)) {
        out.add(edge(ref, callee));
      }
    }
    Collections.sort(out);
    return out;
  }

  /** The edges where {@code ref} is the callee, sorted by caller. */
  public List<Edge> edgesTo(ServiceRef ref) {
    List<Edge> out = new ArrayList<>();
    Declarations callee = nodes.get(ref);
    SortedSet<ServiceRef> declaring = declaredBy.getOrDefault(ref, Collections.emptySortedSet());
    for (ServiceRef caller : declaring) {
      out.add(edge(caller, ref));
    }
    if (callee != null) {
      for (ServiceRef caller : callee.inbound().keySet()) {
        if (!declaring.contains(caller)) {
          out.add(edge(caller, ref));
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Every edge of the fleet, sorted by caller then callee. */
  public List<Edge> edges() {
    SortedSet<Edge> out = new TreeSet<>();
    for (ServiceRef ref : nodes.keySet()) {
      out.addAll(edgesFrom(ref));
      out.addAll(edgesTo(ref));
    }
    return List.copyOf(out);
  }

  /** The state of the edge from {@code caller} to {@code callee}, from both sides' declarations. */
  public Edge edge(ServiceRef caller, ServiceRef callee) {
    Declarations from = nodes.get(caller);
    Declarations to = nodes.get(callee);
    Optional<String> callerResource = Optional.ofNullable(from == null ? null : from.outbound().get(callee));
    Optional<String> explicit = Optional.ofNullable(to == null ? null : to.inbound().get(caller));
    Optional<String> calleeResource = explicit.isPresent() ? explicit
        : callerResource.isPresent() && to != null ? to.anyCaller() : Optional.empty();
    boolean viaAny = explicit.isEmpty() && calleeResource.isPresent();
    EdgeState state;
    if (callerResource.isPresent()) {
      state = to == null ? EdgeState.UNKNOWN_TARGET
          : calleeResource.isPresent() ? EdgeState.ACTIVE : EdgeState.PENDING_CALLEE;
    } else {
      state = from == null ? EdgeState.UNKNOWN_CALLER : EdgeState.PENDING_CALLER;
    }
    return new Edge(caller, callee, state, callerResource, calleeResource, viaAny);
  }
}
