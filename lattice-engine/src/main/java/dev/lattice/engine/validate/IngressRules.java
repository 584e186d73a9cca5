package dev.lattice.engine.validate;

import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import java.util.List;

/** Rules on {@code spec.ingress.routes}. */
final class IngressRules {
  private static final List<String> PATH_TYPES = List.of("PathPrefix", "Exact");
  private static final List<String> HEADER_TYPES = List.of("Exact", "RegularExpression");
  private static final List<String> ISSUER_KINDS = List.of("ClusterIssuer", "Issuer");

  private IngressRules() {}

  static void check(ServiceContext context, Problems problems) {
    ServiceSpec spec = context.intent().spec();
    spec.routes().values().forEach(route -> route(spec, route, "spec.ingress.routes." + route.name(), problems));
  }

  private static void route(ServiceSpec spec, Route route, String path, Problems problems) {
    if (!Names.isDnsLabel(route.name())) {
      problems.add(
          Reason.InvalidName, path, "route name '" + route.name() + "' is not a DNS label.",
          "use " + Names.DNS_LABEL_RULE + ", e.g. " + Names.labelLike(route.name(), 63, "public") + ".");
    }
    boolean tcp = route.kind() == Route.Kind.TCPRoute;
    if (!tcp && route.hosts().isEmpty()) {
      problems.add(
          Reason.RouteHostsMissing, path + ".hosts", "the route lists no hosts.",
          "list the host names it serves, e.g. hosts: [shop.example.com].");
    }
    for (int i = 0; i < route.hosts().size(); i++) {
      String host = route.hosts().get(i);
      if (!Names.isHostname(host)) {
        problems.add(
            Reason.InvalidHost, path + ".hosts[" + i + "]", "'" + host + "' is not a host name.",
            "write a lowercase DNS name such as shop.example.com (a leading *. is allowed).");
      }
    }
    port(spec, route, path, problems);
    if (tcp && route.listenPort().isEmpty()) {
      problems.add(
          Reason.RoutePortRequired, path + ".listenPort", "a TCPRoute needs the port the gateway listens on.",
          "set listenPort, e.g. listenPort: 5432.");
    }
    matches(route, path, problems);
    route.tls().ifPresent(tls -> tls(route, tls, path + ".tls", problems));
  }

  private static void port(ServiceSpec spec, Route route, String path, Problems problems) {
    if (route.port().isPresent()) {
      if (!spec.ports().containsKey(route.port().get())) {
        problems.add(
            Reason.RoutePortUnknown, path + ".port",
            "'" + route.port().get() + "' is not a port of spec.workload.service.ports" + ServiceRules.known(spec)
                + ".",
            "name one of the service's ports.");
      }
    } else if (spec.ports().isEmpty()) {
      problems.add(
          Reason.RoutePortUnknown, path + ".port", "the route has nowhere to send traffic: the service declares no "
              + "ports.",
          "declare the port under spec.workload.service.ports, e.g. http: {port: 8080}.");
    } else if (spec.ports().size() > 1) {
      problems.add(
          Reason.RoutePortRequired, path + ".port",
          "the service has several ports " + spec.ports().keySet() + ", so the route must say which one it serves.",
          "set port to one of " + spec.ports().keySet() + ".");
    }
  }

  private static void matches(Route route, String path, Problems problems) {
    for (int r = 0; r < route.rules().size(); r++) {
      List<Route.Match> matches = route.rules().get(r).matches();
      for (int m = 0; m < matches.size(); m++) {
        Route.Match match = matches.get(m);
        String p = path + ".rules[" + r + "].matches[" + m + "]";
        if (route.kind() == Route.Kind.TCPRoute) {
          problems.add(
              Reason.InvalidRouteMatch, p, "a TCPRoute cannot match on requests.",
              "remove rules from the TCPRoute; it forwards every connection.");
          continue;
        }
        if (match.pathType().isPresent()) {
          if (route.kind() == Route.Kind.GRPCRoute) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".path", "a GRPCRoute matches on grpcMethod, not on paths.",
                "use grpcMethod: {service: pkg.Service, method: Call}.");
          } else if (!PATH_TYPES.contains(match.pathType().get())) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".path.type", "'" + match.pathType().get() + "' is not a path match "
                    + "type.",
                "use PathPrefix (the default) or Exact.");
          }
          if (!match.pathValue().orElse("").startsWith("/")) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".path.value", "a path must start with '/'.",
                "write the path from the root, e.g. /api.");
          }
        }
        for (int h = 0; h < match.headers().size(); h++) {
          Route.HeaderMatch header = match.headers().get(h);
          if (header.name() == null || header.name().isBlank() || header.value() == null
              || !HEADER_TYPES.contains(header.type())) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".headers[" + h + "]",
                "a header match needs a name, a value and a type of Exact or RegularExpression.",
                "write e.g. {name: x-canary, value: \"true\"}.");
          }
        }
      }
    }
  }

  private static void tls(Route route, Route.Tls tls, String path, Problems problems) {
    if (route.kind() == Route.Kind.TCPRoute) {
      problems.add(
          Reason.InvalidTls, path, "TLS termination is not available for TCPRoutes.",
          "remove tls, or use an HTTPRoute or GRPCRoute.");
    } else if (tls.secretName().isPresent() == tls.issuerName().isPresent()) {
      problems.add(
          Reason.InvalidTls, path,
          tls.secretName().isPresent()
              ? "tls sets both secretName and issuerRef."
              : "tls names neither a secretName nor an issuerRef.",
          "set issuerRef: {name: <ClusterIssuer>} to have a certificate issued, or secretName for an existing TLS "
              + "secret, not both.");
    } else if (!ISSUER_KINDS.contains(tls.issuerKind())) {
      problems.add(
          Reason.InvalidTls, path + ".issuerRef.kind", "'" + tls.issuerKind() + "' is not an issuer kind.",
          "use ClusterIssuer (the default) or Issuer.");
    }
  }
}
