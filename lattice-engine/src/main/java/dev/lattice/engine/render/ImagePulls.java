package dev.lattice.engine.render;

import dev.lattice.engine.ProviderSettings;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials for {@code imagePullSecrets}: per ImageProvider named, a typed
 * {@code kubernetes.io/dockerconfigjson} ExternalSecret from the provider's store, and the pod's reference to it
 * (the reference alone when no ImageProvider was read).
 */
final class ImagePulls {
  private static final String DOCKER_CONFIG = ".dockerconfigjson";

  private ImagePulls() {}

  static String secretName(ServiceContext context, String provider) {
    return context.name() + "-pull-" + provider;
  }

  static List<GenericKubernetesResource> externalSecrets(ServiceContext context) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (String provider : context.intent().spec().pod().imagePullSecrets()) {
      ProviderSettings.ImageSource source = context.settings().providers().imageProviders().get(provider);
      if (source == null) {
        // No ImageProvider was read at all (validation checks names otherwise): where the credentials come from is
        // unknown, so only the pod's reference is derived, and the run warns once.
        continue;
      }
      String name = secretName(context, provider);
      Map<String, Object> storeRef = new LinkedHashMap<>();
      storeRef.put("kind", "ClusterSecretStore");
      storeRef.put("name", source.secretProvider());
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("name", name);
      target.put("creationPolicy", "Owner");
      target.put("template", Map.of("type", "kubernetes.io/dockerconfigjson"));
      Map<String, Object> remoteRef = new LinkedHashMap<>();
      remoteRef.put("key", source.key());
      remoteRef.put("property", source.property());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("secretKey", DOCKER_CONFIG);
      entry.put("remoteRef", remoteRef);
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("secretStoreRef", storeRef);
      spec.put("target", target);
      spec.put("data", List.of(entry));
      out.add(Meta.generic(ExternalSecrets.API_VERSION, ExternalSecrets.KIND, Meta.of(context, name),
          Map.of("spec", spec)));
    }
    return out;
  }

  /** The pod's {@code imagePullSecrets}, in the order of the spec's (sorted) names. */
  static List<LocalObjectReference> references(ServiceContext context) {
    List<LocalObjectReference> refs = new ArrayList<>();
    for (String provider : context.intent().spec().pod().imagePullSecrets()) {
      refs.add(new LocalObjectReference(secretName(context, provider)));
    }
    return refs;
  }
}
