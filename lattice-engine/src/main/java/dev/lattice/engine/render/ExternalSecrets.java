package dev.lattice.engine.render;

import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.SecretParams;
import dev.lattice.engine.template.Resolution;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ExternalSecrets (external-secrets.io/v1). The platform never sees a secret value: it asks external-secrets to
 * copy the keys from the provider's store into a Secret that pods reference.
 */
public final class ExternalSecrets {
  public static final String API_VERSION = "external-secrets.io/v1";
  public static final String KIND = "ExternalSecret";

  private ExternalSecrets() {}

  /** Name of the Secret (and ExternalSecret) for secret resource {@code resource}. */
  public static String secretName(ServiceContext context, String resource) {
    return context.name() + "-" + resource;
  }

  /** One ExternalSecret per {@code type: secret} resource, by resource name. */
  public static List<GenericKubernetesResource> forResources(ServiceContext context) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    context.secrets().forEach((resource, params) -> out.add(forResource(context, resource, params)));
    return out;
  }

  private static GenericKubernetesResource forResource(ServiceContext context, String resource, SecretParams p) {
    String name = secretName(context, resource);
    Map<String, Object> spec = new LinkedHashMap<>();
    p.refreshInterval().ifPresent(interval -> spec.put("refreshInterval", interval));
    spec.put("secretStoreRef", storeRef(p.provider()));
    Map<String, Object> target = target(name);
    p.kubernetesType().ifPresent(type -> target.put("template", Map.of("type", type)));
    spec.put("target", target);
    if (p.keys().isPresent()) {
      List<Map<String, Object>> data = new ArrayList<>();
      for (String key : p.keys().get()) {
        data.add(dataEntry(key, p.remoteKey(), key));
      }
      spec.put("data", data);
    } else {
      spec.put("dataFrom", List.of(Map.of("extract", Map.of("key", p.remoteKey()))));
    }
    return Meta.generic(API_VERSION, KIND, Meta.of(context, name), Map.of("spec", spec));
  }

  /**
   * An ExternalSecret that assembles values mixing text and secret keys, e.g. a connection string. Each secret key
   * becomes a template variable; the user's own {@code {{ }}} are escaped so they stay literal.
   *
   * @param values target key to the template parts (literal text and secret keys), in order
   */
  public static GenericKubernetesResource templated(
      ServiceContext context, String name, String provider, Map<String, List<Object>> values) {
    Map<String, Map<String, Object>> data = new java.util.TreeMap<>();
    Map<String, String> templateData = new LinkedHashMap<>();
    Map<Resolution.SecretKey, String> variables = new HashMap<>();
    values.forEach(
        (targetKey, parts) -> {
          StringBuilder text = new StringBuilder();
          for (Object part : parts) {
            if (part instanceof Resolution.SecretKey key) {
              String variable = variables.computeIfAbsent(key, k -> variableName(k, data.keySet()));
              SecretParams params = context.secrets().get(key.resource());
              data.put(variable, dataEntry(variable, params.remoteKey(), key.key()));
              text.append("{{ .").append(variable).append(" }}");
            } else {
              text.append(escapeGoTemplate(String.valueOf(part)));
            }
          }
          templateData.put(targetKey, text.toString());
        });
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("secretStoreRef", storeRef(provider));
    Map<String, Object> target = target(name);
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("engineVersion", "v2");
    template.put("data", templateData);
    target.put("template", template);
    spec.put("target", target);
    spec.put("data", new ArrayList<>(data.values()));
    return Meta.generic(API_VERSION, KIND, Meta.of(context, name), Map.of("spec", spec));
  }

  /**
   * A Go template variable for a secret key, unique within one ExternalSecret: db-1/tls.crt and db/1-tls.crt would
   * both read db_1_tls_crt, and one would silently get the other's value.
   */
  private static String variableName(Resolution.SecretKey key, Set<String> taken) {
    String base = (key.resource() + "_" + key.key()).replaceAll("[^A-Za-z0-9_]", "_");
    String variable = base;
    for (int n = 2; taken.contains(variable); n++) {
      variable = base + "_" + n;
    }
    return variable;
  }

  /** Makes {@code {{} and {@code }}} in user text literal for external-secrets' Go templates. */
  static String escapeGoTemplate(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("{{", i)) {
        out.append("{{ \"{{\" }}");
        i += 2;
      } else if (text.startsWith("}}", i)) {
        out.append("{{ \"}}\" }}");
        i += 2;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private static Map<String, Object> storeRef(String provider) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("kind", "ClusterSecretStore");
    ref.put("name", provider);
    return ref;
  }

  private static Map<String, Object> target(String name) {
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("name", name);
    target.put("creationPolicy", "Owner");
    return target;
  }

  private static Map<String, Object> dataEntry(String secretKey, String remoteKey, String property) {
    Map<String, Object> remoteRef = new LinkedHashMap<>();
    remoteRef.put("key", remoteKey);
    remoteRef.put("property", property);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("secretKey", secretKey);
    entry.put("remoteRef", remoteRef);
    return entry;
  }
}
