package dev.lattice.api.versions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link Conversions#convert}: the converted document, or the decisions a team must make first. */
public sealed interface ConversionResult permits ConversionResult.Converted, ConversionResult.NeedsDecision {
  /** A fresh tree (the input is never modified) with apiVersion set to the target. */
  record Converted(ObjectNode document) implements ConversionResult {
    public Converted {
      Objects.requireNonNull(document, "document");
    }
  }

  /** Nothing converted: at least one field needs a choice only the team can make. */
  record NeedsDecision(List<Decision> decisions) implements ConversionResult {
    public NeedsDecision {
      decisions = List.copyOf(decisions);
    }
  }
}
