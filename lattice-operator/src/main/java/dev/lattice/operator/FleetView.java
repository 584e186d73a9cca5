package dev.lattice.operator;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.versions.ServedTypes;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;

/**
 * The engine's fleet, kept up to date from LatticeService informer events one service at a time: the fleet is a
 * persistent map, so an event costs O(log N) and start-up over N services O(N log N), where rebuilding it from the
 * cache on every reconcile cost O(N) each and O(N²) in all. A service marked for deletion is no longer part of it.
 *
 * <p>One thread (the informer's) writes, under a lock all the same; reconciles read an immutable snapshot. Each
 * change remembers the other services whose derivation it can change ({@link Engine#affected}), which the event
 * source requeues.
 */
final class FleetView {
  /**
   * The fleet and the uid@generation of every service in it (an update that changes neither changes nothing), in
   * one immutable value so that a reader never sees one without the other.
   */
  private record Snapshot(Fleet fleet, HashPMap<ServiceRef, String> versions) {}

  private volatile Snapshot snapshot = new Snapshot(Fleet.of(List.of()), HashTreePMap.empty());
  private volatile Change last = new Change(null, Set.of());
  /**
   * Services a change to a service affects beyond {@link Engine#affected} (those its LatticeQuotas cover after it),
   * and who hears of every change (the LatticeQuota controller); both set once at wiring.
   */
  private volatile java.util.function.BiFunction<Fleet, ServiceRef, Set<ServiceRef>> alsoAffected =
      (fleet, ref) -> Set.of();
  private volatile java.util.function.Consumer<ServiceRef> listener = ref -> {};
  /** False while the informer hands over its initial list: every service gets its own first reconcile then. */
  private volatile boolean caughtUp;

  /** The services other than {@code changed} whose derivation the last change to {@code changed} can alter. */
  record Change(ServiceRef changed, Set<ServiceRef> affected) {}

  /** Engine input for a LatticeService of any served version (the operator's own are v1, the storage version). */
  static ServiceInput input(HasMetadata resource) {
    MappedIntent mapped = ServedTypes.map(resource);
    return new ServiceInput(mapped.intent(), mapped.diagnostics());
  }

  static ServiceRef ref(LatticeService resource) {
    return new ServiceRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  /** A full rebuild, as every reconcile once did: what the incremental view must always equal. */
  static Fleet rebuild(Stream<LatticeService> cached) {
    return Fleet.of(cached.filter(s -> s.getMetadata().getDeletionTimestamp() == null)
        .map(FleetView::input).toList());
  }

  void alsoAffected(java.util.function.BiFunction<Fleet, ServiceRef, Set<ServiceRef>> extra) {
    this.alsoAffected = extra;
  }

  void listen(java.util.function.Consumer<ServiceRef> listener) {
    this.listener = listener;
  }

  Fleet fleet() {
    return snapshot.fleet();
  }

  int size() {
    return snapshot.fleet().size();
  }

  /** The fleet as a reconcile of {@code resource} must see it: with that very version of the service. */
  Fleet fleetFor(LatticeService resource, ServiceInput input) {
    Snapshot current = snapshot;
    // The primary cache and this view's informer see events at slightly different times; the reconciled
    // resource's own declarations must be the ones its derivation uses (an overlay is O(log N) too).
    return version(resource).equals(current.versions().get(ref(resource)))
        ? current.fleet() : current.fleet().with(input);
  }

  /** True when the view holds every one of {@code cached} at its generation (or newer news of it). */
  boolean holdsAll(Stream<LatticeService> cached) {
    HashPMap<ServiceRef, String> versions = snapshot.versions();
    return cached.allMatch(s -> s.getMetadata().getDeletionTimestamp() != null
        || versions.get(ref(s)) != null && generation(versions.get(ref(s))) >= generation(version(s)));
  }

  private static long generation(String version) {
    return Long.parseLong(version.substring(version.lastIndexOf('@') + 1));
  }

  /** Records an added or updated service (or one now marked for deletion); returns what that change affects. */
  synchronized Change observe(LatticeService resource) {
    ServiceRef ref = ref(resource);
    if (resource.getMetadata().getDeletionTimestamp() != null) {
      return remove(ref);
    }
    String version = version(resource);
    Snapshot current = snapshot;
    if (version.equals(current.versions().get(ref))) {
      return record(ref, Set.of());
    }
    Fleet after = current.fleet().with(input(resource));
    snapshot = new Snapshot(after, current.versions().plus(ref, version));
    return changed(ref, others(current.fleet(), after, ref), after);
  }

  /** Records a deleted service. */
  synchronized Change deleted(LatticeService resource) {
    return remove(ref(resource));
  }

  void caughtUp() {
    caughtUp = true;
  }

  /**
   * The services to reconcile again for the event of {@code resource}: what its last change affects, once the
   * view has caught up with the initial list (before that, requeues would only reconcile services twice).
   */
  Set<ServiceRef> requeues(LatticeService resource) {
    return caughtUp ? affectedBy(resource) : Set.of();
  }

  /** What the last change of {@code resource} affects; empty when the last change was to another service. */
  Set<ServiceRef> affectedBy(LatticeService resource) {
    Change change = last;
    return ref(resource).equals(change.changed()) ? change.affected() : Set.of();
  }

  private Change remove(ServiceRef ref) {
    Snapshot current = snapshot;
    if (!current.versions().containsKey(ref)) {
      return record(ref, Set.of());
    }
    Fleet after = current.fleet().without(ref);
    snapshot = new Snapshot(after, current.versions().minus(ref));
    return changed(ref, others(current.fleet(), after, ref), after);
  }

  private Change changed(ServiceRef ref, Set<ServiceRef> affected, Fleet after) {
    Set<ServiceRef> extra = alsoAffected.apply(after, ref);
    Change change = record(ref, extra.isEmpty() ? affected : union(affected, extra, ref));
    listener.accept(ref);
    return change;
  }

  private static Set<ServiceRef> union(Set<ServiceRef> a, Set<ServiceRef> b, ServiceRef except) {
    SortedSet<ServiceRef> out = new TreeSet<>(a);
    out.addAll(b);
    out.remove(except);
    return Set.copyOf(out);
  }

  private Change record(ServiceRef ref, Set<ServiceRef> affected) {
    Change change = new Change(ref, affected);
    last = change;
    return change;
  }

  /** The services of {@code after} other than {@code ref} whose derivation the change can alter. */
  private static Set<ServiceRef> others(Fleet before, Fleet after, ServiceRef ref) {
    SortedSet<ServiceRef> out = new TreeSet<>();
    for (ServiceRef r : Engine.affected(before, after, ref)) {
      if (!r.equals(ref) && after.input(r).isPresent()) {
        out.add(r);
      }
    }
    return Set.copyOf(out);
  }

  private static String version(LatticeService resource) {
    Long generation = Objects.requireNonNullElse(resource.getMetadata().getGeneration(), 0L);
    return resource.getMetadata().getUid() + "@" + generation;
  }
}
