package dev.lattice.operator;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.LatticePackage;
import dev.lattice.api.versions.ServedTypes;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.packages.PackageHatch;
import dev.lattice.engine.packages.PackageIntent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pcollections.HashPMap;
import org.pcollections.HashTreePMap;

/**
 * The engine's fleet, kept up to date from informer events one node at a time: LatticeServices, and the escape
 * hatches (LatticeMeshMembers, LatticePackages' mesh sections) as the nodes {@code lattice derive} makes of them,
 * so consent between a service and a hatch is two-sided in the operator too. The fleet is a persistent map, so an
 * event costs O(log N) and start-up over N nodes O(N log N), where rebuilding it from the cache on every reconcile
 * cost O(N) each and O(N²) in all. A node marked for deletion is no longer part of it.
 *
 * <p>Informer threads write, under a lock; reconciles read an immutable snapshot. Each change remembers, per node,
 * the other nodes whose derivation it can change ({@link Engine#affected}), split by kind, which the event sources
 * requeue. Per node, because several informers (one per kind and controller) deliver their events concurrently.
 */
final class FleetView {
  /** What a node of the fleet is: its reconciler, and how its resource becomes engine input. */
  enum Kind {
    SERVICE, MESH_MEMBER, PACKAGE;

    static Kind of(HasMetadata resource) {
      return resource instanceof LatticeMeshMember ? MESH_MEMBER
          : resource instanceof LatticePackage ? PACKAGE : SERVICE;
    }

    static Kind of(ServiceInput input) {
      return input.intent().hatch().map(h -> h.kind() == EscapeHatch.Kind.PACKAGE ? PACKAGE : MESH_MEMBER)
          .orElse(SERVICE);
    }
  }

  /**
   * The fleet and the kind:uid@generation of every node in it (an update that changes none of them changes
   * nothing), in one immutable value so that a reader never sees one without the other.
   */
  private record Snapshot(Fleet fleet, HashPMap<ServiceRef, String> versions) {}

  private volatile Snapshot snapshot = new Snapshot(Fleet.of(List.of()), HashTreePMap.empty());
  /** The change each node's last event made (repeated events of the same version leave it). */
  private final Map<ServiceRef, Change> changes = new ConcurrentHashMap<>();
  private final Set<Kind> expected = ConcurrentHashMap.newKeySet();
  private final Set<Kind> caught = ConcurrentHashMap.newKeySet();
  /**
   * Services a change to a node affects beyond {@link Engine#affected} (those its LatticeQuotas cover after it),
   * and who hears of every change (the LatticeQuota controller); both set once at wiring.
   */
  private volatile java.util.function.BiFunction<Fleet, ServiceRef, Set<ServiceRef>> alsoAffected =
      (fleet, ref) -> Set.of();
  private volatile java.util.function.Consumer<ServiceRef> listener = ref -> {};
  /** True once every expected kind's informer has handed over its initial list (or {@link #caughtUp()}). */
  private volatile boolean caughtUp;

  /**
   * The nodes other than {@code changed} whose derivation the last change to {@code changed} can alter:
   * {@code affected} the services, {@code members} and {@code packages} the hatches of each kind.
   */
  record Change(ServiceRef changed, Set<ServiceRef> affected, Set<ServiceRef> members, Set<ServiceRef> packages) {
    Change(ServiceRef changed, Set<ServiceRef> affected) {
      this(changed, affected, Set.of(), Set.of());
    }

    Set<ServiceRef> of(Kind kind) {
      return switch (kind) {
        case SERVICE -> affected;
        case MESH_MEMBER -> members;
        case PACKAGE -> packages;
      };
    }
  }

  /** Engine input for a LatticeService of any served version (the operator's own are v1), or an escape hatch. */
  static ServiceInput input(HasMetadata resource) {
    if (resource instanceof LatticeMeshMember member) {
      return ServiceInput.of(member.intent());
    }
    if (resource instanceof LatticePackage p) {
      return PackageHatch.node(PackageIntent.of(p, p.getMetadata().getNamespace()));
    }
    MappedIntent mapped = ServedTypes.map(resource);
    return new ServiceInput(mapped.intent(), mapped.diagnostics());
  }

  static ServiceRef ref(HasMetadata resource) {
    return new ServiceRef(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  /** A full rebuild, as every reconcile once did: what the incremental view must always equal. */
  static Fleet rebuild(Stream<? extends HasMetadata> cached) {
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

  /** The services whose imagePullSecrets name {@code provider} (walks the fleet, only on such an event). */
  Set<ResourceID> pullingFrom(String provider) {
    Set<ResourceID> affected = new HashSet<>();
    for (ServiceInput input : fleet().services()) {
      if (FleetView.Kind.of(input) == FleetView.Kind.SERVICE
          && input.intent().spec().pod().imagePullSecrets().contains(provider)) {
        affected.add(new ResourceID(input.intent().ref().name(), input.intent().ref().namespace()));
      }
    }
    return affected;
  }

  /**
   * The services whose secrets name {@code provider}: a SecretProvider appearing or going changes only their
   * derivation. This walks the fleet, like a policy change, and only on such an event.
   */
  Set<ResourceID> namingProvider(String provider) {
    Set<ResourceID> affected = new HashSet<>();
    for (ServiceInput input : fleet().services()) {
      boolean names = input.intent().spec().resources().values().stream()
          .anyMatch(r -> r.type() == dev.lattice.api.model.Resource.Type.SECRET
              && provider.equals(r.params().get("provider")));
      if (names && FleetView.Kind.of(input) == FleetView.Kind.SERVICE) {
        affected.add(new ResourceID(input.intent().ref().name(), input.intent().ref().namespace()));
      }
    }
    return affected;
  }

  int size() {
    return snapshot.fleet().size();
  }

  /** The fleet as a reconcile of {@code resource} must see it: with that very version of the node. */
  Fleet fleetFor(HasMetadata resource, ServiceInput input) {
    Snapshot current = snapshot;
    // The primary cache and this view's informer see events at slightly different times; the reconciled
    // resource's own declarations must be the ones its derivation uses (an overlay is O(log N) too).
    String held = current.versions().get(ref(resource));
    if (version(resource).equals(held)) {
      return current.fleet();
    }
    // A node of another kind holds the name (first come, first served): this one derives beside it, unseen.
    return held != null && !held.startsWith(Kind.of(resource) + ":") ? current.fleet() : current.fleet().with(input);
  }

  /** True when the view holds every one of {@code cached} at its generation (or newer news of it). */
  boolean holdsAll(Stream<? extends HasMetadata> cached) {
    HashPMap<ServiceRef, String> versions = snapshot.versions();
    return cached.allMatch(s -> s.getMetadata().getDeletionTimestamp() != null
        || versions.get(ref(s)) != null && (!versions.get(ref(s)).startsWith(Kind.of(s) + ":")
            || generation(versions.get(ref(s))) >= generation(version(s))));
  }

  private static long generation(String version) {
    return Long.parseLong(version.substring(version.lastIndexOf('@') + 1));
  }

  /** Records an added or updated node (or one now marked for deletion); returns what that change affects. */
  synchronized Change observe(HasMetadata resource) {
    ServiceRef ref = ref(resource);
    if (resource.getMetadata().getDeletionTimestamp() != null) {
      return remove(ref, Kind.of(resource));
    }
    String version = version(resource);
    Snapshot current = snapshot;
    String held = current.versions().get(ref);
    if (version.equals(held) || held != null && !held.startsWith(Kind.of(resource) + ":")) {
      return new Change(ref, Set.of()); // nothing new, or the name is another kind's: the fleet stays
    }
    Fleet after = current.fleet().with(input(resource));
    snapshot = new Snapshot(after, current.versions().plus(ref, version));
    return record(ref, current.fleet(), after);
  }

  /** Records a deleted node. */
  synchronized Change deleted(HasMetadata resource) {
    return remove(ref(resource), Kind.of(resource));
  }

  /** The kinds whose informers must hand over their initial list before requeues start. */
  void expect(Kind kind) {
    expected.add(kind);
  }

  /** The informer of {@code kind} has handed over its initial list. */
  void caughtUp(Kind kind) {
    caught.add(kind);
    if (caught.containsAll(expected)) {
      caughtUp = true;
    }
  }

  /** Every informer has handed over its initial list (or gave up waiting). */
  void caughtUp() {
    caughtUp = true;
  }

  boolean isCaughtUp() {
    return caughtUp;
  }

  /**
   * The services to reconcile again for the event of {@code resource}: what its last change affects, once the
   * view has caught up with the initial lists (before that, requeues would only reconcile services twice).
   */
  Set<ServiceRef> requeues(HasMetadata resource) {
    return caughtUp ? affectedBy(resource) : Set.of();
  }

  /** The hatches of {@code kind} to reconcile again for the event of {@code resource}, once caught up. */
  Set<ServiceRef> requeues(HasMetadata resource, Kind kind) {
    Change change = changes.get(ref(resource));
    return caughtUp && change != null ? change.of(kind) : Set.of();
  }

  /** The services the last change of {@code resource} affects. */
  Set<ServiceRef> affectedBy(HasMetadata resource) {
    Change change = changes.get(ref(resource));
    return change == null ? Set.of() : change.affected();
  }

  /** The kind of the node {@code ref} in the fleet, if it is one. */
  Optional<Kind> kindOf(ServiceRef ref) {
    return snapshot.fleet().input(ref).map(Kind::of);
  }

  private Change remove(ServiceRef ref, Kind kind) {
    Snapshot current = snapshot;
    String held = current.versions().get(ref);
    if (held == null || !held.startsWith(kind + ":")) {
      return new Change(ref, Set.of());
    }
    Fleet after = current.fleet().without(ref);
    snapshot = new Snapshot(after, current.versions().minus(ref));
    return record(ref, current.fleet(), after);
  }

  /** Records the nodes of {@code after} other than {@code ref} whose derivation the change can alter, by kind. */
  private Change record(ServiceRef ref, Fleet before, Fleet after) {
    SortedSet<ServiceRef> services = new TreeSet<>();
    SortedSet<ServiceRef> members = new TreeSet<>();
    SortedSet<ServiceRef> packages = new TreeSet<>();
    for (ServiceRef r : Engine.affected(before, after, ref)) {
      Optional<ServiceInput> input = after.input(r);
      if (r.equals(ref) || input.isEmpty()) {
        continue;
      }
      switch (Kind.of(input.get())) {
        case SERVICE -> services.add(r);
        case MESH_MEMBER -> members.add(r);
        case PACKAGE -> packages.add(r);
      }
    }
    for (ServiceRef r : alsoAffected.apply(after, ref)) {
      if (!r.equals(ref) && after.input(r).isPresent()) {
        services.add(r);
      }
    }
    Change change = new Change(ref, Set.copyOf(services), Set.copyOf(members), Set.copyOf(packages));
    changes.put(ref, change);
    listener.accept(ref);
    return change;
  }

  private static String version(HasMetadata resource) {
    Long generation = Objects.requireNonNullElse(resource.getMetadata().getGeneration(), 0L);
    return Kind.of(resource) + ":" + resource.getMetadata().getUid() + "@" + generation;
  }
}
