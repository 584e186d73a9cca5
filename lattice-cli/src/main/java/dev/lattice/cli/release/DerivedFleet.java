package dev.lattice.cli.release;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.authorize.Ask;
import dev.lattice.engine.output.Manifests;
import dev.lattice.graph.Edge;
import dev.lattice.policy.Authorizer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import dev.lattice.cli.io.SourcedPackage;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageHatch;
import dev.lattice.operator.packages.ChartRenderer;
import dev.lattice.operator.packages.PackageDeriver;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A fleet derived with the current code, as a {@link ServiceStream}: services derive a chunk at a time on every
 * core and are handed out in order, so a 10,000-service fleet is never held derived as a whole. LatticePackages
 * (few, each a chart rendered with helm) are derived up front and handed out in their place in that order, as
 * {@code <ns>/<name> (LatticePackage)}: the diff and the snapshot compare their rendered objects like a service's.
 */
public final class DerivedFleet implements ServiceStream {
  private static final int CHUNK = 256;

  private final Engine engine;
  private final Authorizer authorizer;
  private final Fleet fleet;
  private final List<ServiceInput> inputs;
  private final SnapshotHeader header;
  private final Deque<ServiceRecord> ready = new ArrayDeque<>();
  /** The packages' records not handed out yet, in fleet order. */
  private final Deque<ServiceRecord> packages;
  private final PlatformSettings settings;
  private final java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
  private int position;
  /** Null unless {@link #cached}: then each service's record is looked up under its key before it is derived. */
  private RecordCache cache;
  private java.util.Map<dev.lattice.api.model.ServiceRef, String> keys;
  /** Services this stream does not hand out: the other side of the diff has them under the same key. */
  private java.util.Set<dev.lattice.api.model.ServiceRef> alike = java.util.Set.of();
  /** Whether an alike service missing from the cache is derived into it anyway (on one side of a diff only). */
  private boolean keepAlike;

  public DerivedFleet(Fleet fleet, PlatformSettings settings, Authorizer authorizer) {
    this(fleet, settings, authorizer, List.of());
  }

  /** With the LatticePackages read beside the services (rendered from their charts here). */
  public DerivedFleet(Fleet fleet, PlatformSettings settings, Authorizer authorizer,
      List<SourcedPackage> packages) {
    // Escape hatches are judged on today (UTC), as lattice derive does without --today.
    this.engine = new Engine(settings, authorizer).on(today);
    this.settings = settings;
    this.authorizer = authorizer;
    this.fleet = fleet;
    this.inputs = List.copyOf(fleet.services());
    this.header = SnapshotHeader.current(settings);
    this.packages = new ArrayDeque<>(packageRecords(packages, settings));
  }

  /**
   * This fleet with its services' records taken from {@code cache} when their key is there, and kept there when
   * derived; {@code read} is what the fleet was read from, {@code policies} those its authorizer holds. Packages are
   * always rendered (few, and their charts are outside the key).
   */
  DerivedFleet cached(RecordCache cache, dev.lattice.cli.io.ReadResult read,
      java.util.Collection<dev.lattice.policy.PolicyDocument> policies) {
    this.keys = RecordKeys.of(read, fleet, settings, policies, today);
    this.cache = cache;
    return this;
  }

  /**
   * The services that {@code this} and {@code other} (both {@link #cached}) derive under the same key, so with
   * records equal by construction: a diff need neither read nor compare them.
   */
  java.util.Set<dev.lattice.api.model.ServiceRef> alikeWith(DerivedFleet other) {
    if (keys == null || other.keys == null) {
      return java.util.Set.of();
    }
    java.util.Set<dev.lattice.api.model.ServiceRef> same = new java.util.HashSet<>();
    keys.forEach((ref, key) -> {
      if (key.equals(other.keys.get(ref))) {
        same.add(ref);
      }
    });
    return same;
  }

  /**
   * Leaves {@code services} out of this stream. With {@code keep}, one that has no cache entry yet is derived into
   * the cache all the same, so that a later snapshot of this side finds every service (what a diff without this
   * shortcut left behind); its entry is not read when it is there.
   */
  DerivedFleet without(java.util.Set<dev.lattice.api.model.ServiceRef> services, boolean keep) {
    this.alike = java.util.Set.copyOf(services);
    this.keepAlike = keep;
    return this;
  }

  /** The record name of a package: its ref, marked, so it never meets a service of the same name. */
  static String packageName(dev.lattice.api.model.ServiceRef ref) {
    return ref + " (" + dev.lattice.api.v1.LatticePackage.KIND + ")";
  }

  private List<ServiceRecord> packageRecords(List<SourcedPackage> sourced, PlatformSettings settings) {
    if (sourced.isEmpty()) {
      return List.of(); // helm's native library is loaded only when there are packages
    }
    PackageEngine charts = new PackageEngine(settings, authorizer, PackageDeriver.KINDS);
    List<ServiceRecord> out = new ArrayList<>();
    for (SourcedPackage p : sourced) {
      Path base = Path.of(p.file()).toAbsolutePath().getParent();
      Derivation derivation = new PackageDeriver(engine, charts, new ChartRenderer(base)).derive(p.intent(), fleet);
      ServiceInput node = PackageHatch.node(p.intent());
      out.add(record(packageName(p.intent().ref()), derivation, node, fleet.with(node)));
    }
    out.sort((a, b) -> ServiceRecord.compareServices(a.service(), b.service()));
    return out;
  }

  @Override
  public SnapshotHeader header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && position < inputs.size()) {
      List<ServiceInput> chunk = inputs.subList(position, Math.min(inputs.size(), position + CHUNK));
      position += chunk.size();
      ready.addAll(chunk.parallelStream().map(this::handedOut).filter(java.util.Objects::nonNull).toList());
    }
    return !ready.isEmpty() || !packages.isEmpty();
  }

  @Override
  public ServiceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    // A package goes first when it sorts before the next service (or no service is left).
    if (!packages.isEmpty() && (ready.isEmpty()
        || ServiceRecord.compareServices(packages.peekFirst().service(), ready.peekFirst().service()) < 0)) {
      return packages.removeFirst();
    }
    return ready.removeFirst();
  }

  @Override
  public void close() {}

  /** The service's record, or null when it is left out ({@link #without}). */
  private ServiceRecord handedOut(ServiceInput input) {
    if (!alike.contains(input.intent().ref())) {
      return record(input);
    }
    String key = keys.get(input.intent().ref());
    if (keepAlike && !cache.keep(key)) {
      Derivation derivation = engine.derive(input, fleet);
      cache.put(key, record(derivation.ref().toString(), derivation, input, fleet));
    }
    return null;
  }

  private ServiceRecord record(ServiceInput input) {
    String key = cache == null ? null : keys.get(input.intent().ref());
    if (key != null) {
      var hit = cache.lookup(key, input.intent().ref().toString());
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    Derivation derivation = engine.derive(input, fleet);
    ServiceRecord record = record(derivation.ref().toString(), derivation, input, fleet);
    if (key != null) {
      cache.put(key, record);
    }
    return record;
  }

  private ServiceRecord record(String name, Derivation derivation, ServiceInput input, Fleet fleet) {
    List<ObjectNode> objects = new ArrayList<>();
    if (derivation instanceof Derivation.Derived derived) {
      for (HasMetadata object : derived.resources()) {
        objects.add((ObjectNode) Manifests.tree(object));
      }
    }
    ArrayNode conditions = Manifests.jsonMapper().createArrayNode();
    for (ServiceStatus.StatusCondition c : derivation.status().conditions()) {
      conditions.addObject().put("type", c.type().name()).put("status", c.status()).put("reason", c.reason())
          .put("message", c.message());
    }
    return new ServiceRecord(name, derivation.status().phase().name(), conditions, access(input, fleet), objects);
  }

  /** Every access the spec asks Cedar for, with today's decision, and the agreed mesh edges. */
  private SortedMap<String, String> access(ServiceInput input, Fleet fleet) {
    SortedMap<String, String> access = new TreeMap<>();
    for (Ask ask : engine.accessRequests(input, fleet)) {
      access.put(ask.request().action().name() + " " + ask.what(),
          authorizer.authorize(ask.request()).allowed() ? "allowed" : "denied");
    }
    var ref = input.intent().ref();
    for (Edge edge : fleet.graph().edgesFrom(ref)) {
      if (edge.active()) {
        access.put("MeshEdge calls " + edge.callee(), "allowed");
      }
    }
    for (Edge edge : fleet.graph().edgesTo(ref)) {
      if (edge.active()) {
        access.put("MeshEdge called by " + edge.caller(), "allowed");
      }
    }
    return access;
  }
}
