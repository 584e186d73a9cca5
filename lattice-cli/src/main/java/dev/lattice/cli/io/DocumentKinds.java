package dev.lattice.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.policy.PolicyLibrary;
import java.util.List;
import java.util.Optional;

/**
 * Which kind one parsed document is, and where it goes: services and mesh members to {@link ServiceDocuments},
 * policies, providers, quotas and packages to {@link PlatformObjects}, the platform-settings ConfigMap and Namespace
 * team labels here; every other object is listed as skipped, a Lattice kind this release does not serve is an error.
 */
final class DocumentKinds {
  private static final String LATTICE_GROUP = "lattice.dev/";
  private final ServiceDocuments services;
  private final PlatformObjects platform;

  DocumentKinds(ObjectMapper mapper, boolean warnDeprecated) {
    this.services = new ServiceDocuments(mapper, warnDeprecated);
    this.platform = new PlatformObjects(mapper);
  }

  static boolean isLatticeService(JsonNode document) {
    return document.path("kind").asText("").equals(LatticeService.KIND)
        && served(document.path("apiVersion").asText("")).isPresent();
  }

  /** The served version named exactly (lattice.dev/v1; a bare v1 is some other group's). */
  private static Optional<ApiVersion> served(String apiVersion) {
    return ApiVersion.of(apiVersion).filter(v -> v.apiVersion().equals(apiVersion));
  }

  /** Reads one document into {@code out}; a List's items each as a document of their own. */
  void document(
      String file, SourceLocator locator, JsonNode document, List<YamlTrees.Surrogate> surrogates,
      FileContents out) {
    List<SkippedDocument> skipped = out.skipped;
    List<InputError> errors = out.errors;
    int line = locator.documentLine();
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    String name = document.path("metadata").path("name").asText("");
    if (kind.equals("List") && document.path("items").isArray()) {
      for (JsonNode item : document.path("items")) {
        document(file, locator, item, List.of(), out);
      }
      return;
    }
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      errors.add(new InputError(file, line, "the document has no " + (apiVersion.isEmpty() ? "apiVersion" : "kind")
          + "; every Kubernetes object needs apiVersion and kind (e.g. apiVersion: lattice.dev/v1alpha1, kind: "
          + "LatticeService)."));
      return;
    }
    String namespace = document.path("metadata").path("namespace").asText("default");
    if (kind.equals(CedarPolicy.KIND) && apiVersion.equals(LatticeService.API_VERSION)) {
      platform.policy(file, locator, document, name, namespace, out);
      return;
    }
    if (kind.equals(dev.lattice.api.v1.SecretProvider.KIND)
        && apiVersion.equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      platform.provider(file, locator, document, name, dev.lattice.api.v1.SecretProvider.class, out.secretProviders, out);
      return;
    }
    if (kind.equals(dev.lattice.api.v1.ImageProvider.KIND)
        && apiVersion.equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      platform.provider(file, locator, document, name, dev.lattice.api.v1.ImageProvider.class, out.imageProviders, out);
      return;
    }
    if (kind.equals(dev.lattice.api.v1.LatticeQuota.KIND)
        && apiVersion.equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      if (!namespace.equals(PolicyLibrary.PLATFORM_NAMESPACE)) {
        errors.add(new InputError(file, locator.lineOf("metadata.namespace"),
            dev.lattice.engine.quota.Quotas.outsidePlatform(name, namespace)));
        return;
      }
      platform.provider(file, locator, document, name, dev.lattice.api.v1.LatticeQuota.class, out.quotas, out);
      return;
    }
    if (kind.equals("Namespace") && apiVersion.equals("v1") && !name.isEmpty()) {
      // Listed as skipped like any other object; its team label is what team quotas select on.
      String team = document.path("metadata").path("labels").path("lattice.dev/team").asText("");
      if (!team.isEmpty()) {
        out.teams.put(name, team);
      }
    }
    if (kind.equals(dev.lattice.api.v1.LatticePackage.KIND) && apiVersion.equals(LATTICE_GROUP + "v1")) {
      platform.latticePackage(file, locator, document, name, out);
      return;
    }
    if (kind.equals("ConfigMap") && apiVersion.equals("v1") && name.equals(ManifestReader.PLATFORM_SETTINGS)
        && namespace.equals(PolicyLibrary.PLATFORM_NAMESPACE)) {
      document.path("data").fields().forEachRemaining(e -> out.platformSettings.put(e.getKey(),
          e.getValue().asText()));
      return;
    }
    if (kind.equals(LatticeMeshMember.KIND) && apiVersion.equals(LatticeMeshMember.API_VERSION)) {
      services.meshMember(file, locator, document, name, out);
      return;
    }
    Optional<String> mistake = ServedKinds.mistake(apiVersion, kind);
    if (mistake.isPresent()) {
      errors.add(new InputError(file, locator.lineOf("kind"), mistake.get()));
      return;
    }
    if (!kind.equals(LatticeService.KIND)) {
      String note = apiVersion.startsWith(LATTICE_GROUP)
          ? "not handled by lattice derive in this release"
          : "not a Lattice kind; apply it as it is";
      skipped.add(new SkippedDocument(file, line, apiVersion, kind, name, note));
      return;
    }
    Optional<ApiVersion> version = served(apiVersion);
    if (version.isEmpty()) {
      errors.add(new InputError(file, locator.lineOf("apiVersion"), "apiVersion " + apiVersion + " is not served "
          + "for LatticeService by this release, which serves " + ApiVersion.servedList() + "; use "
          + ApiVersion.STORAGE.apiVersion() + " (lattice migrate --to v1 converts older specs)."));
      return;
    }
    services.latticeService(file, locator, document, name, version.get(), surrogates, out);
  }
}
