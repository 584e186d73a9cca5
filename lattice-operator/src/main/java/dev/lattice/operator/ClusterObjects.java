package dev.lattice.operator;

import dev.lattice.api.v1.ProviderStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Applies the objects of the platform's provider kinds (issue 17), cluster-scoped or in a platform namespace. */
final class ClusterObjects {
  /** Kind to plural, for exactly the kinds the provider reconcilers apply (RbacTest checks the grants). */
  static final Map<String, String> PLURALS = Map.of(
      "ClusterSecretStore", "clustersecretstores",
      "CiliumNetworkPolicy", "ciliumnetworkpolicies",
      "ClusterImagePolicy", "clusterimagepolicies",
      "ClusterPolicy", "clusterpolicies",
      "ValidatingAdmissionPolicy", "validatingadmissionpolicies",
      "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings");

  /**
   * How soon a provider whose objects could not be applied is tried again. Without it the only retry was the next
   * operator start (the re-apply at every start that issue 17 reported): a Failed apply records no appliedHash.
   */
  static final Duration RETRY = Duration.ofMinutes(1);

  private ClusterObjects() {}

  /**
   * The reconcile's result for a provider: its status is written only when it differs from the last one, and a
   * provider whose apply failed is tried again after {@link #RETRY} (a Ready one never: its appliedHash makes the
   * next reconcile, e.g. at the next start, write nothing; an invalid spec waits for its next edit).
   */
  static <P extends CustomResource<?, ProviderStatus>> UpdateControl<P> outcome(P provider, ProviderStatus previous,
      ProviderStatus status, boolean applyFailed) {
    UpdateControl<P> control;
    if (same(previous, status)) {
      control = UpdateControl.noUpdate();
    } else {
      provider.setStatus(status);
      control = UpdateControl.patchStatus(provider);
    }
    return applyFailed ? control.rescheduleAfter(RETRY) : control;
  }

  static boolean same(ProviderStatus previous, ProviderStatus status) {
    return previous != null && Objects.equals(previous.phase, status.phase)
        && Objects.equals(previous.message, status.message) && Objects.equals(previous.endpoint, status.endpoint)
        && Objects.equals(previous.appliedHash, status.appliedHash)
        && Objects.equals(previous.observedGeneration, status.observedGeneration);
  }

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
