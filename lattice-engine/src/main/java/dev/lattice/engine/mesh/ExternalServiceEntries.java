package dev.lattice.engine.mesh;

import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * L7 egress to external services, for each {@code type: external-service} resource with FQDN endpoints (only
 * derived when Cedar permits {@code AccessExternalEndpoint}: a denied service derives nothing). An Istio
 * {@code ServiceEntry} {@code <svc>-<resource>-egress} names the hosts and ports (MESH_EXTERNAL, DNS resolution,
 * visible only in the namespace) and is labelled to use the namespace's waypoint {@code waypoint}, derived with it
 * ({@link Waypoint}): the ambient mesh sees L7 traffic to a ServiceEntry only through a waypoint. An ALLOW
 * AuthorizationPolicy of the same name, attached to the ServiceEntry (enforced by that waypoint), admits only this
 * service's identity on those ports. IP endpoints stay L4 only
 * (Cilium {@code toCIDR}), as a ServiceEntry for an address would match any caller's traffic to it.
 */
public final class ExternalServiceEntries {
  /** The waypoint an ambient namespace routes ServiceEntry traffic through. */
  public static final String WAYPOINT = Waypoint.NAME;

  private ExternalServiceEntries() {}

  public static List<GenericKubernetesResource> of(ServiceContext context) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    context.externals().forEach((resource, endpoints) -> {
      SortedSet<String> hosts = new TreeSet<>();
      SortedMap<Integer, String> ports = new TreeMap<>();
      for (ExternalEndpoints.Endpoint endpoint : endpoints.endpoints()) {
        if (!MeshPolicies.isIp(endpoint.host())) {
          hosts.add(endpoint.host().endsWith(".") ? endpoint.host().substring(0, endpoint.host().length() - 1)
              : endpoint.host());
          ports.putIfAbsent(endpoint.port(), endpoint.scheme());
        }
      }
      if (!hosts.isEmpty()) {
        String name = context.name() + "-" + resource + "-egress";
        out.add(serviceEntry(context, name, hosts, ports));
        out.add(policy(context, name, ports));
      }
    });
    return out;
  }

  private static GenericKubernetesResource serviceEntry(
      ServiceContext context, String name, SortedSet<String> hosts, SortedMap<Integer, String> ports) {
    List<Object> portList = new ArrayList<>();
    ports.forEach((number, scheme) -> {
      Map<String, Object> port = new LinkedHashMap<>();
      port.put("number", number);
      port.put("name", scheme + "-" + number);
      port.put("protocol", protocol(scheme));
      portList.add(port);
    });
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("hosts", List.copyOf(hosts));
    spec.put("ports", portList);
    spec.put("location", "MESH_EXTERNAL");
    spec.put("resolution", "DNS");
    // Visible to this namespace only: another team's pods never route through this entry.
    spec.put("exportTo", List.of("."));
    var meta = Meta.of(context, name);
    meta.getLabels().put("istio.io/use-waypoint", WAYPOINT);
    return Meta.generic("networking.istio.io/v1", "ServiceEntry", meta, Map.of("spec", spec));
  }

  private static GenericKubernetesResource policy(
      ServiceContext context, String name, SortedMap<Integer, String> ports) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("group", "networking.istio.io");
    target.put("kind", "ServiceEntry");
    target.put("name", name);
    String principal = context.settings().trustDomain() + "/ns/" + context.namespace() + "/sa/" + context.name();
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("from", List.of(Map.of("source", Map.of("principals", List.of(principal)))));
    rule.put("to", List.of(Map.of("operation",
        Map.of("ports", ports.keySet().stream().map(String::valueOf).toList()))));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("targetRefs", List.of(target));
    spec.put("action", "ALLOW");
    spec.put("rules", List.of(rule));
    return Meta.generic("security.istio.io/v1", "AuthorizationPolicy", Meta.of(context, name), Map.of("spec", spec));
  }

  /** True when the endpoints name a host by name (an FQDN endpoint gets a ServiceEntry; an IP stays L4). */
  static boolean hasHosts(ExternalEndpoints endpoints) {
    return endpoints.endpoints().stream().anyMatch(e -> !MeshPolicies.isIp(e.host()));
  }

  /** Istio's port protocol for an endpoint scheme. */
  static String protocol(String scheme) {
    return switch (scheme) {
      case "https" -> "HTTPS";
      case "http" -> "HTTP";
      case "grpc" -> "GRPC";
      case "udp" -> "UDP";
      default -> "TCP";
    };
  }
}
