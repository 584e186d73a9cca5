package dev.lattice.engine.mesh;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.graph.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
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
    return of(self, edgesFrom, edgesTo, nearest, ref -> false);
  }

  /**
   * @param isHatch true for nodes that are escape hatches (mesh members): their entries live in
   *     {@code spec.mesh.allowedCallers} and {@code spec.mesh.dependencies}, not in {@code spec.workload.resources}
   */
  public static Consent of(
      ServiceRef self, List<Edge> edgesFrom, List<Edge> edgesTo, Function<ServiceRef, Optional<ServiceRef>> nearest,
      Predicate<ServiceRef> isHatch) {
    List<Diagnostic> out = new ArrayList<>();
    int agreed = 0;
    for (Edge edge : edgesFrom) {
      if (edge.active()) {
        agreed++;
      } else {
        asCaller(self, edge, nearest, isHatch, out);
      }
    }
    for (Edge edge : edgesTo) {
      if (edge.active()) {
        agreed += edge.caller().equals(self) ? 0 : 1;
      } else if (!edge.caller().equals(self)) {
        asCallee(self, edge, nearest, isHatch, out);
      }
    }
    return new Consent(agreed, out);
  }

  private static void asCaller(
      ServiceRef self, Edge edge, Function<ServiceRef, Optional<ServiceRef>> nearest, Predicate<ServiceRef> isHatch,
      List<Diagnostic> out) {
    ServiceRef callee = edge.callee();
    switch (edge.state()) {
      case PENDING_CALLEE -> out.add(new Diagnostic(
          Reason.ConsentPending, resourcePath(edge.callerResource().orElseThrow()),
          "this service declares " + callee + " as a dependency, but " + callee + " does not accept calls from "
              + self + " yet, so that traffic stays denied.",
          "ask the owners of " + callee + " to add " + entry(self, callee, "inbound", isHatch.test(callee))
              + " to its " + list(isHatch.test(callee), "inbound") + "."));
      case UNKNOWN_TARGET -> {
        Optional<ServiceRef> meant = nearest.apply(callee);
        out.add(new Diagnostic(
            Reason.DependencyNotFound, resourcePath(edge.callerResource().orElseThrow()),
            "service " + callee + " does not exist (it is not among the services given to Lattice), so traffic to "
                + "it stays denied" + meant.map(m -> "; did you mean " + m + "?").orElse("."),
            meant.map(m -> "if you meant " + m + ", write " + fields(m, callee) + " in the entry; ").orElse("")
                + "check the entry's id and namespace (id defaults to the entry's name, namespace to this "
                + "service's); if " + callee + " is not deployed yet, the edge becomes active once it exists and "
                + "accepts " + self + "."));
      }
      case PENDING_CALLER -> out.add(new Diagnostic(
          Reason.ConsentPending, list(isHatch.test(self), "outbound"),
          callee + " accepts calls from this service (its "
              + resourcePath(edge.calleeResource().orElseThrow()) + "), but this service does not declare "
              + callee + ".",
          "to call it, add " + entry(callee, self, "outbound", isHatch.test(self)) + "; if this service never calls "
              + callee + ", ask its owners to remove that entry."));
      default -> { }
    }
  }

  private static void asCallee(
      ServiceRef self, Edge edge, Function<ServiceRef, Optional<ServiceRef>> nearest, Predicate<ServiceRef> isHatch,
      List<Diagnostic> out) {
    ServiceRef caller = edge.caller();
    switch (edge.state()) {
      case PENDING_CALLEE -> out.add(new Diagnostic(
          Reason.ConsentPending, list(isHatch.test(self), "inbound"),
          caller + " wants to call this service (its " + resourcePath(edge.callerResource().orElseThrow())
              + " declares it), but this service does not accept it, so its calls are denied.",
          "to accept them, add " + entry(caller, self, "inbound", isHatch.test(self)) + " to "
              + list(isHatch.test(self), "inbound") + "; otherwise ask the owners of " + caller
              + " to remove the dependency."));
      case PENDING_CALLER -> out.add(new Diagnostic(
          Reason.ConsentPending, resourcePath(edge.calleeResource().orElseThrow()),
          "this service accepts calls from " + caller + ", which does not declare it as a dependency, so nothing "
              + "flows yet.",
          "nothing to do if " + caller + " is about to add " + entry(self, caller, "outbound", isHatch.test(caller))
              + "; otherwise remove this entry."));
      case UNKNOWN_CALLER -> {
        Optional<ServiceRef> meant = nearest.apply(caller);
        out.add(new Diagnostic(
            Reason.CallerNotFound, resourcePath(edge.calleeResource().orElseThrow()),
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

  /** The resource entry that declares {@code target} from a service in {@code from}'s namespace. */
  private static String entry(ServiceRef target, ServiceRef from, String direction, boolean hatch) {
    if (hatch) {
      String namespace = target.namespace().equals(from.namespace()) ? "" : "namespace: " + target.namespace();
      return "`" + target.name() + ": {" + namespace + "}`";
    }
    String namespace = target.namespace().equals(from.namespace()) ? "" : ", namespace: " + target.namespace();
    return "`" + target.name() + ": {type: service, direction: " + direction + namespace + "}`";
  }

  /** Where a node lists its callers (inbound) or dependencies (outbound). */
  private static String list(boolean hatch, String direction) {
    return !hatch ? "spec.workload.resources"
        : direction.equals("inbound") ? "spec.mesh.allowedCallers" : "spec.mesh.dependencies";
  }

  /** A declaring entry's field path; a hatch's entries are named after their mesh section field. */
  private static String resourcePath(String resource) {
    return resource.startsWith(HatchIntents.CALLERS) || resource.startsWith(HatchIntents.DEPENDENCIES)
        ? HatchIntents.fieldPath(resource) : "spec.workload.resources." + resource;
  }
}
