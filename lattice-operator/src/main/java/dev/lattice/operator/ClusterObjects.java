package dev.lattice.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/** Applies the objects of the platform's provider kinds (issue 17), cluster-scoped or in a platform namespace. */
final class ClusterObjects {
  /** Kind to plural, for exactly the kinds the provider reconcilers apply (RbacTest checks the grants). */
  static final Map<String, String> PLURALS = Map.of(
      "ClusterSecretStore", "clustersecretstores",
      "CiliumNetworkPolicy", "ciliumnetworkpolicies",
      "ClusterImagePolicy", "clusterimagepolicies");

  private ClusterObjects() {}

  static void apply(KubernetesClient client, ApplyMode mode, HasMetadata object) {
    GenericKubernetesResource resource = Applier.generic(object);
    String namespace = resource.getMetadata().getNamespace();
    String[] gv = resource.getApiVersion().split("/");
    var definition = new ResourceDefinitionContext.Builder().withGroup(gv[0]).withVersion(gv[1])
        .withKind(resource.getKind()).withPlural(PLURALS.get(resource.getKind())).withNamespaced(namespace != null)
        .build();
    var api = client.genericKubernetesResources(definition);
    var target = namespace == null ? api.resource(resource) : api.inNamespace(namespace).resource(resource);
    if (mode == ApplyMode.SERVER_SIDE_APPLY) {
      target.fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
    } else {
      target.createOr(existing -> existing.update());
    }
  }
}
