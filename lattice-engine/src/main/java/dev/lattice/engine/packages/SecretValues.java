package dev.lattice.engine.packages;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets of a package: their declarations, and the values' {@code ${secret.<secret>.<key>}} references, each
 * replaced by {@code {name: <Secret>, key: <key>}}. Lattice never reads a secret value; the chart's pods read the
 * key from the Secret the package's ExternalSecret fills.
 */
final class SecretValues {
  private static final Pattern WHOLE = Pattern.compile("\\$\\{secret\\.([^.}]+)\\.([^}]+)}");
  private static final Pattern ANY = Pattern.compile("\\$\\{secret\\.");

  /** The values with references replaced, what went wrong, and the secret keys the values use. */
  record Resolved(SortedMap<String, Object> values, List<Diagnostic> problems, SortedSet<String> used) {}

  private SecretValues() {}

  /** The Kubernetes Secret (and ExternalSecret) that holds secret {@code secret} of package {@code pkg}. */
  static String secretName(String pkg, String secret) {
    return pkg + "-" + secret;
  }

  static List<Diagnostic> checkDeclarations(PackageIntent p) {
    List<Diagnostic> out = new ArrayList<>();
    p.secrets().forEach((name, s) -> {
      String path = "spec.secrets." + name;
      if (s.id().isEmpty()) {
        out.add(new Diagnostic(Reason.SecretIdMissing, path + ".id", "secret '" + name + "' has no id, so the "
            + "platform does not know which secret to fetch.", "set id to the secret's key in your secret store, "
            + "e.g. id: " + p.namespace() + "/" + name + "."));
      }
      if (s.provider().isEmpty()) {
        out.add(new Diagnostic(Reason.SecretProviderMissing, path + ".provider", "secret '" + name + "' names no "
            + "provider.", "set provider to the ClusterSecretStore your platform team set up, e.g. provider: "
            + "vault."));
      }
      if (s.keys().isEmpty()) {
        out.add(new Diagnostic(Reason.InvalidSecretKeys, path + ".keys", "secret '" + name + "' lists no keys, so "
            + "no value can refer to it.", "list the keys the values use, e.g. keys: [password]."));
      }
    });
    return out;
  }

  static Resolved resolve(PackageIntent p) {
    List<Diagnostic> problems = new ArrayList<>();
    SortedSet<String> used = new TreeSet<>();
    @SuppressWarnings("unchecked")
    SortedMap<String, Object> values = (SortedMap<String, Object>) walk(p, p.values(), "spec.values", problems, used);
    return new Resolved(values, problems, used);
  }

  @SuppressWarnings("unchecked")
  private static Object walk(PackageIntent p, Object value, String path, List<Diagnostic> problems,
      SortedSet<String> used) {
    if (value instanceof Map<?, ?> map) {
      SortedMap<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, walk(p, v, path + "." + k, problems, used)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(walk(p, list.get(i), path + "[" + i + "]", problems, used));
      }
      return out;
    }
    if (!(value instanceof String text) || !ANY.matcher(text).find()) {
      return value;
    }
    Matcher whole = WHOLE.matcher(text);
    if (!whole.matches()) {
      problems.add(new Diagnostic(Reason.SecretReferenceInText, path, "the value mixes text and a ${secret...} "
          + "reference; only a whole value can become a reference to a Secret key, and Lattice never puts a "
          + "secret value into a chart's values.", "make the value exactly ${secret.<secret>.<key>} and let the "
          + "chart read that Secret key (most charts take an existing Secret), or assemble the text in the "
          + "chart."));
      return value;
    }
    String secret = whole.group(1);
    String key = whole.group(2);
    PackageIntent.Secret declared = p.secrets().get(secret);
    if (declared == null) {
      problems.add(new Diagnostic(Reason.SecretReferenceUnknownResource, path, "the value refers to secret '"
          + secret + "', which spec.secrets does not declare." + hint(secret,
          p.secrets().keySet()), "declare it under spec.secrets." + secret + " (id, provider, keys), or correct "
          + "the name."));
      return value;
    }
    if (!declared.keys().isEmpty() && !declared.keys().contains(key)) {
      problems.add(new Diagnostic(Reason.SecretReferenceUnknownKey, path, "the value refers to key '" + key
          + "' of secret '" + secret + "', which lists only " + Suggestions.quoted(declared.keys()) + "."
          + hint(key, declared.keys()), "add '" + key + "' to spec.secrets." + secret
          + ".keys, or use one of the keys listed."));
      return value;
    }
    used.add(secret + "." + key);
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", secretName(p.name(), secret));
    ref.put("key", key);
    return ref;
  }

  private static String hint(String written, java.util.Collection<String> known) {
    String hint = Suggestions.didYouMean(written, known);
    return hint.isEmpty() ? "" : " " + hint;
  }
}
