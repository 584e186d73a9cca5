package dev.lattice.engine.validate;

import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.render.IngressGateway;
import dev.lattice.engine.render.Routes;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Routes of two services that share a namespace share its Gateway, so they must not claim the same host and path
 * (HTTP), host and gRPC method (gRPC) or listen port (TCP), and must agree on the gateway class and on the
 * certificate of a host they both terminate TLS for (the host's listener is shared). Both services get
 * the {@code RouteConflict}, each naming the other, so whichever team reads its status sees the fix. Matches that
 * differ only in headers or HTTP method still count as the same claim: the gateway would split one path between
 * two teams' services.
 */
final class RouteConflicts {
  private RouteConflicts() {}

  static void check(ServiceContext context, Problems problems) {
    var spec = context.intent().spec();
    if (spec.routes().isEmpty()) {
      return;
    }
    String gateway = Routes.gatewayName(context);
    String ownClass = IngressGateway.gatewayClass(spec, context.settings());
    // Every other service's claims in this namespace, by claim: the first (by namespace/name and route) is named.
    SortedMap<String, String> claimed = new TreeMap<>();
    SortedSet<String> otherClasses = new TreeSet<>();
    SortedMap<String, Map.Entry<String, String>> certificates = new TreeMap<>();
    for (ServiceRef ref : context.fleet().inNamespace(context.namespace())) {
      if (ref.equals(context.ref())) {
        continue;
      }
      ServiceIntent other = context.fleet().find(ref).orElseThrow();
      if (other.spec().routes().isEmpty()) {
        continue;
      }
      String otherClass = IngressGateway.gatewayClass(other.spec(), context.settings());
      if (!otherClass.equals(ownClass) && otherClasses.add(otherClass)) {
        problems.add(Reason.RouteConflict, "spec.ingress.gatewayClass",
            "the routes need gateway class '" + ownClass + "', but service " + ref + " routes through the same "
                + "gateway " + gateway + " with class '" + otherClass + "'.",
            "use one gateway class for every service of namespace " + context.namespace() + " (set "
                + "spec.ingress.gatewayClass to the same value in both, or leave it out in both to use the "
                + "platform's '" + context.settings().serving().gatewayClass() + "').");
      }
      for (Route route : other.spec().routes().values()) {
        String owner = ref + " (route '" + route.name() + "')";
        for (String claim : claims(route).keySet()) {
          claimed.putIfAbsent(claim, owner);
        }
      }
      // A host's HTTPS listener is shared, and it serves one certificate.
      for (IngressGateway.Listener l : IngressGateway.listeners(other)) {
        if (l.tls().isPresent()) {
          certificates.putIfAbsent(l.hostname().orElseThrow(), Map.entry(ref.toString(), l.tls().get()));
        }
      }
    }
    certificates(context, certificates, problems);
    for (Route route : spec.routes().values()) {
      String path = "spec.ingress.routes." + route.name();
      claims(route).forEach((claim, field) -> {
        String owner = claimed.get(claim);
        if (owner != null) {
          problems.add(Reason.RouteConflict, path + field,
              "the route claims " + claim + ", which service " + owner + " claims too; the gateway " + gateway
                  + " cannot send one " + (field.equals(".listenPort") ? "port" : "host and path")
                  + " to two services.",
              "give one of the two routes another " + (field.equals(".listenPort") ? "listenPort" : "host or path")
                  + ", or remove the route from one of the services (both stay Failed until then).");
        }
      });
    }
  }

  private static void certificates(ServiceContext context, SortedMap<String, Map.Entry<String, String>> others,
      Problems problems) {
    for (Route route : context.intent().spec().routes().values()) {
      for (IngressGateway.Listener l : IngressGateway.routeListeners(context.name(), route)) {
        var other = l.tls().isEmpty() ? null : others.get(l.hostname().orElseThrow());
        if (other != null && !other.getValue().equals(l.tls().get())) {
          problems.add(Reason.RouteConflict, "spec.ingress.routes." + route.name() + ".tls",
              "the route terminates TLS for " + l.hostname().get() + " with Secret " + l.tls().get()
                  + ", but service " + other.getKey() + " serves the same host with Secret " + other.getValue()
                  + "; the gateway's listener " + l.name() + " serves one certificate per host.",
              "set tls.secretName: " + other.getValue() + " on this route (one certificate for the host), or "
                  + "give the route another host.");
        }
      }
    }
  }

  /** What the route takes on the gateway, each with the field (after the route's path) that says so. */
  static SortedMap<String, String> claims(Route route) {
    SortedMap<String, String> out = new TreeMap<>();
    if (route.kind() == Route.Kind.TCPRoute) {
      route.listenPort().ifPresent(port -> out.put("TCP port " + port, ".listenPort"));
      return out;
    }
    SortedSet<String> matches = new TreeSet<>();
    for (Route.Rule rule : route.rules()) {
      for (Route.Match match : rule.matches()) {
        matches.add(route.kind() == Route.Kind.GRPCRoute ? grpc(match.grpcMethod())
            : "path " + match.pathType().orElse("PathPrefix") + " " + match.pathValue().orElse("/"));
      }
      if (rule.matches().isEmpty()) {
        matches.add(route.kind() == Route.Kind.GRPCRoute ? grpc(Map.of()) : "path PathPrefix /");
      }
    }
    if (matches.isEmpty()) {
      matches.add(route.kind() == Route.Kind.GRPCRoute ? grpc(Map.of()) : "path PathPrefix /");
    }
    for (String host : route.hosts()) {
      for (String match : matches) {
        out.put("host " + host + " " + match, ".hosts");
      }
    }
    return out;
  }

  private static String grpc(Map<String, String> method) {
    return "gRPC method " + method.getOrDefault("service", "*") + "/" + method.getOrDefault("method", "*");
  }
}
