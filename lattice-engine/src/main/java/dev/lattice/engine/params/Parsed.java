package dev.lattice.engine.params;

import dev.lattice.api.status.Diagnostic;
import java.util.List;

/** A parsed value together with the problems found while parsing it. */
public record Parsed<T>(T value, List<Diagnostic> diagnostics) {
  public Parsed {
    diagnostics = List.copyOf(diagnostics);
  }
}
