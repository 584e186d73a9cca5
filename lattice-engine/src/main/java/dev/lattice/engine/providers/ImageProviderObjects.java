package dev.lattice.engine.providers;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.ImageProviderSpec;
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
 * the admission policy that enforces them: a sigstore policy-controller {@code ClusterImagePolicy} over the
 * registry's images. Pods labelled {@link #SKIP_LABEL} are left out; the engine sets that label only where Cedar
 * permits {@code SkipImageVerification}.
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

  /** The verification policy, or empty when the provider names no signing authority (nothing to verify). */
  public static Optional<GenericKubernetesResource> verificationPolicy(ImageProvider provider) {
    ImageProviderSpec spec = provider.getSpec();
    if (spec == null || spec.trust == null || spec.trust.authorities == null || spec.trust.authorities.isEmpty()) {
      return Optional.empty();
    }
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
    return Optional.of(Meta.generic(POLICY_API_VERSION, POLICY_KIND, meta, Map.of("spec", policy)));
  }
}
