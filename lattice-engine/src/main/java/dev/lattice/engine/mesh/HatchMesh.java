package dev.lattice.engine.mesh;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.MeshSection;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an escape hatch's mesh section adds to the two default-deny policies a service gets: egress to FQDNs, CIDRs
 * and entities, plaintext from the API server on webhook ports, and a PeerAuthentication per port mode. Empty for a
 * LatticeService, so its policies are unchanged.
 */
final class HatchMesh {
  private HatchMesh() {}

  private static Optional<MeshSection> mesh(ServiceContext context) {
    return context.intent().hatch().map(EscapeHatch::mesh);
  }

  static boolean hasFqdnEgress(ServiceContext context) {
    return mesh(context).map(m -> m.egress().values().stream().anyMatch(e -> e.fqdn().isPresent())).orElse(false);
  }

  static List<Object> egress(ServiceContext context) {
    List<Object> rules = new ArrayList<>();
    for (MeshSection.Egress e : mesh(context).map(m -> m.egress().values()).orElse(List.of())) {
      Map<String, Object> rule = new LinkedHashMap<>();
      if (e.fqdn().isPresent()) {
        rule.put("toFQDNs", List.of(Map.of("matchName", e.fqdn().get())));
      } else if (e.cidr().isPresent()) {
        rule.put("toCIDR", List.of(e.cidr().get()));
      } else if (e.entity().isPresent()) {
        rule.put("toEntities", List.of(e.entity().get()));
      } else {
        continue;
      }
      String protocol = e.protocol().equalsIgnoreCase("UDP") ? "UDP" : "TCP";
      List<Integer> ports = e.ports().isEmpty() && e.entity().isPresent() ? List.of(443) : e.ports();
      List<Object> portList = new ArrayList<>();
      ports.stream().sorted().distinct().forEach(p -> portList.add(MeshPolicies.port(p, protocol)));
      rule.put("toPorts", List.of(Map.of("ports", portList)));
      rules.add(rule);
    }
    return rules;
  }

  private static List<MeshSection.MeshPort> webhookPorts(ServiceContext context) {
    return mesh(context).map(m -> m.ports().values().stream()
        .filter(p -> p.peerAuthentication().equals(MeshSection.PeerAuthentication.WEBHOOK.wire()))
        .filter(p -> p.port() >= 1 && p.port() <= 65535).toList()).orElse(List.of());
  }

  /** The API server calls webhooks in plaintext: admit exactly it, exactly there. */
  static List<Object> webhookIngress(ServiceContext context) {
    List<MeshSection.MeshPort> ports = webhookPorts(context);
    if (ports.isEmpty()) {
      return List.of();
    }
    List<Object> portList = new ArrayList<>();
    ports.forEach(p -> portList.add(MeshPolicies.port(p.port(), "TCP")));
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("fromEntities", List.of("kube-apiserver"));
    rule.put("toPorts", List.of(Map.of("ports", portList)));
    return List.of(rule);
  }

  /**
   * Plaintext has no identity to match at L7, so webhook and permissive ports are admitted there without one;
   * Cilium still admits only the API server (webhook) or agreed callers (permissive) at L4.
   */
  static Optional<Object> plaintextRule(ServiceContext context) {
    List<MeshSection.MeshPort> ports = mesh(context).map(m -> m.ports().values().stream()
        .filter(p -> !p.peerAuthentication().equals(MeshSection.PeerAuthentication.STRICT.wire()))
        .filter(p -> p.port() >= 1 && p.port() <= 65535).toList()).orElse(List.of());
    if (ports.isEmpty()) {
      return Optional.empty();
    }
    List<String> numbers = ports.stream().map(p -> Integer.toString(p.port())).sorted().distinct().toList();
    return Optional.of(Map.of("to", List.of(Map.of("operation", Map.of("ports", numbers)))));
  }

  /** STRICT for the workload, relaxed per port: PERMISSIVE for permissive and webhook ports. */
  static GenericKubernetesResource peerAuthentication(ServiceContext context) {
    MeshSection mesh = mesh(context).orElseThrow();
    Map<String, Object> portLevel = new TreeMap<>();
    for (MeshSection.MeshPort p : mesh.ports().values()) {
      if (!p.peerAuthentication().equals(MeshSection.PeerAuthentication.STRICT.wire())
          && p.port() >= 1 && p.port() <= 65535) {
        portLevel.put(Integer.toString(p.port()), Map.of("mode", "PERMISSIVE"));
      }
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", Map.of("matchLabels", Meta.selector(context)));
    spec.put("mtls", Map.of("mode", "STRICT"));
    if (!portLevel.isEmpty()) {
      spec.put("portLevelMtls", portLevel);
    }
    return Meta.generic("security.istio.io/v1", "PeerAuthentication",
        Meta.of(context, MeshPolicies.policyName(context)), Map.of("spec", spec));
  }
}
