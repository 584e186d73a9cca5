package dev.lattice.cli.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;

/**
 * Converts one whole LatticeService document to the target version. Production converts with
 * {@link Conversions#convert}, where the semantics live; tests may pass a conversion the rewriter cannot follow,
 * to see the run-time check refuse it.
 */
@FunctionalInterface
public interface Converter {
  ConversionResult convert(ObjectNode document);

  static Converter to(ApiVersion target) {
    return document -> Conversions.convert(document, target);
  }
}
