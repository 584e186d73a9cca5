package dev.lattice.engine.mesh;

import dev.lattice.api.model.Port;
import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.render.IngressGateway;
import dev.lattice.engine.render.Meta;
import dev.lattice.engine.render.Routes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The gateway's side of the mesh for one routed service, {@code <svc>-gateway}: a CiliumNetworkPolicy on the
 * gateway's pods that admits clients on this service's listener ports and lets the gateway reach this service's
 * pods on exactly the routed ports (plus HBONE), and an Istio AuthorizationPolicy on the Gateway that admits only
 * this service's hosts on those listener ports. Policies of several services on one gateway add up (Cilium and
 * Istio both take the union of ALLOW rules), and each is pruned with its service. The service's own side (its
 * {@code <svc>-mesh} policies admitting the gateway's identity) is in {@link MeshPolicies}.
 */
public final class GatewayPolicies {
  static final String GATEWAY_LABEL = "gateway.networking.k8s.io/gateway-name";

  private GatewayPolicies() {}

  public static String policyName(ServiceContext context) {
    return context.name() + "-gateway";
  }

  public static List<GenericKubernetesResource> of(ServiceContext context) {
    if (context.intent().spec().routes().isEmpty()) {
      return List.of();
    }
    return List.of(cilium(context), istio(context));
  }

  /** The container ports of the service that its routes send to. */
  static Set<Integer> routedPorts(ServiceSpec spec) {
    Set<Integer> out = new TreeSet<>();
    for (Route route : spec.routes().values()) {
      route.port().map(spec.ports()::get).or(() -> spec.ports().values().stream().findFirst())
          .map(Port::targetPort).ifPresent(out::add);
    }
    return out;
  }

  private static GenericKubernetesResource cilium(ServiceContext context) {
    Set<String> listenerPorts = new TreeSet<>();
    for (IngressGateway.Listener l : IngressGateway.listeners(context.intent())) {
      listenerPorts.add(Integer.toString(l.port()));
    }
    Map<String, String> service = new TreeMap<>(Meta.selector(context));
    service.put(MeshPolicies.NAMESPACE_LABEL, context.namespace());
    List<Object> toService = new ArrayList<>();
    routedPorts(context.intent().spec()).forEach(p -> toService.add(port(Integer.toString(p))));
    toService.add(port(Integer.toString(MeshPolicies.HBONE_PORT)));
    Map<String, Object> egress = new LinkedHashMap<>();
    egress.put("toEndpoints", List.of(Map.of("matchLabels", service)));
    egress.put("toPorts", List.of(Map.of("ports", toService)));
    Map<String, Object> ingress = new LinkedHashMap<>();
    // Clients of a public gateway come from outside the cluster as well as from inside it.
    ingress.put("fromEntities", List.of("world", "cluster"));
    ingress.put("toPorts", List.of(Map.of("ports", listenerPorts.stream().map(GatewayPolicies::port).toList())));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("endpointSelector", Map.of("matchLabels", Map.of(GATEWAY_LABEL, Routes.gatewayName(context))));
    spec.put("ingress", List.of(ingress));
    spec.put("egress", List.of(egress));
    return Meta.generic("cilium.io/v2", "CiliumNetworkPolicy", Meta.of(context, policyName(context)),
        Map.of("spec", spec));
  }

  private static GenericKubernetesResource istio(ServiceContext context) {
    // Hosts and listener ports per protocol: an HTTP rule names hosts, a TCP listener has none to match on.
    Map<Boolean, Set<String>> hosts = new TreeMap<>();
    Map<Boolean, Set<String>> ports = new TreeMap<>();
    for (Route route : context.intent().spec().routes().values()) {
      boolean tcp = route.kind() == Route.Kind.TCPRoute;
      for (IngressGateway.Listener l : IngressGateway.routeListeners(context.name(), route)) {
        ports.computeIfAbsent(tcp, k -> new TreeSet<>()).add(Integer.toString(l.port()));
        l.hostname().ifPresent(h -> hosts.computeIfAbsent(tcp, k -> new TreeSet<>()).add(h));
      }
    }
    List<Object> rules = new ArrayList<>();
    ports.forEach((tcp, numbers) -> {
      Map<String, Object> operation = new LinkedHashMap<>();
      if (!tcp) {
        operation.put("hosts", List.copyOf(hosts.getOrDefault(false, Set.of())));
      }
      operation.put("ports", List.copyOf(numbers));
      rules.add(Map.of("to", List.of(Map.of("operation", operation))));
    });
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("group", "gateway.networking.k8s.io");
    target.put("kind", IngressGateway.KIND);
    target.put("name", Routes.gatewayName(context));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("targetRefs", List.of(target));
    spec.put("action", "ALLOW");
    spec.put("rules", rules);
    return Meta.generic("security.istio.io/v1", "AuthorizationPolicy", Meta.of(context, policyName(context)),
        Map.of("spec", spec));
  }

  private static Map<String, Object> port(String number) {
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("port", number);
    port.put("protocol", "TCP");
    return port;
  }
}
