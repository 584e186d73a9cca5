package dev.lattice.engine.render;

import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The namespace's shared Gateway API {@code Gateway} {@code <namespace>-ingress}. Every routed service owns only its
 * own listeners: {@link #of} is the service's part, which the operator applies under the service's own field manager
 * (listeners are a map-list keyed by name, so server-side apply merges the parts and removing a route removes
 * exactly its listeners); {@link #merged} is the whole Gateway of a namespace, which the CLI writes once.
 *
 * <p>Listeners are keyed by what they bind, so that no two listeners of the Gateway conflict (same port, protocol
 * and hostname): {@code http-<host>} on 80 for each routed host, {@code https-<host>} on 443 terminating TLS with
 * the route's certificate when the route has {@code tls} ({@code *.} becomes {@code wildcard.}), {@code tcp-<port>}
 * on a TCPRoute's {@code listenPort}. Routes of several services on one host share its listener: each service's
 * field manager co-owns it, so it goes only when the last route on the host goes. The object carries no service
 * label and no owner, as no single service owns it.
 */
public final class IngressGateway {
  public static final String API_VERSION = "gateway.networking.k8s.io/v1";
  public static final String KIND = "Gateway";

  private IngressGateway() {}

  /** The listener a route attaches to, as its parentRef's {@code sectionName}, with the port it listens on. */
  public record Listener(String name, String protocol, int port, Optional<String> hostname, Optional<String> tls) {}

  /** The gateway class a service's routes need: the spec's {@code ingress.gatewayClass} or the platform's. */
  public static String gatewayClass(ServiceSpec spec, PlatformSettings settings) {
    return spec.gatewayClass().orElse(settings.serving().gatewayClass());
  }

  /** The service's part of the Gateway (its listeners only), or empty when it has no routes. */
  public static Optional<GenericKubernetesResource> of(ServiceContext context) {
    ServiceSpec spec = context.intent().spec();
    if (spec.routes().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(gateway(context.namespace(), gatewayClass(spec, context.settings()),
        listeners(context.intent())));
  }

  /**
   * The whole Gateway of a namespace from the parts of the given services (those that derived), listeners in name
   * order whatever order the services come in; empty when none has routes. The class is the first service's: the
   * engine fails every service whose routes need another class ({@code RouteConflict}).
   */
  public static Optional<GenericKubernetesResource> merged(
      String namespace, Collection<ServiceIntent> services, PlatformSettings settings) {
    Map<String, Listener> listeners = new TreeMap<>();
    String gatewayClass = null;
    for (ServiceIntent service : services.stream().sorted(java.util.Comparator.comparing(ServiceIntent::ref))
        .toList()) {
      if (service.spec().routes().isEmpty() || !service.ref().namespace().equals(namespace)) {
        continue;
      }
      if (gatewayClass == null) {
        gatewayClass = gatewayClass(service.spec(), settings);
      }
      listeners(service).forEach(l -> listeners.putIfAbsent(l.name(), l));
    }
    return gatewayClass == null ? Optional.empty()
        : Optional.of(gateway(namespace, gatewayClass, List.copyOf(listeners.values())));
  }

  /** Every listener of the service's routes, in name order. */
  public static List<Listener> listeners(ServiceIntent service) {
    Map<String, Listener> out = new TreeMap<>();
    // Routes in name order; the first route that terminates TLS for a host names the host's certificate.
    for (Route route : service.spec().routes().values()) {
      routeListeners(service.ref().name(), route).forEach(l -> out.putIfAbsent(l.name(), l));
    }
    return List.copyOf(out.values());
  }

  /** The listeners of one route, in the order its parentRefs list them. */
  public static List<Listener> routeListeners(String service, Route route) {
    List<Listener> out = new ArrayList<>();
    if (route.kind() == Route.Kind.TCPRoute) {
      route.listenPort().ifPresent(port -> out.add(
          new Listener("tcp-" + port, "TCP", port, Optional.empty(), Optional.empty())));
      return out;
    }
    for (String host : route.hosts()) {
      out.add(new Listener("http-" + section(host), "HTTP", 80, Optional.of(host), Optional.empty()));
    }
    if (route.tls().isPresent()) {
      String secret = route.tls().get().secretName().orElse(service + "-" + route.name() + "-tls");
      for (String host : route.hosts()) {
        out.add(new Listener("https-" + section(host), "HTTPS", 443, Optional.of(host), Optional.of(secret)));
      }
    }
    return out;
  }

  /** A host as a listener name: section names allow dots but no {@code *}. */
  static String section(String host) {
    return host.startsWith("*.") ? "wildcard" + host.substring(1) : host;
  }

  private static GenericKubernetesResource gateway(String namespace, String gatewayClass, List<Listener> listeners) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(namespace + "-ingress");
    meta.setNamespace(namespace);
    meta.setLabels(new TreeMap<>(Map.of(Meta.MANAGED_BY, "lattice")));
    List<Object> rendered = new ArrayList<>();
    for (Listener listener : listeners) {
      rendered.add(listener(listener));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("gatewayClassName", gatewayClass);
    spec.put("listeners", rendered);
    return Meta.generic(API_VERSION, KIND, meta, Map.of("spec", spec));
  }

  private static Map<String, Object> listener(Listener listener) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", listener.name());
    listener.hostname().ifPresent(h -> out.put("hostname", h));
    out.put("port", listener.port());
    out.put("protocol", listener.protocol());
    listener.tls().ifPresent(secret -> {
      Map<String, Object> ref = new LinkedHashMap<>();
      ref.put("group", "");
      ref.put("kind", "Secret");
      ref.put("name", secret);
      Map<String, Object> tls = new LinkedHashMap<>();
      tls.put("mode", "Terminate");
      tls.put("certificateRefs", List.of(ref));
      out.put("tls", tls);
    });
    // Only routes of the Gateway's own namespace attach: no team can route another team's hosts.
    out.put("allowedRoutes", Map.of("namespaces", Map.of("from", "Same")));
    return out;
  }
}
