package dev.lattice.api.hatch;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.model.Sorted;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mesh section of an escape hatch as the engine reads it. Values the engine must judge (modes, protocols) stay
 * as written so that a wrong one is reported with its field path instead of failing the read.
 */
public record MeshSection(
    String serviceAccount,
    Map<String, MeshPort> ports,
    Map<String, Peer> allowedCallers,
    Map<String, Peer> dependencies,
    Map<String, Egress> egress) {
  public MeshSection {
    serviceAccount = Objects.requireNonNullElse(serviceAccount, "");
    ports = Sorted.map(ports);
    allowedCallers = Sorted.map(allowedCallers);
    dependencies = Sorted.map(dependencies);
    egress = Sorted.map(egress);
  }

  public static MeshSection empty() {
    return new MeshSection("", null, null, null, null);
  }

  /** How a port authenticates its peers. */
  public enum PeerAuthentication {
    /** mTLS only: the default. */
    STRICT("strict"),
    /** mTLS or plaintext: needs a Cedar OverrideSecurity permit. */
    PERMISSIVE("permissive"),
    /** Plaintext from the Kubernetes API server only (admission and conversion webhooks). */
    WEBHOOK("webhook");

    private final String wire;

    PeerAuthentication(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<PeerAuthentication> ofWire(String text) {
      for (PeerAuthentication mode : values()) {
        if (mode.wire.equals(text)) {
          return Optional.of(mode);
        }
      }
      return Optional.empty();
    }
  }

  /** A served port; {@code port} 0 when missing; {@code peerAuthentication} as written, "strict" when missing. */
  public record MeshPort(String name, int port, String protocol, String peerAuthentication) {}

  /** A caller or dependency entry; {@code id} "*" (callers only) is any caller. */
  public record Peer(String name, Optional<String> id, Optional<String> namespace) {
    public Peer {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(namespace, "namespace");
    }

    public boolean any() {
      return id.filter("*"::equals).isPresent();
    }

    /** The service or mesh member this entry names, seen from {@code self}'s namespace. */
    public ServiceRef target(String selfNamespace) {
      return new ServiceRef(namespace.orElse(selfNamespace), id.orElse(name));
    }
  }

  /** An egress destination: exactly one of fqdn, cidr or entity should be set (the engine checks). */
  public record Egress(
      String name, Optional<String> fqdn, Optional<String> cidr, Optional<String> entity, List<Integer> ports,
      String protocol) {
    public Egress {
      Objects.requireNonNull(fqdn, "fqdn");
      Objects.requireNonNull(cidr, "cidr");
      Objects.requireNonNull(entity, "entity");
      ports = List.copyOf(ports);
    }
  }

  /** Reads the wire section; never fails (the engine reports what is wrong). */
  public static MeshSection of(MeshSpec spec) {
    if (spec == null) {
      return empty();
    }
    Map<String, MeshPort> ports = new TreeMap<>();
    if (spec.ports != null) {
      spec.ports.forEach((name, p) -> ports.put(name, p == null ? new MeshPort(name, 0, "TCP", "strict")
          : new MeshPort(name, p.port == null ? 0 : p.port, Objects.requireNonNullElse(p.protocol, "TCP"),
              Objects.requireNonNullElse(p.peerAuthentication, "strict"))));
    }
    Map<String, Egress> egress = new TreeMap<>();
    if (spec.egress != null) {
      spec.egress.forEach((name, e) -> egress.put(name, e == null
          ? new Egress(name, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "TCP")
          : new Egress(name, blank(e.fqdn), blank(e.cidr), blank(e.entity),
              e.ports == null ? List.of() : e.ports.stream().filter(Objects::nonNull).toList(),
              Objects.requireNonNullElse(e.protocol, "TCP"))));
    }
    return new MeshSection(spec.serviceAccount, ports, peers(spec.allowedCallers), peers(spec.dependencies), egress);
  }

  private static Map<String, Peer> peers(Map<String, MeshSpec.PeerSpec> wire) {
    Map<String, Peer> out = new TreeMap<>();
    if (wire != null) {
      wire.forEach((name, p) -> out.put(name, p == null ? new Peer(name, Optional.empty(), Optional.empty())
          : new Peer(name, blank(p.id), blank(p.namespace))));
    }
    return out;
  }

  private static Optional<String> blank(String text) {
    return Optional.ofNullable(text).map(String::strip).filter(s -> !s.isEmpty());
  }
}
