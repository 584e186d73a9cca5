package dev.lattice.engine.providers;

import dev.lattice.api.v1.ImageProvider;
import dev.lattice.api.v1.ImageProviderSpec;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ImageProvider's verification policy for Kyverno: a {@code ClusterPolicy} whose one {@code verifyImages} rule
 * enforces, on every Pod, that images under the registry are signed by one of the provider's authorities (as a
 * ClusterImagePolicy does: any one authority suffices). Pods labelled {@link ImageProviderObjects#SKIP_LABEL} are
 * excluded; only the platform can derive that label.
 */
public final class KyvernoPolicies {
  public static final String API_VERSION = "kyverno.io/v1";
  public static final String KIND = "ClusterPolicy";
  /**
   * Kyverno copies a Pod rule onto Deployments and the other pod controllers unless told not to; with
   * {@code mutateDigest} off it would not rewrite them, but a second copy of the rule on the operator's Deployments
   * only repeats what the Pod rule decides.
   */
  static final String AUTOGEN = "pod-policies.kyverno.io/autogen-controllers";
  /** The public transparency log, which policy-controller also uses unless told otherwise. */
  static final String REKOR = "https://rekor.sigstore.dev";

  private KyvernoPolicies() {}

  static GenericKubernetesResource clusterPolicy(ImageProvider provider, ImageProviderSpec spec) {
    List<Object> entries = new ArrayList<>();
    for (ImageProviderSpec.Authority authority : spec.trust.authorities) {
      Map<String, Object> entry = new LinkedHashMap<>();
      if (authority.publicKey != null) {
        entry.put("keys", Map.of("publicKeys", authority.publicKey));
      } else if (authority.keyless != null) {
        Map<String, Object> keyless = new LinkedHashMap<>();
        keyless.put("issuer", authority.keyless.issuer);
        keyless.put("subject", authority.keyless.subject);
        keyless.put("rekor", Map.of("url", REKOR));
        entry.put("keyless", keyless);
      }
      entries.add(entry);
    }
    Map<String, Object> attestor = new LinkedHashMap<>();
    attestor.put("count", 1);
    attestor.put("entries", entries);
    Map<String, Object> verify = new LinkedHashMap<>();
    // Kyverno's '*' spans path segments, as policy-controller's '**' does.
    verify.put("imageReferences", List.of(spec.registry + "/*"));
    verify.put("attestors", List.of(attestor));
    verify.put("failureAction", "Enforce");
    // Verify without rewriting the Pod: the operator's objects stay exactly as derived.
    verify.put("mutateDigest", false);
    verify.put("verifyDigest", true);
    verify.put("required", true);

    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", "verify-signatures");
    rule.put("match", any(resources(List.of("Pod"), null)));
    rule.put("exclude", any(resources(null, Map.of("matchExpressions",
        List.of(Map.of("key", ImageProviderObjects.SKIP_LABEL, "operator", "Exists"))))));
    rule.put("verifyImages", List.of(verify));

    Map<String, Object> policySpec = new LinkedHashMap<>();
    // Admission only: a background scan would report the exempted and the old pods, not decide anything.
    policySpec.put("background", false);
    policySpec.put("rules", List.of(rule));
    ObjectMeta meta = ImageProviderObjects.meta(provider);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(AUTOGEN, "none");
    meta.setAnnotations(annotations);
    return Meta.generic(API_VERSION, KIND, meta, Map.of("spec", policySpec));
  }

  private static Map<String, Object> any(Map<String, Object> filter) {
    return Map.of("any", List.of(filter));
  }

  private static Map<String, Object> resources(List<String> kinds, Map<String, Object> selector) {
    Map<String, Object> resources = new LinkedHashMap<>();
    if (kinds != null) {
      resources.put("kinds", kinds);
      resources.put("operations", List.of("CREATE", "UPDATE"));
    }
    if (selector != null) {
      resources.put("selector", selector);
    }
    return Map.of("resources", resources);
  }
}
