package dev.lattice.cli.report;

import dev.lattice.api.model.Resource;
import dev.lattice.cli.io.ReadResult;
import java.util.ArrayList;
import java.util.List;

/** Warnings about a run as a whole: said once, however many services they concern. */
public final class RunWarnings {
  private RunWarnings() {}

  public static List<String> of(ReadResult read, List<ServiceOutcome> outcomes) {
    List<String> warnings = new ArrayList<>();
    long secrets = 0;
    long services = 0;
    for (ServiceOutcome outcome : outcomes) {
      long own = outcome.source().input().intent().spec().resources().values().stream()
          .filter(r -> r.type() == Resource.Type.SECRET).count();
      secrets += own;
      services += own > 0 ? 1 : 0;
    }
    if (read.providers().secretProviders().isEmpty() && secrets > 0) {
      // A team deriving its own files has no platform folder: one warning, not an error per secret.
      warnings.add("NoSecretProviders: no SecretProvider was read, so the providers named by " + secrets
          + " secret resource" + (secrets == 1 ? "" : "s") + " in " + services + " service" + (services == 1 ? "" : "s")
          + " were not checked; in the cluster a provider that does not exist fails its service "
          + "(SecretProviderNotFound). Fix: add the platform's SecretProviders to the paths, e.g. lattice derive "
          + "platform/ services/.");
    }
    long pulls = 0;
    long pulling = 0;
    for (ServiceOutcome outcome : outcomes) {
      int own = outcome.source().input().intent().spec().pod().imagePullSecrets().size();
      pulls += own;
      pulling += own > 0 ? 1 : 0;
    }
    if (read.providers().imageProviders().isEmpty() && pulls > 0) {
      // As for secrets: the registry, store and key of the pull credentials come from the ImageProvider.
      warnings.add("NoImageProviders: no ImageProvider was read, so the " + pulls + " imagePullSecrets name"
          + (pulls == 1 ? "" : "s") + " in " + pulling + " service" + (pulling == 1 ? "" : "s") + " were not "
          + "checked and their pull credentials (ExternalSecret <service>-pull-<provider>) were not derived, only the "
          + "pods' references; in the cluster a provider that does not exist fails its service "
          + "(ImageProviderNotFound). Fix: add the platform's ImageProviders to the paths, e.g. lattice derive "
          + "platform/ services/.");
    }
    return warnings;
  }
}
