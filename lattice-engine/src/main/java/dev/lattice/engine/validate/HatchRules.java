package dev.lattice.engine.validate;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.MeshSection;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules on an escape hatch's metadata, pod selector and mesh section. Governance (owner, reason, expiry) is judged
 * by {@link dev.lattice.engine.hatch.HatchGovernance}, which needs the date.
 */
public final class HatchRules {
  private static final List<String> ENTITIES = List.of(
      "world", "cluster", "host", "remote-node", "kube-apiserver", "ingress", "health", "init", "unmanaged", "all");
  private static final Pattern IPV4_CIDR =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}/(3[0-2]|[12]?\\d)");
  private static final Pattern IPV6_CIDR = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*/(12[0-8]|1[01]\\d|\\d?\\d)");
  private static final String MODES = "strict, permissive or webhook";

  private HatchRules() {}

  public static List<Diagnostic> validate(ServiceContext context) {
    Problems problems = new Problems();
    ServiceRules.identity(context, problems);
    EscapeHatch hatch = context.intent().hatch().orElseThrow();
    if (hatch.kind() == EscapeHatch.Kind.MESH_MEMBER && hatch.selector().isEmpty()) {
      problems.add(Reason.MeshSelectorMissing, "spec.selector",
          "the mesh member selects no pods; without labels it would enrol nothing, or every pod of the namespace.",
          "add spec.selector with the labels of the pods to enrol, e.g. selector: {app: legacy-billing}.");
    }
    MeshSection mesh = hatch.mesh();
    if (mesh.serviceAccount().isEmpty()) {
      problems.add(Reason.InvalidMeshEntry, "spec.mesh.serviceAccount",
          "no service account is given; the mesh identifies the pods by the one they run as.",
          "set spec.mesh.serviceAccount to the pods' spec.serviceAccountName (default if they set none).");
    } else if (!Names.isDnsSubdomain(mesh.serviceAccount())) {
      problems.add(Reason.InvalidMeshEntry, "spec.mesh.serviceAccount",
          "'" + Names.printable(mesh.serviceAccount()) + "' cannot name a service account.",
          "use the pods' spec.serviceAccountName, lowercase letters, digits, '-' and '.'.");
    }
    for (MeshSection.MeshPort port : mesh.ports().values()) {
      port(port, problems);
    }
    mesh.allowedCallers().values().forEach(p -> peer(p, "spec.mesh.allowedCallers." + p.name(), true, problems));
    mesh.dependencies().values().forEach(p -> peer(p, "spec.mesh.dependencies." + p.name(), false, problems));
    mesh.egress().values().forEach(e -> egress(e, problems));
    return problems.list();
  }

  private static void port(MeshSection.MeshPort port, Problems problems) {
    String path = "spec.mesh.ports." + port.name();
    if (!Names.isDnsLabel(port.name()) || port.name().length() > 15) {
      problems.add(Reason.InvalidName, path, "port name '" + Names.printable(port.name()) + "' is not a DNS label of "
          + "at most 15 characters.", "rename it, e.g. " + Names.labelLike(port.name(), 15, "http") + ".");
    }
    if (port.port() < 1 || port.port() > 65535) {
      problems.add(Reason.InvalidPort, path + ".port",
          port.port() == 0 ? "the port is missing or 0." : port.port() + " is not a port number.",
          "set port to the container port, a number from 1 to 65535, e.g. port: 8080.");
    }
    if (!List.of("TCP", "UDP", "SCTP").contains(port.protocol().toUpperCase(Locale.ROOT))) {
      problems.add(Reason.InvalidProtocol, path + ".protocol", "'" + Names.printable(port.protocol())
          + "' is not a protocol.", "use TCP, UDP or SCTP.");
    }
    if (MeshSection.PeerAuthentication.ofWire(port.peerAuthentication()).isEmpty()) {
      problems.add(Reason.InvalidMeshEntry, path + ".peerAuthentication",
          "'" + Names.printable(port.peerAuthentication()) + "' is not a peer authentication mode.",
          "use " + MODES + " (strict is the default: mTLS only).");
    }
  }

  private static void peer(MeshSection.Peer peer, String path, boolean caller, Problems problems) {
    if (!Names.isDnsLabel(peer.name())) {
      problems.add(Reason.InvalidName, path, "entry name '" + Names.printable(peer.name()) + "' is not a DNS label.",
          "use " + Names.DNS_LABEL_RULE + ".");
    }
    Optional<String> id = peer.id();
    if (id.filter("*"::equals).isPresent() && !caller) {
      problems.add(Reason.InvalidMeshEntry, path + ".id", "a dependency cannot be \"*\"; only allowedCallers accept "
          + "any caller.", "name the service or mesh member this one calls.");
    } else if (id.isPresent() && !id.get().equals("*") && !Names.isDnsLabel(id.get())) {
      problems.add(Reason.InvalidMeshEntry, path + ".id", "'" + Names.printable(id.get()) + "' cannot name a "
          + "service or mesh member.", "use its metadata.name, " + Names.DNS_LABEL_RULE + ".");
    }
    peer.namespace().filter(ns -> !Names.isNamespace(ns)).ifPresent(ns -> problems.add(Reason.InvalidNamespace,
        path + ".namespace", "'" + Names.printable(ns) + "' is not a valid namespace name.",
        "use the peer's metadata.namespace, or leave it out for this one's."));
  }

  private static void egress(MeshSection.Egress e, Problems problems) {
    String path = "spec.mesh.egress." + e.name();
    int set = (e.fqdn().isPresent() ? 1 : 0) + (e.cidr().isPresent() ? 1 : 0) + (e.entity().isPresent() ? 1 : 0);
    if (set != 1) {
      problems.add(Reason.InvalidMeshEntry, path, set == 0 ? "the egress entry names no destination."
          : "the egress entry names " + set + " destinations; each entry is one of fqdn, cidr or entity.",
          "write exactly one of fqdn (api.example.com), cidr (10.20.0.0/16) or entity (world), with ports.");
      return;
    }
    e.fqdn().filter(h -> !Names.isHostname(h) || h.contains("*")).ifPresent(h -> problems.add(
        Reason.InvalidMeshEntry, path + ".fqdn", "'" + Names.printable(h) + "' is not a host name.",
        "write a host name without scheme, port or wildcard, e.g. fqdn: api.stripe.com."));
    e.cidr().filter(c -> !IPV4_CIDR.matcher(c).matches() && !IPV6_CIDR.matcher(c).matches()).ifPresent(c ->
        problems.add(Reason.InvalidMeshEntry, path + ".cidr", "'" + Names.printable(c) + "' is not a CIDR range.",
            "write an address and prefix length, e.g. cidr: 10.20.0.0/16."));
    e.entity().filter(x -> !ENTITIES.contains(x)).ifPresent(x -> problems.add(Reason.InvalidMeshEntry,
        path + ".entity", "'" + Names.printable(x) + "' is not a Cilium entity.",
        "use one of " + String.join(", ", ENTITIES) + "."));
    if (e.ports().isEmpty() && e.entity().isEmpty()) {
      problems.add(Reason.InvalidMeshEntry, path + ".ports", "the egress entry lists no ports.",
          "add the destination ports, e.g. ports: [443].");
    }
    e.ports().stream().filter(p -> p < 1 || p > 65535).findFirst().ifPresent(p -> problems.add(
        Reason.InvalidPort, path + ".ports", p + " is not a port number.", "use numbers from 1 to 65535."));
    if (!List.of("TCP", "UDP").contains(e.protocol().toUpperCase(Locale.ROOT))) {
      problems.add(Reason.InvalidProtocol, path + ".protocol", "'" + Names.printable(e.protocol())
          + "' is not an egress protocol.", "use TCP or UDP.");
    }
  }
}
