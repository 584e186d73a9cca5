package dev.lattice.operator;

import dev.lattice.engine.output.Manifests;
import dev.lattice.engine.render.ExternalSecrets;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Secret rotation rolls pods. The engine never sees secret values, so its config hash cannot change when External
 * Secrets writes new data into a Secret; the operator, which may read those Secrets, folds a digest of their data
 * into the Deployment's {@code lattice.dev/config-hash}. Only digests are computed: no value is kept, logged or
 * written anywhere, and the digest of each value is itself hashed again with the rest, so no value's own digest
 * leaves this class either.
 */
final class SecretRotation {
  private SecretRotation() {}

  /**
   * The derived objects with the Deployment's config hash covering the data of the Secrets its ExternalSecrets sync;
   * unchanged when none of those Secrets exists yet (nothing synced, nothing to roll for).
   *
   * @param secret reads a Secret of the service's namespace by name (empty when it does not exist)
   */
  static List<HasMetadata> withSecretData(List<HasMetadata> objects, Function<String, Optional<Secret>> secret) {
    Optional<String> digest = digest(syncedSecrets(objects), secret);
    if (digest.isEmpty()) {
      return objects;
    }
    List<HasMetadata> out = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) {
      if (object instanceof Deployment deployment) {
        // A copy: the derivation's own objects stay as the engine made them.
        Deployment copy = Manifests.jsonMapper().convertValue(Manifests.tree(deployment), Deployment.class);
        Map<String, String> annotations = copy.getSpec().getTemplate().getMetadata().getAnnotations();
        String config = annotations.getOrDefault(Meta.CONFIG_HASH, "");
        annotations.put(Meta.CONFIG_HASH, sha256(config + "\n" + digest.get()).substring(0, 16));
        out.add(copy);
      } else {
        out.add(object);
      }
    }
    return out;
  }

  /** The names of the Secrets the service's ExternalSecrets create (their {@code spec.target.name}), sorted. */
  static List<String> syncedSecrets(List<HasMetadata> objects) {
    List<String> names = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof GenericKubernetesResource resource && ExternalSecrets.KIND.equals(resource.getKind())
          && resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
          && spec.get("target") instanceof Map<?, ?> target && target.get("name") instanceof String name) {
        names.add(name);
      }
    }
    return names.stream().sorted().distinct().toList();
  }

  /** One digest over every existing Secret's keys and the digests of their values; empty when none exists. */
  static Optional<String> digest(List<String> names, Function<String, Optional<Secret>> secret) {
    StringBuilder text = new StringBuilder();
    boolean any = false;
    for (String name : names) {
      Optional<Secret> found = secret.apply(name);
      if (found.isEmpty()) {
        continue;
      }
      any = true;
      SortedMap<String, String> data = new TreeMap<>();
      if (found.get().getData() != null) {
        data.putAll(found.get().getData());
      }
      text.append(name).append('\n');
      data.forEach((key, value) -> text.append(key).append('=').append(sha256(value)).append('\n'));
    }
    return any ? Optional.of(sha256(text.toString())) : Optional.empty();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
