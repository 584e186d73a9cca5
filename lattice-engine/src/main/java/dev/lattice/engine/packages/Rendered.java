package dev.lattice.engine.packages;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the caller's helm made of a package's chart: the rendered documents, or helm's error. */
public sealed interface Rendered permits Rendered.Objects, Rendered.Failed {
  /** The rendered YAML documents, each a map (empty documents already dropped). */
  record Objects(List<Map<String, Object>> documents) implements Rendered {
    public Objects {
      documents = List.copyOf(documents);
    }
  }

  /** Helm failed (the chart is missing, broken or cannot take the values); {@code message} is helm's. */
  record Failed(String message) implements Rendered {
    public Failed {
      java.util.Objects.requireNonNull(message, "message");
    }
  }

  static Rendered failed(String message) {
    return new Failed(message);
  }

  static Rendered of(List<Map<String, Object>> documents) {
    return new Objects(java.util.Objects.requireNonNull(documents, "documents"));
  }
}
