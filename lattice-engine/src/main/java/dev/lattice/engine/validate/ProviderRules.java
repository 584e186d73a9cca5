package dev.lattice.engine.validate;

import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Suggestions;
import dev.lattice.engine.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Names of the platform's provider objects that a spec refers to (issue 17). */
final class ProviderRules {
  private ProviderRules() {}

  /**
   * A secret's provider must be a SecretProvider of the platform. Not checked when the input held none at all (a
   * team deriving its own files): the run says that once, instead of an error per secret.
   */
  static void secretProvider(ServiceContext context, String resource, String provider, String path,
      Problems problems) {
    var providers = context.settings().providers();
    if (!providers.secretProvidersRead() || providers.secretProviders().contains(provider)) {
      return;
    }
    Set<String> known = providers.secretProviders();
    String meant = Suggestions.nearest(provider, known).map(m -> "; did you mean '" + m + "'?").orElse(".");
    problems.add(
        Reason.SecretProviderNotFound, path,
        "secret resource '" + resource + "' names provider '" + Names.printable(provider) + "', but the platform "
            + "has no SecretProvider of that name (" + listed(known) + ")" + meant,
        (known.isEmpty() ? "" : "name one of the SecretProviders, or ")
            + "ask " + context.settings().platformContact() + " for a SecretProvider named '"
            + Names.printable(provider) + "'.");
  }

  /**
   * Each name in {@code imagePullSecrets} must be an ImageProvider: its credentials are derived from it. Not checked
   * when the input held no ImageProvider at all (a team deriving its own files; a cluster before its first one): the
   * run says that once ({@code NoImageProviders}), instead of an error per service.
   */
  static void imagePullSecrets(ServiceContext context, Problems problems) {
    var providers = context.settings().providers().imageProviders();
    if (providers.isEmpty()) {
      return;
    }
    for (String name : context.intent().spec().pod().imagePullSecrets()) {
      if (providers.containsKey(name)) {
        continue;
      }
      String meant = Suggestions.nearest(name, providers.keySet()).map(m -> "; did you mean '" + m + "'?")
          .orElse(".");
      problems.add(
          Reason.ImageProviderNotFound, "spec.imagePullSecrets",
          "imagePullSecrets names '" + Names.printable(name) + "', but the platform has no ImageProvider of that "
              + "name (" + listed(providers.keySet()) + ")" + meant,
          "name one of the ImageProviders, or ask "
              + context.settings().platformContact() + " for an ImageProvider named '" + Names.printable(name)
              + "' (a public registry needs no imagePullSecrets).");
    }
  }

  /** "it has 'a' and 'b'", at most {@link Suggestions#LISTED} names, then how many more. */
  static String listed(Set<String> known) {
    if (known.isEmpty()) {
      return "it has none";
    }
    List<String> first = new ArrayList<>(known).subList(0, Math.min(known.size(), Suggestions.LISTED));
    int more = known.size() - first.size();
    return "it has " + Suggestions.quoted(first) + (more > 0 ? " and " + more + " more" : "");
  }
}
