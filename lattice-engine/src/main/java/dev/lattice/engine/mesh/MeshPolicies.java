package dev.lattice.engine.mesh;

import dev.lattice.api.model.Port;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two policies every service gets. Both deny by default: the CiliumNetworkPolicy admits at L4 only DNS, agreed
 * peers, HBONE and declared external endpoints; the Istio AuthorizationPolicy admits at L7 only the SPIFFE identities
 * of agreed callers on the ports they may use. A service nobody may call still gets both, so it is never open.
 */
public final class MeshPolicies {
  static final String NAMESPACE_LABEL = "k8s:io.kubernetes.pod.namespace";
  /** Ambient traffic between pods is tunnelled through ztunnel on this port. */
  static final int HBONE_PORT = 15008;

  private MeshPolicies() {}

  public static String policyName(ServiceContext context) {
    return context.name() + "-mesh";
  }

  public static List<GenericKubernetesResource> of(ServiceContext context) {
    List<MeshPeers.Peer> callers = MeshPeers.callers(context);
    List<MeshPeers.Peer> callees = MeshPeers.callees(context);
    if (context.intent().isHatch()) {
      return List.of(cilium(context, callers, callees), istio(context, callers), HatchMesh.peerAuthentication(context));
    }
    return List.of(cilium(context, callers, callees), istio(context, callers));
  }

  private static GenericKubernetesResource cilium(
      ServiceContext context, List<MeshPeers.Peer> callers, List<MeshPeers.Peer> callees) {
    List<Object> ingress = new ArrayList<>();
    for (MeshPeers.Peer caller : callers) {
      ingress.add(rule("fromEndpoints", List.of(selector(caller)), caller.ports()));
    }
    if (!callers.isEmpty()) {
      ingress.add(rule("fromEntities", List.of("cluster"), Set.of(), HBONE_PORT));
    }
    ingress.addAll(HatchMesh.webhookIngress(context));
    List<Object> egress = new ArrayList<>();
    boolean fqdn = context.externals().values().stream()
        .flatMap(e -> e.endpoints().stream()).anyMatch(e -> !isIp(e.host())) || HatchMesh.hasFqdnEgress(context);
    egress.add(dns(fqdn));
    for (MeshPeers.Peer callee : callees) {
      egress.add(rule("toEndpoints", List.of(selector(callee)), callee.ports()));
    }
    if (!callees.isEmpty()) {
      egress.add(rule("toEntities", List.of("cluster"), Set.of(), HBONE_PORT));
    }
    context.externals().forEach((name, endpoints) -> egress.addAll(external(endpoints)));
    egress.addAll(HatchMesh.egress(context));

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("endpointSelector", Map.of("matchLabels", Meta.selector(context)));
    // An empty rule turns on default deny for ingress without admitting anything.
    spec.put("ingress", ingress.isEmpty() ? List.of(Map.of()) : ingress);
    spec.put("egress", egress);
    return Meta.generic("cilium.io/v2", "CiliumNetworkPolicy", Meta.of(context, policyName(context)),
        Map.of("spec", spec));
  }

  private static GenericKubernetesResource istio(ServiceContext context, List<MeshPeers.Peer> callers) {
    // Callers that may use the same ports share one rule, so the policy reads as "these identities, these ports".
    Map<String, Set<String>> principalsByPorts = new TreeMap<>();
    Map<String, Set<Port>> portsByKey = new TreeMap<>();
    for (MeshPeers.Peer caller : callers) {
      String key = portKey(caller.ports());
      principalsByPorts.computeIfAbsent(key, k -> new TreeSet<>())
          .add(context.settings().trustDomain() + "/ns/" + caller.namespace() + "/sa/" + caller.serviceAccount());
      portsByKey.put(key, caller.ports());
    }
    List<Object> rules = new ArrayList<>();
    principalsByPorts.forEach((key, principals) -> {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("from", List.of(Map.of("source", Map.of("principals", List.copyOf(principals)))));
      rule.put("to", List.of(Map.of("operation", Map.of("ports", portNumbers(portsByKey.get(key))))));
      rules.add(rule);
    });
    HatchMesh.plaintextRule(context).ifPresent(rules::add);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", Map.of("matchLabels", Meta.selector(context)));
    spec.put("action", "ALLOW");
    // An ALLOW policy without rules matches nothing: every request is denied.
    if (!rules.isEmpty()) {
      spec.put("rules", rules);
    }
    return Meta.generic("security.istio.io/v1", "AuthorizationPolicy", Meta.of(context, policyName(context)),
        Map.of("spec", spec));
  }

  private static Map<String, Object> selector(MeshPeers.Peer peer) {
    Map<String, String> labels = new TreeMap<>(peer.podLabels());
    labels.put(NAMESPACE_LABEL, peer.namespace());
    return Map.of("matchLabels", labels);
  }

  private static Map<String, Object> rule(String peerField, List<?> peers, Set<Port> ports, int... extra) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put(peerField, peers);
    List<Object> portList = new ArrayList<>();
    for (Port port : ports) {
      portList.add(port(port.targetPort(), port.protocol().name()));
    }
    for (int number : extra) {
      portList.add(port(number, "TCP"));
    }
    rule.put("toPorts", List.of(Map.of("ports", portList)));
    return rule;
  }

  static Map<String, Object> port(int number, String protocol) {
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("port", Integer.toString(number));
    port.put("protocol", protocol);
    return port;
  }

  private static Map<String, Object> dns(boolean inspect) {
    Map<String, String> kubeDns = new TreeMap<>();
    kubeDns.put(NAMESPACE_LABEL, "kube-system");
    kubeDns.put("k8s:k8s-app", "kube-dns");
    Map<String, Object> toPorts = new LinkedHashMap<>();
    toPorts.put("ports", List.of(port(53, "UDP"), port(53, "TCP")));
    if (inspect) {
      // FQDN egress only works when Cilium's DNS proxy sees the lookups.
      toPorts.put("rules", Map.of("dns", List.of(Map.of("matchPattern", "*"))));
    }
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("toEndpoints", List.of(Map.of("matchLabels", kubeDns)));
    rule.put("toPorts", List.of(toPorts));
    return rule;
  }

  private static List<Object> external(ExternalEndpoints endpoints) {
    List<Object> rules = new ArrayList<>();
    endpoints.entity().ifPresent(id -> {
      String[] parts = id.substring("entity:".length()).split(":");
      int port = parts.length > 1 && parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : 443;
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("toEntities", List.of(parts[0]));
      rule.put("toPorts", List.of(Map.of("ports", List.of(port(port, "TCP")))));
      rules.add(rule);
    });
    for (ExternalEndpoints.Endpoint endpoint : endpoints.endpoints()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      if (isIp(endpoint.host())) {
        String host = endpoint.host().replace("[", "").replace("]", "");
        rule.put("toCIDR", List.of(host + (host.contains(":") ? "/128" : "/32")));
      } else {
        rule.put("toFQDNs", List.of(Map.of("matchName", endpoint.host())));
      }
      String protocol = endpoint.scheme().equals("udp") ? "UDP" : "TCP";
      rule.put("toPorts", List.of(Map.of("ports", List.of(port(endpoint.port(), protocol)))));
      rules.add(rule);
    }
    return rules;
  }

  static boolean isIp(String host) {
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.startsWith("[");
  }

  private static String portKey(Set<Port> ports) {
    return String.join(",", portNumbers(ports));
  }

  private static List<String> portNumbers(Set<Port> ports) {
    return ports.stream().map(p -> Integer.toString(p.targetPort())).sorted().distinct().toList();
  }
}
