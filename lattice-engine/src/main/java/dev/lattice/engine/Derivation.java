package dev.lattice.engine;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of deriving one service: either every object it needs, or the reasons it could not be derived.
 * User mistakes end up here, never as exceptions.
 */
public sealed interface Derivation permits Derivation.Derived, Derivation.Rejected {
  ServiceRef ref();

  ServiceStatus status();

  /** Every diagnostic of the service, errors and warnings, in the order they were found. */
  List<Diagnostic> diagnostics();

  /**
   * The service was derived.
   *
   * @param resources every derived object in apply order (identity first, workload, then what watches it)
   * @param diagnostics warnings only
   */
  record Derived(ServiceRef ref, List<HasMetadata> resources, List<Diagnostic> diagnostics, ServiceStatus status)
      implements Derivation {
    public Derived {
      Objects.requireNonNull(ref, "ref");
      resources = List.copyOf(resources);
      diagnostics = List.copyOf(diagnostics);
      Objects.requireNonNull(status, "status");
    }
  }

  /** Nothing was derived: the diagnostics hold at least one error. Nothing half-derived is ever returned. */
  record Rejected(ServiceRef ref, List<Diagnostic> diagnostics, ServiceStatus status) implements Derivation {
    public Rejected {
      Objects.requireNonNull(ref, "ref");
      diagnostics = List.copyOf(diagnostics);
      Objects.requireNonNull(status, "status");
    }
  }
}
