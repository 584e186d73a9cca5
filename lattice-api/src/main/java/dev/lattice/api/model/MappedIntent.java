package dev.lattice.api.model;

import dev.lattice.api.status.Diagnostic;
import java.util.List;

/** A document mapped onto the model, with what could not be mapped as written (an invalid enum value, say). */
public record MappedIntent(ServiceIntent intent, List<Diagnostic> diagnostics) {
  public MappedIntent {
    diagnostics = List.copyOf(diagnostics);
  }
}
