package dev.lattice.graph;

import dev.lattice.api.model.ServiceRef;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared edge from caller to callee, with the resource entries on each side that declare it (empty on a side
 * that has not declared it).
 *
 * @param viaAnyCaller true when the callee accepts the caller only through an inbound {@code id: "*"}
 */
public record Edge(
    ServiceRef caller,
    ServiceRef callee,
    EdgeState state,
    Optional<String> callerResource,
    Optional<String> calleeResource,
    boolean viaAnyCaller)
    implements Comparable<Edge> {
  public Edge {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(callerResource, "callerResource");
    Objects.requireNonNull(calleeResource, "calleeResource");
  }

  public boolean active() {
    return state == EdgeState.ACTIVE;
  }

  @Override
  public int compareTo(Edge other) {
    int byCaller = caller.compareTo(other.caller);
    return byCaller != 0 ? byCaller : callee.compareTo(other.callee);
  }
}
