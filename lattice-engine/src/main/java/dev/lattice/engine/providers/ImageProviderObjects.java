package dev.lattice.engine.providers;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.ImageProviderSpec;
import dev.lattice.engine.ImageVerificationSettings;
import dev.lattice.engine.ProviderSettings;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an ImageProvider gives the derivation of a service ({@link #source}) and, when it names signing authorities,
 * the admission policy that enforces them over the registry's images: a sigstore policy-controller
 * {@code ClusterImagePolicy}, or a Kyverno {@code ClusterPolicy} ({@link KyvernoPolicies}), as the platform names.
 * Pods labelled {@link #SKIP_LABEL} are left out; the engine sets that label only where Cedar permits
 * {@code SkipImageVerification}, and {@link ExemptionGuards} refuses it from anyone but the platform.
 */
public final class ImageProviderObjects {
  public static final String POLICY_API_VERSION = "policy.sigstore.dev/v1beta1";
  public static final String POLICY_KIND = "ClusterImagePolicy";
  public static final String PROVIDER_LABEL = "lattice.dev/image-provider";
  public static final String SKIP_LABEL = "lattice.dev/skip-image-verification";
  static final String DEFAULT_PROPERTY = ".dockerconfigjson";

  private ImageProviderObjects() {}

  /** The provider as a service's derivation reads it. */
  public static ProviderSettings.ImageSource source(ImageProvider provider) {
    ImageProviderSpec spec = provider.getSpec();
    ImageProviderSpec.Credentials credentials = spec == null || spec.credentials == null
        ? new ImageProviderSpec.Credentials() : spec.credentials;
    return new ProviderSettings.ImageSource(
        spec == null || spec.registry == null ? "" : spec.registry,
        credentials.secretProvider == null ? "" : credentials.secretProvider,
        credentials.key == null ? "" : credentials.key,
        credentials.property == null ? DEFAULT_PROPERTY : credentials.property);
  }

  public static String policyName(String provider) {
    return "lattice-" + provider;
  }

  /** The sigstore policy-controller verification policy (the default admission controller); see below. */
  public static Optional<GenericKubernetesResource> verificationPolicy(ImageProvider provider) {
    return verificationPolicy(provider, ImageVerificationSettings.defaults());
  }

  /**
   * The verification policy for the admission controller the platform names, or empty when the provider names no
   * signing authority (nothing to verify).
   */
  public static Optional<GenericKubernetesResource> verificationPolicy(ImageProvider provider,
      ImageVerificationSettings settings) {
    ImageProviderSpec spec = provider.getSpec();
    if (spec == null || spec.trust == null || spec.trust.authorities == null || spec.trust.authorities.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(switch (settings.admissionController()) {
      case sigstore -> clusterImagePolicy(provider, spec);
      case kyverno -> KyvernoPolicies.clusterPolicy(provider, spec);
    });
  }

  /**
   * Every cluster-wide object the provider derives, in apply order: the verification policy and, as it exempts
   * labelled pods, the guard that lets only the platform put that label on a workload ({@link ExemptionGuards}).
   * Empty without signing authorities.
   */
  public static List<GenericKubernetesResource> verificationObjects(ImageProvider provider,
      ImageVerificationSettings settings) {
    Optional<GenericKubernetesResource> policy = verificationPolicy(provider, settings);
    if (policy.isEmpty()) {
      return List.of();
    }
    List<GenericKubernetesResource> objects = new ArrayList<>();
    objects.add(policy.get());
    objects.addAll(ExemptionGuards.objects(provider, settings));
    return List.copyOf(objects);
  }

  private static GenericKubernetesResource clusterImagePolicy(ImageProvider provider, ImageProviderSpec spec) {
    List<Object> authorities = new ArrayList<>();
    for (ImageProviderSpec.Authority authority : spec.trust.authorities) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", authority.name);
      if (authority.publicKey != null) {
        entry.put("key", Map.of("data", authority.publicKey));
      } else if (authority.keyless != null) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("issuer", authority.keyless.issuer);
        identity.put("subject", authority.keyless.subject);
        entry.put("keyless", Map.of("identities", List.of(identity)));
      }
      authorities.add(entry);
    }
    Map<String, Object> selector = Map.of("matchExpressions",
        List.of(Map.of("key", SKIP_LABEL, "operator", "DoesNotExist")));
    Map<String, Object> pods = new LinkedHashMap<>();
    pods.put("group", "");
    pods.put("version", "v1");
    pods.put("resource", "pods");
    pods.put("selector", selector);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("images", List.of(Map.of("glob", spec.registry + "/**")));
    policy.put("authorities", authorities);
    policy.put("match", List.of(pods));
    policy.put("mode", "enforce");
    return Meta.generic(POLICY_API_VERSION, POLICY_KIND, meta(provider), Map.of("spec", policy));
  }

  /** {@code lattice-<provider>}, labelled as the provider's and owned by it (deleting it deletes the policy). */
  static ObjectMeta meta(ImageProvider provider) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(policyName(provider.getMetadata().getName()));
    Map<String, String> labels = new TreeMap<>();
    labels.put(Meta.MANAGED_BY, "lattice");
    labels.put(PROVIDER_LABEL, provider.getMetadata().getName());
    meta.setLabels(labels);
    if (provider.getMetadata().getUid() != null) {
      OwnerReference owner = new OwnerReference();
      owner.setApiVersion(provider.getApiVersion());
      owner.setKind(ImageProvider.KIND);
      owner.setName(provider.getMetadata().getName());
      owner.setUid(provider.getMetadata().getUid());
      owner.setController(true);
      owner.setBlockOwnerDeletion(true);
      meta.setOwnerReferences(new ArrayList<>(List.of(owner)));
    }
    return meta;
  }
}
