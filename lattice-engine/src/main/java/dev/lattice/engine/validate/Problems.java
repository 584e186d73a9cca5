package dev.lattice.engine.validate;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics in the order rules find them; rules never stop at the first problem. */
public final class Problems {
  private final List<Diagnostic> found = new ArrayList<>();

  public void add(Reason reason, String fieldPath, String problem, String fix) {
    found.add(new Diagnostic(reason, fieldPath, problem, fix));
  }

  public void addAll(List<Diagnostic> diagnostics) {
    found.addAll(diagnostics);
  }

  public List<Diagnostic> list() {
    return List.copyOf(found);
  }
}
