package dev.lattice.graph;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.MapPSet;
import org.pcollections.TreePSet;

/**
 * The immutable graph of a fleet. Besides each service's own declarations it keeps two reverse indexes (who
 * declares a service as a dependency, who accepts a service as a caller) so that the edges of one service are
 * found without scanning the fleet, and a change touches only the entries of the services it names.
 */
public final class ServiceGraph {
  // Persistent maps and sets: a change shares everything it does not touch with the graph it came from, so it costs
  // O(log N) instead of a copy of the fleet. Hash maps, because the graph is only ever looked up (every result that
  // is listed gets sorted), and hashing a ref is cheaper than comparing refs down a tree.
  private final HashPMap<ServiceRef, Declarations> nodes;
  /** callee to the services declaring it outbound. */
  private final HashPMap<ServiceRef, TreePSet<ServiceRef>> declaredBy;
  /** caller to the services accepting it inbound (by name, not by "*"). */
  private final HashPMap<ServiceRef, TreePSet<ServiceRef>> acceptedBy;
  /**
   * Declared services (callee or caller) that do not exist, kept up to date by every change so that finding who
   * declares a missing service never scans the fleet: a fleet start-up adds N services one at a time.
   */
  private final MapPSet<ServiceRef> dangling;

  private ServiceGraph(
      HashPMap<ServiceRef, Declarations> nodes,
      HashPMap<ServiceRef, TreePSet<ServiceRef>> declaredBy,
      HashPMap<ServiceRef, TreePSet<ServiceRef>> acceptedBy,
      MapPSet<ServiceRef> dangling) {
    this.nodes = nodes;
    this.declaredBy = declaredBy;
    this.acceptedBy = acceptedBy;
    this.dangling = dangling;
  }

  public static ServiceGraph empty() {
    return new ServiceGraph(HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(), HashTreePSet.empty());
  }

  public static ServiceGraph of(Collection<ServiceIntent> intents) {
    Map<ServiceRef, Declarations> nodes = new HashMap<>();
    Map<ServiceRef, SortedSet<ServiceRef>> declaredBy = new HashMap<>();
    Map<ServiceRef, SortedSet<ServiceRef>> acceptedBy = new HashMap<>();
    for (ServiceIntent intent : intents) {
      Declarations d = Declarations.of(intent);
      nodes.put(d.ref(), d);
      for (ServiceRef callee : d.outbound().keySet()) {
        declaredBy.computeIfAbsent(callee, k -> new TreeSet<>()).add(d.ref());
      }
      for (ServiceRef caller : d.inbound().keySet()) {
        acceptedBy.computeIfAbsent(caller, k -> new TreeSet<>()).add(d.ref());
      }
    }
    Set<ServiceRef> dangling = new HashSet<>(declaredBy.keySet());
    dangling.addAll(acceptedBy.keySet());
    dangling.removeAll(nodes.keySet());
    return new ServiceGraph(HashTreePMap.from(nodes), persistent(declaredBy), persistent(acceptedBy),
        HashTreePSet.from(dangling));
  }

  private static HashPMap<ServiceRef, TreePSet<ServiceRef>> persistent(Map<ServiceRef, SortedSet<ServiceRef>> index) {
    Map<ServiceRef, TreePSet<ServiceRef>> out = new HashMap<>();
    index.forEach((k, v) -> out.put(k, TreePSet.fromSortedSet(v)));
    return HashTreePMap.from(out);
  }

  /** A new graph with {@code intent} added or replacing the service of the same namespace/name. */
  public ServiceGraph with(ServiceIntent intent) {
    Declarations next = Declarations.of(intent);
    return replace(next.ref(), next);
  }

  /** A new graph without the service. */
  public ServiceGraph without(ServiceRef ref) {
    return replace(ref, null);
  }

  private ServiceGraph replace(ServiceRef ref, Declarations next) {
    Declarations previous = nodes.get(ref);
    HashPMap<ServiceRef, Declarations> nodes = this.nodes.minus(ref);
    HashPMap<ServiceRef, TreePSet<ServiceRef>> declaredBy = this.declaredBy;
    HashPMap<ServiceRef, TreePSet<ServiceRef>> acceptedBy = this.acceptedBy;
    if (previous != null) {
      declaredBy = index(declaredBy, previous.outbound().keySet(), ref, false);
      acceptedBy = index(acceptedBy, previous.inbound().keySet(), ref, false);
    }
    if (next != null) {
      nodes = nodes.plus(ref, next);
      declaredBy = index(declaredBy, next.outbound().keySet(), ref, true);
      acceptedBy = index(acceptedBy, next.inbound().keySet(), ref, true);
    }
    // Only the service itself and the services it declared before or after can change whether they dangle.
    MapPSet<ServiceRef> dangling = this.dangling;
    List<ServiceRef> touched = new ArrayList<>();
    touched.add(ref);
    for (Declarations d : new Declarations[] {previous, next}) {
      if (d != null) {
        touched.addAll(d.outbound().keySet());
        touched.addAll(d.inbound().keySet());
      }
    }
    for (ServiceRef candidate : touched) {
      boolean declared = declaredBy.containsKey(candidate) || acceptedBy.containsKey(candidate);
      dangling = declared && !nodes.containsKey(candidate) ? dangling.plus(candidate) : dangling.minus(candidate);
    }
    return new ServiceGraph(nodes, declaredBy, acceptedBy, dangling);
  }

  /** Adds or removes {@code value} under each of {@code keys} of a reverse index. */
  private static HashPMap<ServiceRef, TreePSet<ServiceRef>> index(
      HashPMap<ServiceRef, TreePSet<ServiceRef>> index, Set<ServiceRef> keys, ServiceRef value, boolean add) {
    for (ServiceRef key : keys) {
      TreePSet<ServiceRef> set = index.getOrDefault(key, TreePSet.empty());
      set = add ? set.plus(value) : set.minus(value);
      index = set.isEmpty() ? index.minus(key) : index.plus(key, set);
    }
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
    out.addAll(declaredBy.getOrDefault(ref, TreePSet.empty()));
    out.addAll(acceptedBy.getOrDefault(ref, TreePSet.empty()));
    out.remove(ref);
    return out;
  }

  /**
   * The services that declare, as dependency or caller, a service that does not exist and passes {@code filter}.
   * Looks only at the services that are declared and missing, never at the whole fleet.
   */
  public SortedSet<ServiceRef> declaringMissing(java.util.function.Predicate<ServiceRef> filter) {
    SortedSet<ServiceRef> out = new TreeSet<>();
    for (ServiceRef missing : dangling) {
      if (filter.test(missing)) {
        out.addAll(declaredBy.getOrDefault(missing, TreePSet.empty()));
        out.addAll(acceptedBy.getOrDefault(missing, TreePSet.empty()));
      }
    }
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
    for (ServiceRef callee : acceptedBy.getOrDefault(ref, TreePSet.empty())) {
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
    SortedSet<ServiceRef> declaring = declaredBy.getOrDefault(ref, TreePSet.empty());
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
