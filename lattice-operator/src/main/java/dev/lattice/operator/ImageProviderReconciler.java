package dev.lattice.operator;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.ProviderStatus;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.providers.ImageProviderObjects;
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
    var policy = ImageProviderObjects.verificationPolicy(provider, settings);
    String kind = policy.map(p -> p.getKind()).orElse("");
    String hash = Applier.digestAll(policy.map(p -> List.<io.fabric8.kubernetes.api.model.HasMetadata>of(p))
        .orElse(List.of()));
    var source = ImageProviderObjects.source(provider);
    try {
      if (policy.isPresent() && (previous == null || !hash.equals(previous.appliedHash))) {
        ClusterObjects.apply(client, mode, policy.get());
      }
      status.phase = "Ready";
      status.appliedHash = hash;
      status.message = "Pull credentials from SecretProvider " + source.secretProvider() + " key " + source.key()
          + (policy.isPresent()
              ? "; images under " + source.registry() + " are verified at admission (" + kind + " "
                  + ImageProviderObjects.policyName(provider.getMetadata().getName()) + ")."
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
