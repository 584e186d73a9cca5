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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A fleet derived with the current code, as a {@link ServiceStream}: services derive a chunk at a time on every
 * core and are handed out in order, so a 10,000-service fleet is never held derived as a whole.
 */
public final class DerivedFleet implements ServiceStream {
  private static final int CHUNK = 256;

  private final Engine engine;
  private final Authorizer authorizer;
  private final Fleet fleet;
  private final List<ServiceInput> inputs;
  private final SnapshotHeader header;
  private final Deque<ServiceRecord> ready = new ArrayDeque<>();
  private int position;

  public DerivedFleet(Fleet fleet, PlatformSettings settings, Authorizer authorizer) {
    // Escape hatches are judged on today (UTC), as lattice derive does without --today.
    this.engine = new Engine(settings, authorizer).on(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    this.authorizer = authorizer;
    this.fleet = fleet;
    this.inputs = List.copyOf(fleet.services());
    this.header = SnapshotHeader.current(settings);
  }

  @Override
  public SnapshotHeader header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    if (ready.isEmpty() && position < inputs.size()) {
      List<ServiceInput> chunk = inputs.subList(position, Math.min(inputs.size(), position + CHUNK));
      position += chunk.size();
      ready.addAll(chunk.parallelStream().map(this::record).toList());
    }
    return !ready.isEmpty();
  }

  @Override
  public ServiceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.removeFirst();
  }

  @Override
  public void close() {}

  private ServiceRecord record(ServiceInput input) {
    Derivation derivation = engine.derive(input, fleet);
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
    return new ServiceRecord(derivation.ref().toString(), derivation.status().phase().name(), conditions,
        access(input), objects);
  }

  /** Every access the spec asks Cedar for, with today's decision, and the agreed mesh edges. */
  private SortedMap<String, String> access(ServiceInput input) {
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
