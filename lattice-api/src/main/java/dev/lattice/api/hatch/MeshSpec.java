package dev.lattice.api.hatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** {@code spec.mesh} on the wire: what the enrolled pods serve, whom they accept, whom they call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MeshSpec {
  @JsonPropertyDescription("The service account the pods run as; their mesh identity is "
      + "<trustDomain>/ns/<namespace>/sa/<serviceAccount>. Required.")
  public String serviceAccount;

  @JsonPropertyDescription("Ports the pods serve, by name (DNS label, at most 15 characters).")
  public Map<String, PortSpec> ports;

  @JsonPropertyDescription("Who may call the pods, by name: a LatticeService or LatticeMeshMember (id defaults "
      + "to the name, namespace to this one's), or id \"*\" for any caller (needs a Cedar AllowWildcard permit). "
      + "The caller must declare this one as a dependency too.")
  public Map<String, PeerSpec> allowedCallers;

  @JsonPropertyDescription("Services and mesh members the pods call, by name; each must accept this one.")
  public Map<String, PeerSpec> dependencies;

  @JsonPropertyDescription("Destinations outside the mesh, by name: exactly one of fqdn, cidr or entity, and "
      + "ports. Each needs a Cedar AccessExternalEndpoint permit.")
  public Map<String, EgressSpec> egress;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PortSpec {
    @JsonPropertyDescription("The container port (1-65535).")
    public Integer port;

    @JsonPropertyDescription("TCP (default), UDP or SCTP.")
    public String protocol;

    @JsonPropertyDescription("strict (default: mTLS only), permissive (plaintext accepted too; needs a Cedar "
        + "OverrideSecurity permit for Lattice::SecurityOverride::\"peerAuthentication:permissive\") or webhook "
        + "(plaintext from the Kubernetes API server only, for admission webhooks).")
    public String peerAuthentication;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PeerSpec {
    @JsonPropertyDescription("The peer's name; defaults to the entry's name. \"*\" in allowedCallers: any caller.")
    public String id;

    @JsonPropertyDescription("The peer's namespace; defaults to this one's.")
    public String namespace;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class EgressSpec {
    @JsonPropertyDescription("A host name, e.g. api.stripe.com.")
    public String fqdn;

    @JsonPropertyDescription("An IPv4 or IPv6 range, e.g. 10.20.0.0/16.")
    public String cidr;

    @JsonPropertyDescription("A Cilium entity: world, cluster, host, remote-node, kube-apiserver, ...")
    public String entity;

    @JsonPropertyDescription("Destination ports (at least one; entity defaults to 443).")
    public List<Integer> ports;

    @JsonPropertyDescription("TCP (default) or UDP.")
    public String protocol;
  }
}
