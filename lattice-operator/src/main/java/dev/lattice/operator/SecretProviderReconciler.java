package dev.lattice.operator;

import dev.lattice.api.v1.ProviderStatus;
import dev.lattice.api.v1.SecretProvider;
import dev.lattice.engine.ProviderSettings;
import dev.lattice.engine.providers.SecretProviderObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a SecretProvider derives (its ClusterSecretStore and the External Secrets controller's egress) and
 * writes the outcome into its status. Deleting the SecretProvider deletes both by owner reference. A reconcile
 * whose derivation digest equals {@code status.appliedHash} writes nothing.
 */
@ControllerConfiguration(name = "secretprovider")
public final class SecretProviderReconciler implements Reconciler<SecretProvider> {
  private static final Logger logger = LoggerFactory.getLogger(SecretProviderReconciler.class);

  private final KubernetesClient client;
  private final ProviderSettings settings;
  private final ApplyMode mode;

  public SecretProviderReconciler(KubernetesClient client, ProviderSettings settings, ApplyMode mode) {
    this.client = client;
    this.settings = settings;
    this.mode = mode;
  }

  @Override
  public UpdateControl<SecretProvider> reconcile(SecretProvider provider, Context<SecretProvider> context) {
    ProviderStatus previous = provider.getStatus();
    ProviderStatus status = new ProviderStatus();
    status.observedGeneration = provider.getMetadata().getGeneration();
    boolean applyFailed = false;
    var result = SecretProviderObjects.derive(provider, settings);
    if (result instanceof SecretProviderObjects.Derived derived) {
      String hash = Applier.digestAll(derived.objects());
      try {
        if (previous == null || !hash.equals(previous.appliedHash)) {
          derived.objects().forEach(this::apply);
          logger.info("secretprovider={} applied objects={}", provider.getMetadata().getName(),
              derived.objects().size());
        }
        status.phase = "Ready";
        status.endpoint = derived.endpoint();
        status.appliedHash = hash;
        status.message = "ClusterSecretStore " + provider.getMetadata().getName() + " and CiliumNetworkPolicy "
            + settings.externalSecretsNamespace() + "/" + SecretProviderObjects.egressName(
                provider.getMetadata().getName()) + " (egress to " + derived.endpoint() + ") applied.";
      } catch (KubernetesClientException e) {
        status.phase = "Failed";
        status.message = "cannot apply the provider's objects: " + e.getMessage() + " Fix: install External "
            + "Secrets and Cilium (their CRDs), and check the operator's RBAC (deploy/operator/rbac.yaml).";
      }
    } else {
      status.phase = "Failed";
      status.message = ((SecretProviderObjects.Failed) result).message();
    }
    return ClusterObjects.outcome(provider, previous, status, applyFailed);
  }

  private void apply(HasMetadata object) {
    ClusterObjects.apply(client, mode, object);
  }
}
