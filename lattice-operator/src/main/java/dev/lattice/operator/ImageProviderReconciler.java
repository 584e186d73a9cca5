package dev.lattice.operator;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.ProviderStatus;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.providers.ExemptionGuards;
import dev.lattice.engine.providers.ImageProviderObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/**
 * Applies an ImageProvider's verification policy (when it names signing authorities: a sigstore policy-controller
 * ClusterImagePolicy or a Kyverno ClusterPolicy, as the platform setting names) and writes the outcome into its status. The pull credentials are derived per service.
 */
@ControllerConfiguration(name = "imageprovider")
public final class ImageProviderReconciler implements Reconciler<ImageProvider> {
  private final KubernetesClient client;
  private final ImageVerificationSettings settings;
  private final ApplyMode mode;

  public ImageProviderReconciler(KubernetesClient client, ImageVerificationSettings settings, ApplyMode mode) {
    this.client = client;
    this.settings = settings;
    this.mode = mode;
  }

  @Override
  public UpdateControl<ImageProvider> reconcile(ImageProvider provider, Context<ImageProvider> context) {
    ProviderStatus previous = provider.getStatus();
    ProviderStatus status = new ProviderStatus();
    status.observedGeneration = provider.getMetadata().getGeneration();
    boolean applyFailed = false;
    List<HasMetadata> objects = List.copyOf(ImageProviderObjects.verificationObjects(provider, settings));
    boolean verified = !objects.isEmpty();
    String kind = verified ? objects.get(0).getKind() : "";
    String hash = Applier.digestAll(objects);
    var source = ImageProviderObjects.source(provider);
    try {
      if (verified && (previous == null || !hash.equals(previous.appliedHash))) {
        // The guard after the policy: the label it protects is honoured only once the policy is there anyway.
        objects.forEach(object -> ClusterObjects.apply(client, mode, object));
      }
      status.phase = "Ready";
      status.appliedHash = hash;
      status.message = "Pull credentials from SecretProvider " + source.secretProvider() + " key " + source.key()
          + (verified
              ? "; images under " + source.registry() + " are verified at admission (" + kind + " "
                  + ImageProviderObjects.policyName(provider.getMetadata().getName())
                  + "; only the platform may exempt a workload: ValidatingAdmissionPolicy "
                  + ExemptionGuards.name(provider.getMetadata().getName()) + ")."
              : "; no signing authority, so its images are not verified.");
    } catch (KubernetesClientException e) {
      applyFailed = true;
      status.phase = "Failed";
      status.message = "cannot apply the " + kind + ": " + e.getMessage() + " Fix: install "
          + (settings.admissionController() == ImageVerificationSettings.AdmissionController.kyverno ? "Kyverno"
              : "sigstore policy-controller")
          + " (its CRDs), and check the operator's RBAC (deploy/operator/rbac.yaml).";
    }
    return ClusterObjects.outcome(provider, previous, status, applyFailed);
  }
}
