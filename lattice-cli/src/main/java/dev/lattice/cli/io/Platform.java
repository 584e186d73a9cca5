package dev.lattice.cli.io;

import dev.lattice.engine.PlatformSettings;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyLibrary;
import java.util.Map;

/** The platform context of a CLI run: settings from the lattice-platform ConfigMap, policies from CedarPolicies. */
public record Platform(PlatformSettings settings, PolicyLibrary policies, CedarAuthorizer authorizer) {
  public static Platform of(ReadResult read) {
    PlatformSettings defaults = PlatformSettings.defaults();
    Map<String, String> data = read.platformSettings();
    PlatformSettings settings = new PlatformSettings(
        data.getOrDefault("clusterName", defaults.clusterName()),
        data.getOrDefault("clusterDomain", defaults.clusterDomain()),
        defaults.topologyKey(),
        data.getOrDefault("metricsQueryAddress", defaults.metricsQueryAddress()),
        data.getOrDefault("contact", defaults.platformContact()),
        defaults.systemNamespaces(),
        data.getOrDefault("trustDomain", defaults.trustDomain()),
        defaults.metricsScraper());
    PolicyLibrary policies = PolicyLibrary.load(read.policies());
    return new Platform(settings, policies, new CedarAuthorizer(policies));
  }
}
