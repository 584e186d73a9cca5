package dev.lattice.cli.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.policy.PolicyDocument;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.List;

/**
 * The platform team's objects that shape a derive without being fleet nodes: CedarPolicies, the cluster-scoped
 * providers and quotas, and LatticePackages, each read as the API server would store it or an input error at the
 * field that does not map.
 */
final class PlatformObjects {
  private final ObjectMapper mapper;

  PlatformObjects(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  void latticePackage(String file, SourceLocator locator, JsonNode document, String name,
      FileContents out) {
    if (name.isEmpty()) {
      out.errors.add(new InputError(file, locator.documentLine(), "the LatticePackage has no metadata.name."));
      return;
    }
    try {
      var resource = mapper.treeToValue(document, dev.lattice.api.v1.LatticePackage.class);
      out.packages.add(new SourcedPackage(dev.lattice.engine.packages.PackageIntent.of(resource, "default"), file,
          locator));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      out.errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e,
          document, path)));
    } catch (IOException e) {
      out.errors.add(new InputError(file, locator.documentLine(), "cannot read the LatticePackage: "
          + e.getMessage()));
    }
  }

  void policy(
      String file, SourceLocator locator, JsonNode document, String name, String namespace, FileContents out) {
    List<InputError> errors = out.errors;
    if (name.isEmpty()) {
      errors.add(new InputError(file, locator.documentLine(), "the CedarPolicy has no metadata.name."));
      return;
    }
    try {
      CedarPolicy policy = mapper.treeToValue(document, CedarPolicy.class);
      if (policy.getMetadata().getNamespace() == null) {
        policy.getMetadata().setNamespace(namespace);
      }
      out.policies.add(PolicyDocument.of(policy, file + ":" + locator.documentLine()));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e, document,
          path)));
    } catch (IOException e) {
      errors.add(new InputError(file, locator.documentLine(), "cannot read the CedarPolicy: " + e.getMessage()));
    }
  }

  /** A provider (cluster-scoped): read as the API server would store it, or an input error at the field. */
  <T extends HasMetadata> void provider(String file, SourceLocator locator, JsonNode document, String name,
      Class<T> type, List<T> into, FileContents out) {
    String kind = type.getSimpleName();
    if (name.isEmpty()) {
      out.errors.add(new InputError(file, locator.documentLine(), "the " + kind + " has no metadata.name."));
      return;
    }
    try {
      into.add(mapper.treeToValue(document, type));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      out.errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e,
          document, path)));
    } catch (IOException e) {
      out.errors.add(new InputError(file, locator.documentLine(), "cannot read the " + kind + ": "
          + e.getMessage()));
    }
  }
}
