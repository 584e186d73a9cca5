package dev.lattice.engine.validate;

import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules on {@code spec.ingress.routes}. */
final class IngressRules {
  private static final List<String> PATH_TYPES = List.of("PathPrefix", "Exact");
  private static final List<String> HEADER_TYPES = List.of("Exact", "RegularExpression");
  private static final List<String> ISSUER_KINDS = List.of("ClusterIssuer", "Issuer");
  private static final List<String> HTTP_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  private static final List<String> GRPC_METHOD_FIELDS = List.of("service", "method", "type");
  // The Gateway API's own patterns for what it accepts (CRD schema and CEL rules).
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]{1,256}");
  private static final Pattern PATH = Pattern.compile("(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+");
  private static final Pattern GRPC_SERVICE = Pattern.compile("(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*");
  private static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
  /** Gateway API limits per route. */
  private static final int MAX_HOSTS = 16;
  private static final int MAX_RULES = 16;
  private static final int MAX_MATCHES_PER_RULE = 64;
  private static final int MAX_MATCHES = 128;
  private static final int MAX_HEADERS = 16;

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
    if (route.hosts().size() > MAX_HOSTS) {
      problems.add(
          Reason.InvalidHost, path + ".hosts", "the route lists " + route.hosts().size() + " hosts; a Gateway API "
              + "route takes at most " + MAX_HOSTS + ".",
          "split the hosts over several routes, or use a wildcard host such as *.example.com.");
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
            "'" + route.port().get() + "' is not a port of spec.workload.service.ports"
                + ServiceRules.known(spec, route.port().get()),
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
    limits(route, path, problems);
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
          } else if (!isGatewayPath(match.pathValue().get())) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".path.value",
                "'" + match.pathValue().get() + "' is not a path a Gateway accepts: only letters, digits, "
                    + "-._~!$&'()*+,;=:@/ and %XX escapes, no '//', '/./', '/../', '#' or '%2F', at most 1024 "
                    + "characters.",
                "write a normalised path such as /api/v1.");
          }
        }
        match.method().ifPresent(method -> method(route, method, p + ".method", problems));
        grpcMethod(route, match, p + ".grpcMethod", problems);
        Set<String> headerNames = new HashSet<>();
        for (int h = 0; h < match.headers().size(); h++) {
          Route.HeaderMatch header = match.headers().get(h);
          if (header.name() == null || header.name().isBlank() || header.value() == null
              || !HEADER_TYPES.contains(header.type())) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".headers[" + h + "]",
                "a header match needs a name, a value and a type of Exact or RegularExpression.",
                "write e.g. {name: x-canary, value: \"true\"}.");
          } else if (!HEADER_NAME.matcher(header.name()).matches()) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".headers[" + h + "].name",
                "'" + header.name() + "' is not an HTTP header name.",
                "use letters, digits and !#$%&'*+-.^_`|~ only, e.g. x-canary.");
          } else if (header.value().isEmpty() || header.value().length() > 4096) {
            problems.add(
                Reason.InvalidRouteMatch, p + ".headers[" + h + "].value",
                header.value().isEmpty() ? "the header value is empty." : "the header value is longer than 4096 "
                    + "characters.",
                "match on a value of 1 to 4096 characters, e.g. value: \"true\".");
          } else if (!headerNames.add(header.name().toLowerCase(Locale.ROOT))) {
            // Header names are case-insensitive; a Gateway keeps only the first match on a name.
            problems.add(
                Reason.InvalidRouteMatch, p + ".headers[" + h + "].name",
                "header '" + header.name() + "' is matched twice in one match.",
                "match each header once; use a RegularExpression value to accept several values.");
          }
        }
      }
    }
  }

  private static void limits(Route route, String path, Problems problems) {
    int total = 0;
    for (int r = 0; r < route.rules().size(); r++) {
      List<Route.Match> matches = route.rules().get(r).matches();
      total += matches.size();
      if (matches.size() > MAX_MATCHES_PER_RULE) {
        problems.add(
            Reason.InvalidRouteMatch, path + ".rules[" + r + "].matches",
            "the rule has " + matches.size() + " matches; a Gateway API rule takes at most " + MAX_MATCHES_PER_RULE
                + ".",
            "split the matches over several rules.");
      }
      for (int m = 0; m < matches.size(); m++) {
        if (matches.get(m).headers().size() > MAX_HEADERS) {
          problems.add(
              Reason.InvalidRouteMatch, path + ".rules[" + r + "].matches[" + m + "].headers",
              "the match has " + matches.get(m).headers().size() + " header matches; at most " + MAX_HEADERS
                  + " are allowed.",
              "match on fewer headers, or use RegularExpression values.");
        }
      }
    }
    if (route.rules().size() > MAX_RULES || total > MAX_MATCHES) {
      problems.add(
          Reason.InvalidRouteMatch, path + ".rules",
          "the route has " + route.rules().size() + " rules with " + total + " matches; a Gateway API route takes "
              + "at most " + MAX_RULES + " rules and " + MAX_MATCHES + " matches.",
          "split the rules over several routes.");
    }
  }

  static boolean isGatewayPath(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return value.length() <= 1024 && PATH.matcher(value).matches() && !value.contains("//")
        && !value.contains("/./") && !value.contains("/../") && !lower.contains("%2f") && !value.endsWith("/.")
        && !value.endsWith("/..");
  }

  private static void method(Route route, String method, String path, Problems problems) {
    if (route.kind() != Route.Kind.HTTPRoute) {
      problems.add(
          Reason.InvalidRouteMatch, path, "only an HTTPRoute matches on the HTTP method.",
          route.kind() == Route.Kind.GRPCRoute
              ? "match gRPC calls with grpcMethod: {service: pkg.Service, method: Call}."
              : "remove method.");
    } else if (!HTTP_METHODS.contains(method)) {
      problems.add(
          Reason.InvalidRouteMatch, path, "'" + method + "' is not an HTTP method a route can match.",
          "use one of " + String.join(", ", HTTP_METHODS) + " (upper case).");
    }
  }

  private static void grpcMethod(Route route, Route.Match match, String path, Problems problems) {
    var method = match.grpcMethod();
    if (method.isEmpty()) {
      return;
    }
    if (route.kind() != Route.Kind.GRPCRoute) {
      problems.add(
          Reason.InvalidRouteMatch, path, "only a GRPCRoute matches on grpcMethod.",
          "set kind: GRPCRoute, or match on path, headers and method instead.");
      return;
    }
    List<String> unknown = method.keySet().stream().filter(k -> !GRPC_METHOD_FIELDS.contains(k)).toList();
    if (!unknown.isEmpty()) {
      problems.add(
          Reason.InvalidRouteMatch, path, "grpcMethod has unknown fields " + unknown + ".",
          "use service, method and type, e.g. grpcMethod: {service: pkg.Service, method: Call}.");
      return;
    }
    String type = method.getOrDefault("type", "Exact");
    String service = method.get("service");
    String name = method.get("method");
    if (!HEADER_TYPES.contains(type)) {
      problems.add(
          Reason.InvalidRouteMatch, path + ".type", "'" + type + "' is not a gRPC method match type.",
          "use Exact (the default) or RegularExpression.");
    } else if (service == null && name == null) {
      problems.add(
          Reason.InvalidRouteMatch, path, "grpcMethod names neither a service nor a method.",
          "set service, method or both, e.g. grpcMethod: {service: pkg.Service, method: Call}.");
    } else if (type.equals("Exact") && service != null && !GRPC_SERVICE.matcher(service).matches()
        || type.equals("Exact") && name != null && !GRPC_METHOD.matcher(name).matches()
        || service != null && service.length() > 1024 || name != null && name.length() > 1024) {
      problems.add(
          Reason.InvalidRouteMatch, path,
          "grpcMethod " + method + " is not a gRPC service and method name.",
          "write the fully qualified service and the method as in the .proto file, e.g. "
              + "{service: acme.orders.v1.Orders, method: GetOrder}.");
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
    } else if (tls.issuerName().filter(name -> !Names.isDnsSubdomain(name)).isPresent()) {
      problems.add(
          Reason.InvalidTls, path + ".issuerRef.name",
          "'" + tls.issuerName().get() + "' cannot name a cert-manager issuer: issuer names are lowercase DNS names.",
          "write the issuer's name as your platform team gave it, e.g. issuerRef: {name: letsencrypt-prod}.");
    } else if (!ISSUER_KINDS.contains(tls.issuerKind())) {
      problems.add(
          Reason.InvalidTls, path + ".issuerRef.kind", "'" + tls.issuerKind() + "' is not an issuer kind.",
          "use ClusterIssuer (the default) or Issuer.");
    }
  }
}
