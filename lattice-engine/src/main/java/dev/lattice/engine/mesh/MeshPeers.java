package dev.lattice.engine.mesh;

import dev.lattice.api.model.Port;
import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.render.Routes;
import dev.lattice.graph.Edge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who may talk to a service and whom it may talk to, resolved to identities, pod labels and ports. Computed from
 * active graph edges plus the platform's own callers: the metrics scraper on the metrics port and the namespace's
 * ingress gateway on the ports its routes use.
 */
public final class MeshPeers {
  /** A peer workload: its SPIFFE identity parts, the labels its pods carry, and the ports in play. */
  public record Peer(String namespace, String serviceAccount, Map<String, String> podLabels, Set<Port> ports) {}

  private MeshPeers() {}

  /** The name of the port the metrics scraper uses, if the service exposes one. */
  static java.util.Optional<Port> metricsPort(ServiceSpec spec) {
    String name = spec.observability().port().orElse("metrics");
    return java.util.Optional.ofNullable(spec.ports().get(name));
  }

  /** Ports agreed callers may use: every port but the metrics port, which only the scraper reaches. */
  static Set<Port> servingPorts(ServiceSpec spec) {
    Set<Port> ports = new TreeSet<>(java.util.Comparator.comparing(Port::name));
    String metrics = metricsPort(spec).map(Port::name).orElse("");
    // A rejected peer's spec can hold any number; Cilium reads port 0 as "every port", so only real ports count.
    spec.ports().values().stream()
        .filter(p -> !p.name().equals(metrics))
        .filter(p -> p.targetPort() >= 1 && p.targetPort() <= 65535)
        .forEach(ports::add);
    return ports;
  }

  /** Everyone allowed to call {@code context}'s service, in a stable order. */
  public static List<Peer> callers(ServiceContext context) {
    ServiceSpec spec = context.intent().spec();
    List<Peer> out = new ArrayList<>();
    Set<Port> serving = servingPorts(spec);
    for (Edge edge : context.edgesTo()) {
      if (edge.active() && !serving.isEmpty()) {
        out.add(servicePeer(context, edge.caller(), serving));
      }
    }
    if (!spec.routes().isEmpty()) {
      Set<Port> routed = new TreeSet<>(java.util.Comparator.comparing(Port::name));
      for (Route route : spec.routes().values()) {
        route.port().map(spec.ports()::get).or(() -> spec.ports().values().stream().findFirst())
            .ifPresent(routed::add);
      }
      String gateway = Routes.gatewayName(context);
      out.add(new Peer(context.namespace(), gateway + "-istio",
          Map.of("gateway.networking.k8s.io/gateway-name", gateway), routed));
    }
    metricsPort(spec).ifPresent(port -> {
      ServiceRef scraper = context.settings().metricsScraper();
      out.add(new Peer(scraper.namespace(), scraper.name(), Map.of("app.kubernetes.io/name", scraper.name()),
          Set.of(port)));
    });
    return out;
  }

  /** Every service {@code context}'s service may call, with the callee's serving ports. */
  public static List<Peer> callees(ServiceContext context) {
    List<Peer> out = new ArrayList<>();
    for (Edge edge : context.edgesFrom()) {
      if (!edge.active()) {
        continue;
      }
      ServiceIntent callee = context.fleet().find(edge.callee()).orElseThrow();
      Set<Port> ports = servingPorts(callee.spec());
      if (!ports.isEmpty()) {
        out.add(servicePeer(context, edge.callee(), ports));
      }
    }
    return out;
  }

  private static Peer servicePeer(ServiceContext context, ServiceRef ref, Set<Port> ports) {
    var hatch = context.fleet().find(ref).flatMap(ServiceIntent::hatch);
    if (hatch.isPresent()) {
      // A mesh member's pods carry their own labels and run as the service account its mesh section names.
      return new Peer(ref.namespace(), hatch.get().mesh().serviceAccount(), hatch.get().selector(), ports);
    }
    Map<String, String> labels = new TreeMap<>();
    labels.put("lattice.dev/service", ref.name());
    return new Peer(ref.namespace(), ref.name(), labels, ports);
  }
}
