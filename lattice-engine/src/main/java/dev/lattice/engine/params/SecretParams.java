package dev.lattice.engine.params;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.validate.Names;
import dev.lattice.engine.validate.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Params of a {@code type: secret} resource.
 *
 * @param remoteKey the key in the provider's store ({@code id})
 * @param provider the ClusterSecretStore the platform team set up
 * @param keys the keys to fetch; empty means "every key under remoteKey"
 * @param refreshInterval how often external-secrets refreshes, when set
 * @param kubernetesType the Kubernetes Secret type, when set
 */
public record SecretParams(
    String remoteKey,
    String provider,
    Optional<List<String>> keys,
    Optional<String> refreshInterval,
    Optional<String> kubernetesType) {
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  /** Short names the reference accepts, and the Kubernetes Secret types they mean. */
  private static final Map<String, String> TYPES = secretTypes();

  private static Map<String, String> secretTypes() {
    Map<String, String> types = new TreeMap<>();
    types.put("Opaque", "Opaque");
    types.put("tls", "kubernetes.io/tls");
    types.put("dockerconfigjson", "kubernetes.io/dockerconfigjson");
    types.put("dockercfg", "kubernetes.io/dockercfg");
    types.put("basic-auth", "kubernetes.io/basic-auth");
    types.put("ssh-auth", "kubernetes.io/ssh-auth");
    types.put("service-account-token", "kubernetes.io/service-account-token");
    types.put("bootstrap-token", "bootstrap.kubernetes.io/token");
    for (String full : List.copyOf(types.values())) {
      types.put(full, full);
    }
    return types;
  }

  public static Parsed<SecretParams> parse(Resource resource, String path) {
    Problems problems = new Problems();
    Map<String, Object> params = resource.params();
    String remoteKey = resource.id().orElse("");
    if (remoteKey.isBlank()) {
      problems.add(
          Reason.SecretIdMissing,
          path + ".id",
          "secret resource '" + resource.name() + "' has no id, so the platform does not know which secret to "
              + "fetch.",
          "set id to the secret's key in your secret store, e.g. id: " + resource.name() + "/credentials.");
    }
    Object provider = params.get("provider");
    if (!(provider instanceof String) || ((String) provider).isBlank()) {
      problems.add(
          Reason.SecretProviderMissing,
          path + ".params.provider",
          "secret resource '" + resource.name() + "' names no provider (secret store).",
          "set params.provider to the name of a SecretProvider your platform team runs, e.g. provider: vault; "
              + "ask the platform team which providers exist.");
    } else if (!Names.isDnsSubdomain((String) provider)) {
      // The provider is the name of a ClusterSecretStore, a Kubernetes object name.
      problems.add(
          Reason.InvalidSecretProvider,
          path + ".params.provider",
          "'" + provider + "' cannot name a secret store: store names are lowercase DNS names.",
          "use the store's name as your platform team gave it, e.g. provider: vault; ask the platform team "
              + "which providers exist.");
    }
    Optional<List<String>> keys = Optional.empty();
    Object rawKeys = params.get("keys");
    if (rawKeys != null) {
      List<String> list = new ArrayList<>();
      boolean valid = rawKeys instanceof List<?>;
      if (valid) {
        for (Object key : (List<?>) rawKeys) {
          if (key instanceof String && !((String) key).isBlank()) {
            list.add((String) key);
          } else {
            valid = false;
          }
        }
      }
      List<String> badNames = list.stream().filter(key -> !SECRET_KEY.matcher(key).matches() || key.length() > 253)
          .toList();
      if (valid && !list.isEmpty() && badNames.isEmpty()) {
        keys = Optional.of(List.copyOf(list));
      } else if (valid && !badNames.isEmpty()) {
        // Each key becomes a key of the derived Secret, which Kubernetes restricts to these characters.
        problems.add(
            Reason.InvalidSecretKeys,
            path + ".params.keys",
            "keys " + badNames + " cannot be keys of a Kubernetes Secret.",
            "use letters, digits, '-', '_' and '.' only, e.g. keys: [api-key, tls.crt].");
      } else {
        problems.add(
            Reason.InvalidSecretKeys,
            path + ".params.keys",
            "keys must be a non-empty list of key names.",
            "list the keys to fetch, e.g. keys: [username, password], or remove keys to fetch every key.");
      }
    }
    Optional<String> refresh = Optional.empty();
    Object rawRefresh = params.get("refreshInterval");
    if (rawRefresh != null) {
      String text = String.valueOf(rawRefresh);
      if (isInterval(text)) {
        refresh = Optional.of(text);
      } else {
        problems.add(
            Reason.InvalidRefreshInterval,
            path + ".params.refreshInterval",
            "'" + dev.lattice.engine.validate.Names.printable(text) + "' is not a duration in hours, minutes and "
                + "seconds.",
            "write it like 1h, 30m or 1h30m (only h, m and s units).");
      }
    }
    Optional<String> type = Optional.empty();
    Object rawType = params.get("secretType");
    if (rawType != null) {
      String text = String.valueOf(rawType);
      if (TYPES.containsKey(text)) {
        type = Optional.of(TYPES.get(text));
      } else {
        problems.add(
            Reason.InvalidSecretType,
            path + ".params.secretType",
            "'" + text + "' is not a Kubernetes secret type.",
            "use one of Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson, kubernetes.io/dockercfg, "
                + "kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/service-account-token or "
                + "bootstrap.kubernetes.io/token (the short forms tls, basic-auth, ... work too), or remove "
                + "secretType for Opaque.");
      }
    }
    var value =
        new SecretParams(
            remoteKey, provider instanceof String ? (String) provider : "", keys, refresh, type);
    return new Parsed<>(value, problems.list());
  }

  /** True when {@code key} will exist in the derived Secret. */
  public boolean provides(String key) {
    return keys.map(k -> k.contains(key)).orElse(true);
  }

  /**
   * True for {@code (\d+[hms])+}, checked in one pass: the regular expression recurses once per repetition, so a
   * long value ({@code 1h1h1h...}) overflowed the stack. SecretParamsTest checks the two against each other.
   */
  static boolean isInterval(String text) {
    boolean digits = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if ((c == 'h' || c == 'm' || c == 's') && digits) {
        digits = false;
      } else {
        return false;
      }
    }
    return !text.isEmpty() && !digits;
  }
}
