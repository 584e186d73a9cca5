package dev.lattice.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The mock API server has no conversion webhook and stores each version apart, while the operator reads the
 * storage version: tests write specs in the version people do (v1alpha1) and store what a real API server would.
 */
final class StorageVersion {
  private StorageVersion() {}

  /** A LatticeService document in any served version, as the API server stores it. */
  static LatticeService v1(String yaml) {
    try {
      return v1((ObjectNode) new YAMLMapper().readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LatticeService v1(ObjectNode document) {
    ConversionResult result = Conversions.convert(document, ApiVersion.STORAGE);
    if (!(result instanceof ConversionResult.Converted converted)) {
      throw new IllegalArgumentException("not convertible to v1: " + result);
    }
    try {
      return AdmissionValidator.json().treeToValue(converted.document(), LatticeService.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A LatticeService of an older version in its v1 form; any other object as it is. */
  static HasMetadata storable(HasMetadata item) {
    if ("LatticeService".equals(item.getKind()) && !(item instanceof LatticeService)) {
      return v1((ObjectNode) AdmissionValidator.json().valueToTree(item));
    }
    return item;
  }
}
