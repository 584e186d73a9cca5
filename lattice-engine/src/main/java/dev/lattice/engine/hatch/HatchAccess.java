package dev.lattice.engine.hatch;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.MeshSection;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.authorize.Ask;
import dev.lattice.policy.AccessRequest;
import dev.lattice.policy.Action;
import dev.lattice.policy.Entities;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Cedar requests of an escape hatch, in spec order: a wildcard caller (AllowWildcard), a permissive port
 * (OverrideSecurity on {@code Lattice::SecurityOverride::"peerAuthentication:permissive"}), each egress destination
 * (AccessExternalEndpoint) and an expiry past the platform's maximum lifetime (ExtendEscapeHatch).
 */
public final class HatchAccess {
  /** The documented override id a permissive port asks for. */
  public static final String PERMISSIVE_OVERRIDE = "peerAuthentication:permissive";

  private HatchAccess() {}

  public static List<Ask> of(ServiceContext context) {
    EscapeHatch hatch = context.intent().hatch().orElseThrow();
    List<Ask> asked = asks(context, hatch);
    // Each kind asks as its own principal type: a permit for services covers no hatch, nor the reverse.
    String type = principalType(hatch.kind());
    return asked.stream().map(a -> new Ask(a.request().as(type), a.fieldPath(), a.what(), a.denial())).toList();
  }

  /** The Cedar principal type of a hatch of {@code kind}. */
  public static String principalType(EscapeHatch.Kind kind) {
    return kind == EscapeHatch.Kind.PACKAGE ? Entities.PACKAGE : Entities.MESH_MEMBER;
  }

  private static List<Ask> asks(ServiceContext context, EscapeHatch hatch) {
    List<Ask> out = new ArrayList<>();
    extension(context, hatch).ifPresent(out::add);
    MeshSection mesh = hatch.mesh();
    mesh.allowedCallers().values().stream().filter(MeshSection.Peer::any).forEach(peer -> out.add(new Ask(
        new AccessRequest(context.ref(), Action.AllowWildcard, Entities.meshInbound()),
        "spec.mesh.allowedCallers." + peer.name() + ".id", "accept calls from any service (allowedCallers \"*\")",
        Reason.WildcardCallerDenied)));
    for (MeshSection.MeshPort port : mesh.ports().values()) {
      if (port.peerAuthentication().equals(MeshSection.PeerAuthentication.PERMISSIVE.wire())) {
        out.add(new Ask(new AccessRequest(context.ref(), Action.OverrideSecurity,
            Entities.securityOverride(PERMISSIVE_OVERRIDE, "mesh")),
            "spec.mesh.ports." + port.name() + ".peerAuthentication",
            "use security override " + PERMISSIVE_OVERRIDE + " (port " + port.name() + " accepts plaintext)",
            Reason.SecurityOverrideDenied));
      }
    }
    for (MeshSection.Egress e : mesh.egress().values()) {
      String path = "spec.mesh.egress." + e.name();
      String protocol = e.protocol().equalsIgnoreCase("UDP") ? "udp" : "tcp";
      if (e.fqdn().isPresent() ? e.cidr().isPresent() || e.entity().isPresent()
          : e.cidr().isPresent() == e.entity().isPresent()) {
        continue; // not exactly one destination: validation reports it, there is nothing to authorize yet
      }
      Optional<String> target = e.fqdn().or(e::cidr);
      List<Integer> ports = e.ports().isEmpty() && e.entity().isPresent() ? List.of(443) : e.ports();
      for (int port : ports) {
        if (target.isPresent()) {
          out.add(new Ask(new AccessRequest(context.ref(), Action.AccessExternalEndpoint,
              Entities.externalEndpoint(target.get(), port, protocol)), path,
              "reach external endpoint " + target.get() + ":" + port, Reason.ExternalEndpointDenied));
        } else if (e.entity().isPresent()) {
          out.add(new Ask(new AccessRequest(context.ref(), Action.AccessExternalEndpoint,
              Entities.externalEndpoint("entity:" + e.entity().get(), port, "tcp")), path,
              "reach the network entity " + e.entity().get() + " on port " + port, Reason.ExternalEndpointDenied));
        }
      }
    }
    return out;
  }

  /** The ExtendEscapeHatch request, when {@code spec.expires} lies further ahead than the maximum lifetime. */
  static Optional<Ask> extension(ServiceContext context, EscapeHatch hatch) {
    Optional<LocalDate> expires = hatch.governance().expiryDate();
    if (expires.isEmpty() || context.today().isEmpty()) {
      return Optional.empty();
    }
    long days = ChronoUnit.DAYS.between(context.today().get(), expires.get());
    int max = context.settings().hatches().maxLifetimeDays();
    if (days <= max) {
      return Optional.empty();
    }
    String kind = hatch.kind().kindName();
    return Optional.of(new Ask(new AccessRequest(context.ref(), Action.ExtendEscapeHatch,
        Entities.escapeHatch(kind, context.ref(), hatch.governance().owner(), expires.get().toString(), days)),
        "spec.expires", "keep the escape hatch until " + expires.get() + ", " + HatchGovernance.days(days)
            + " from today, past the platform's maximum lifetime of " + HatchGovernance.days(max),
        Reason.ExtendEscapeHatchDenied));
  }
}
