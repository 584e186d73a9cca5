package dev.lattice.cli.io;

import dev.lattice.engine.PlatformSettings;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyLibrary;

/** The platform context of a CLI run: settings from the lattice-platform ConfigMap, policies from CedarPolicies. */
public record Platform(PlatformSettings settings, PolicyLibrary policies, CedarAuthorizer authorizer) {
  public static Platform of(ReadResult read) {
    PlatformSettings settings = PlatformSettings.defaults().withOverrides(read.platformSettings());
    if (!read.providers().secretProviders().isEmpty()) {
      settings = settings.withProviders(
          settings.providers().withSecretProviders(read.providers().secretProviderNames()));
    }
    settings = settings.withProviders(settings.providers().withImageProviders(read.providers().imageSources()));
    settings = settings.withProviders(settings.providers().withQuotas(read.providers().engineQuotas(),
        read.providers().teams()));
    PolicyLibrary policies = PolicyLibrary.load(read.policies());
    return new Platform(settings, policies, new CedarAuthorizer(policies));
  }
}
