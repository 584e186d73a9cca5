package dev.lattice.engine.render;

import dev.lattice.api.model.Port;
import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway API routes and cert-manager Certificates for {@code spec.ingress.routes}. Routes attach to their own
 * listeners of the namespace's shared gateway {@code <namespace>-ingress} ({@link IngressGateway}).
 */
public final class Routes {
  private static final String GATEWAY_API = "gateway.networking.k8s.io/v1";

  private Routes() {}

  public static String gatewayName(ServiceContext context) {
    return context.namespace() + "-ingress";
  }

  /** For each route: the route, then its Certificate when an issuer is named. */
  public static List<HasMetadata> of(ServiceContext context) {
    List<HasMetadata> out = new ArrayList<>();
    ServiceSpec spec = context.intent().spec();
    for (Route route : spec.routes().values()) {
      Port port = route.port().map(spec.ports()::get).orElseGet(() -> spec.ports().values().iterator().next());
      out.add(route(context, route, port));
      route.tls()
          .flatMap(Route.Tls::issuerName)
          .ifPresent(issuer -> out.add(certificate(context, route, issuer, route.tls().get().issuerKind())));
    }
    return out;
  }

  private static GenericKubernetesResource route(ServiceContext context, Route route, Port port) {
    // One parentRef per listener of this route: a route never attaches to another service's listener.
    List<Object> parents = new ArrayList<>();
    for (IngressGateway.Listener listener : IngressGateway.routeListeners(context.name(), route)) {
      Map<String, Object> parent = new LinkedHashMap<>();
      parent.put("name", gatewayName(context));
      parent.put("sectionName", listener.name());
      parents.add(parent);
    }
    Map<String, Object> backend = new LinkedHashMap<>();
    backend.put("name", context.name());
    backend.put("port", port.port());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("parentRefs", parents);
    if (route.kind() != Route.Kind.TCPRoute) {
      spec.put("hostnames", route.hosts());
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    if (route.rules().isEmpty() || route.kind() == Route.Kind.TCPRoute) {
      rules.add(rule(route.kind(), List.of(), backend));
    } else {
      for (Route.Rule rule : route.rules()) {
        rules.add(rule(route.kind(), rule.matches(), backend));
      }
    }
    spec.put("rules", rules);
    return Meta.generic(
        GATEWAY_API, route.kind().name(), Meta.of(context, context.name() + "-" + route.name() + "-route"),
        Map.of("spec", spec));
  }

  private static Map<String, Object> rule(Route.Kind kind, List<Route.Match> matches, Map<String, Object> backend) {
    Map<String, Object> rule = new LinkedHashMap<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Route.Match match : matches) {
      out.add(kind == Route.Kind.GRPCRoute ? grpcMatch(match) : httpMatch(match));
    }
    if (kind == Route.Kind.HTTPRoute) {
      rule.put("matches", out.isEmpty() ? List.of(Map.of("path", path("PathPrefix", "/"))) : out);
    } else if (!out.isEmpty()) {
      rule.put("matches", out);
    }
    rule.put("backendRefs", List.of(backend));
    return rule;
  }

  private static Map<String, Object> httpMatch(Route.Match match) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (match.pathType().isPresent()) {
      out.put("path", path(match.pathType().get(), match.pathValue().orElse("/")));
    }
    headers(match, out);
    match.method().ifPresent(method -> out.put("method", method));
    return out;
  }

  private static Map<String, Object> grpcMatch(Route.Match match) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!match.grpcMethod().isEmpty()) {
      out.put("method", new LinkedHashMap<>(match.grpcMethod()));
    }
    headers(match, out);
    return out;
  }

  private static void headers(Route.Match match, Map<String, Object> out) {
    if (match.headers().isEmpty()) {
      return;
    }
    List<Map<String, Object>> headers = new ArrayList<>();
    for (Route.HeaderMatch header : match.headers()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("type", header.type());
      h.put("name", header.name());
      h.put("value", header.value());
      headers.add(h);
    }
    out.put("headers", headers);
  }

  private static Map<String, Object> path(String type, String value) {
    Map<String, Object> path = new LinkedHashMap<>();
    path.put("type", type);
    path.put("value", value);
    return path;
  }

  private static GenericKubernetesResource certificate(
      ServiceContext context, Route route, String issuer, String issuerKind) {
    String prefix = context.name() + "-" + route.name();
    Map<String, Object> issuerRef = new LinkedHashMap<>();
    issuerRef.put("group", "cert-manager.io");
    issuerRef.put("kind", issuerKind);
    issuerRef.put("name", issuer);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("secretName", prefix + "-tls");
    spec.put("dnsNames", route.hosts());
    spec.put("issuerRef", issuerRef);
    return Meta.generic(
        "cert-manager.io/v1", "Certificate", Meta.of(context, prefix + "-cert"), Map.of("spec", spec));
  }
}
