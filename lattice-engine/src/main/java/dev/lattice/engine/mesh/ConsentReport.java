package dev.lattice.engine.mesh;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.V1Mapper;
import dev.lattice.api.v1beta1.V1beta1Mapper;
import dev.lattice.api.versions.WrittenPaths;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.graph.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import dev.lattice.api.hatch.HatchIntents;

/**
 * Reports every one-sided declaration to both sides. The reference system only logged these; here each side reads
 * in its own status who is waiting for whom and the exact entry to add. Traffic on such edges stays denied; the
 * service itself is still derived.
 */
public final class ConsentReport {
  private ConsentReport() {}

  /** The number of active edges and the diagnostics for every other edge of {@code self}. */
  public record Consent(int agreedEdges, List<Diagnostic> diagnostics) {
    public Consent {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Consent of(ServiceRef self, List<Edge> edgesFrom, List<Edge> edgesTo) {
    return of(self, edgesFrom, edgesTo, missing -> Optional.empty());
  }

  /** @param nearest the existing service a missing one most likely means ({@link NearestService}) */
  public static Consent of(
      ServiceRef self, List<Edge> edgesFrom, List<Edge> edgesTo, Function<ServiceRef, Optional<ServiceRef>> nearest) {
    return of(self, edgesFrom, edgesTo, nearest, ref -> Optional.empty());
  }

  /**
   * @param nodes the intent of each side, for naming its fields as its owners wrote them: an escape hatch's
   *     entries live in {@code spec.mesh}, a v1beta1 service's in {@code spec.dependencies}, a v1 service's in
   *     {@code spec.dependencies.outbound}/{@code .inbound}; an unknown node reads as v1alpha1
   */
  public static Consent of(
      ServiceRef self, List<Edge> edgesFrom, List<Edge> edgesTo, Function<ServiceRef, Optional<ServiceRef>> nearest,
      Function<ServiceRef, Optional<ServiceIntent>> nodes) {
    Sides sides = new Sides(nodes);
    List<Diagnostic> out = new ArrayList<>();
    int agreed = 0;
    for (Edge edge : edgesFrom) {
      if (edge.active()) {
        agreed++;
      } else {
        asCaller(self, edge, nearest, sides, out);
      }
    }
    for (Edge edge : edgesTo) {
      if (edge.active()) {
        agreed += edge.caller().equals(self) ? 0 : 1;
      } else if (!edge.caller().equals(self)) {
        asCallee(self, edge, nearest, sides, out);
      }
    }
    return new Consent(agreed, out);
  }

  private static void asCaller(
      ServiceRef self, Edge edge, Function<ServiceRef, Optional<ServiceRef>> nearest, Sides sides,
      List<Diagnostic> out) {
    ServiceRef callee = edge.callee();
    switch (edge.state()) {
      case PENDING_CALLEE -> out.add(new Diagnostic(
          Reason.ConsentPending, sides.resource(self, edge.callerResource().orElseThrow()),
          "this service declares " + callee + " as a dependency, but " + callee + " does not accept calls from "
              + self + " yet, so that traffic stays denied.",
          "ask the owners of " + callee + " to add " + sides.entry(self, callee, "inbound")
              + " to its " + sides.list(callee, "inbound") + "."));
      case UNKNOWN_TARGET -> {
        Optional<ServiceRef> meant = nearest.apply(callee);
        out.add(new Diagnostic(
            Reason.DependencyNotFound, sides.resource(self, edge.callerResource().orElseThrow()),
            "service " + callee + " does not exist (it is not among the services given to Lattice), so traffic to "
                + "it stays denied" + meant.map(m -> "; did you mean " + m + "?").orElse("."),
            meant.map(m -> "if you meant " + m + ", write " + fields(m, callee) + " in the entry; ").orElse("")
                + "check the entry's id and namespace (id defaults to the entry's name, namespace to this "
                + "service's); if " + callee + " is not deployed yet, the edge becomes active once it exists and "
                + "accepts " + self + "."));
      }
      case PENDING_CALLER -> out.add(new Diagnostic(
          Reason.ConsentPending, sides.list(self, "outbound"),
          callee + " accepts calls from this service (its "
              + sides.resource(callee, edge.calleeResource().orElseThrow()) + "), but this service does not declare "
              + callee + ".",
          "to call it, add " + sides.entry(callee, self, "outbound") + "; if this service never calls "
              + callee + ", ask its owners to remove that entry."));
      default -> { }
    }
  }

  private static void asCallee(
      ServiceRef self, Edge edge, Function<ServiceRef, Optional<ServiceRef>> nearest, Sides sides,
      List<Diagnostic> out) {
    ServiceRef caller = edge.caller();
    switch (edge.state()) {
      case PENDING_CALLEE -> out.add(new Diagnostic(
          Reason.ConsentPending, sides.list(self, "inbound"),
          caller + " wants to call this service (its " + sides.resource(caller, edge.callerResource().orElseThrow())
              + " declares it), but this service does not accept it, so its calls are denied.",
          "to accept them, add " + sides.entry(caller, self, "inbound") + " to "
              + sides.list(self, "inbound") + "; otherwise ask the owners of " + caller
              + " to remove the dependency."));
      case PENDING_CALLER -> out.add(new Diagnostic(
          Reason.ConsentPending, sides.resource(self, edge.calleeResource().orElseThrow()),
          "this service accepts calls from " + caller + ", which does not declare it as a dependency, so nothing "
              + "flows yet.",
          "nothing to do if " + caller + " is about to add " + sides.entry(self, caller, "outbound")
              + "; otherwise remove this entry."));
      case UNKNOWN_CALLER -> {
        Optional<ServiceRef> meant = nearest.apply(caller);
        out.add(new Diagnostic(
            Reason.CallerNotFound, sides.resource(self, edge.calleeResource().orElseThrow()),
            "this service accepts calls from " + caller + ", which does not exist (it is not among the services "
                + "given to Lattice)" + meant.map(m -> "; did you mean " + m + "?").orElse("."),
            meant.map(m -> "if you meant " + m + ", write " + fields(m, caller) + " in the entry; ").orElse("")
                + "check the entry's id and namespace; nothing to do if " + caller + " is not deployed yet."));
      }
      default -> { }
    }
  }

  /** The entry fields that turn a reference to {@code written} into one to {@code meant}: id, namespace or both. */
  private static String fields(ServiceRef meant, ServiceRef written) {
    String id = meant.name().equals(written.name()) ? "" : "id: " + meant.name();
    String namespace = meant.namespace().equals(written.namespace()) ? "" : "namespace: " + meant.namespace();
    return "`" + (id.isEmpty() ? namespace : namespace.isEmpty() ? id : id + ", " + namespace) + "`";
  }

  /** Each side's fields, named in the layout its owners wrote (escape hatch, v1alpha1, v1beta1 or v1). */
  private record Sides(Function<ServiceRef, Optional<ServiceIntent>> nodes) {
    private boolean hatch(ServiceRef node) {
      return nodes.apply(node).map(ServiceIntent::isHatch).orElse(false);
    }

    private String version(ServiceRef node) {
      return nodes.apply(node).map(ServiceIntent::apiVersion).orElse("");
    }

    /** The entry that declares {@code target} on {@code node} (a service in {@code node}'s namespace). */
    String entry(ServiceRef target, ServiceRef node, String direction) {
      String namespace = target.namespace().equals(node.namespace()) ? "" : "namespace: " + target.namespace();
      if (hatch(node)) {
        return "`" + target.name() + ": {" + namespace + "}`";
      }
      String more = namespace.isEmpty() ? "" : ", " + namespace;
      // v1 has no direction field: the map an entry is in is its direction.
      return version(node).equals(V1Mapper.API_VERSION)
          ? "`" + target.name() + ": {type: service" + more + "}`"
          : "`" + target.name() + ": {type: service, direction: " + direction + more + "}`";
    }

    /** Where {@code node} lists its callers (inbound) or dependencies (outbound). */
    String list(ServiceRef node, String direction) {
      if (hatch(node)) {
        return direction.equals("inbound") ? "spec.mesh.allowedCallers" : "spec.mesh.dependencies";
      }
      String version = version(node);
      return version.equals(V1Mapper.API_VERSION) ? "spec.dependencies." + direction
          : version.equals(V1beta1Mapper.API_VERSION) ? "spec.dependencies" : "spec.workload.resources";
    }

    /** The field path of {@code node}'s entry {@code resource}; a hatch's entries are named after their mesh field. */
    String resource(ServiceRef node, String resource) {
      if (resource.startsWith(HatchIntents.CALLERS) || resource.startsWith(HatchIntents.DEPENDENCIES)) {
        return HatchIntents.fieldPath(resource);
      }
      String model = "spec.workload.resources." + resource;
      return nodes.apply(node).map(i -> WrittenPaths.of(i.apiVersion(), i.spec(), model)).orElse(model);
    }
  }
}
