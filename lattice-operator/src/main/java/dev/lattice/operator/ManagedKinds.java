package dev.lattice.operator;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * Every kind the engine can derive. The operator prunes exactly these kinds, and its RBAC (deploy/operator) grants
 * exactly these — a test keeps the three in step.
 */
public final class ManagedKinds {
  /** One kind with the plural its API path uses. */
  public record Kind(String group, String version, String kind, String plural) {
    public String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    public ResourceDefinitionContext context() {
      return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
          .withPlural(plural).withNamespaced(true).build();
    }
  }

  public static final List<Kind> ALL = List.of(
      new Kind("", "v1", "ServiceAccount", "serviceaccounts"),
      new Kind("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
      new Kind("external-secrets.io", "v1", "ExternalSecret", "externalsecrets"),
      new Kind("", "v1", "ConfigMap", "configmaps"),
      new Kind("cilium.io", "v2", "CiliumNetworkPolicy", "ciliumnetworkpolicies"),
      new Kind("security.istio.io", "v1", "AuthorizationPolicy", "authorizationpolicies"),
      // Escape hatches' mesh section (LatticePackage, LatticeMeshMember): a PeerAuthentication per port mode.
      new Kind("security.istio.io", "v1", "PeerAuthentication", "peerauthentications"),
      new Kind("cilium.io", "v1alpha1", "TracingPolicyNamespaced", "tracingpoliciesnamespaced"),
      new Kind("", "v1", "Service", "services"),
      new Kind("apps", "v1", "Deployment", "deployments"),
      new Kind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets"),
      new Kind("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects"),
      new Kind("operator.victoriametrics.com", "v1beta1", "VMServiceScrape", "vmservicescrapes"),
      new Kind("cert-manager.io", "v1", "Certificate", "certificates"),
      new Kind("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes"),
      new Kind("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes"),
      new Kind("gateway.networking.k8s.io", "v1", "TCPRoute", "tcproutes"),
      new Kind("gateway.networking.k8s.io", "v1", "Gateway", "gateways"),
      new Kind("networking.istio.io", "v1", "ServiceEntry", "serviceentries"));

  private ManagedKinds() {}

  public static Optional<Kind> of(String apiVersion, String kind) {
    return ALL.stream().filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind)).findFirst();
  }
}
