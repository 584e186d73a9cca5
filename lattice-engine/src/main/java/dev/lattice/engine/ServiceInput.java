package dev.lattice.engine;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.status.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * A service handed to the engine, with what was already found while reading it (unknown fields, values the API
 * version could not map). Those diagnostics are reported together with the engine's own.
 */
public record ServiceInput(ServiceIntent intent, List<Diagnostic> intakeDiagnostics) {
  public ServiceInput {
    Objects.requireNonNull(intent, "intent");
    intakeDiagnostics = List.copyOf(intakeDiagnostics);
  }

  public static ServiceInput of(ServiceIntent intent) {
    return new ServiceInput(intent, List.of());
  }
}
