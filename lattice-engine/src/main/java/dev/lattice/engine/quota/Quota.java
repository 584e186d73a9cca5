package dev.lattice.engine.quota;

import dev.lattice.api.model.ServiceRef;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A LatticeQuota as derivation reads it (issue 17): what it covers, its total limits and per-workload cap (a
 * resource left out is not limited), and its owner, whom every {@code QuotaExceeded} names.
 */
public record Quota(String name, String owner, Selector selector, Map<QuotaResource, BigDecimal> limits,
    Map<QuotaResource, BigDecimal> perWorkload) {
  public Quota {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(selector, "selector");
    limits = Collections.unmodifiableMap(new EnumMap<>(copy(limits)));
    perWorkload = Collections.unmodifiableMap(new EnumMap<>(copy(perWorkload)));
  }

  private static Map<QuotaResource, BigDecimal> copy(Map<QuotaResource, BigDecimal> m) {
    return m.isEmpty() ? new EnumMap<>(QuotaResource.class) : m;
  }

  /** What a quota covers. */
  public enum Scope {
    TEAM("team"),
    NAMESPACE("namespace"),
    SERVICE("service");

    private final String wire;

    Scope(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** One of team, namespace or service ({@code namespace/name}). */
  public record Selector(Scope scope, String value) {
    public Selector {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(value, "value");
    }

    /**
     * @param teams the {@code lattice.dev/team} label of each namespace read; a namespace not listed belongs to the
     *     team of its own name
     */
    public boolean covers(ServiceRef ref, SortedMap<String, String> teams) {
      return switch (scope) {
        case TEAM -> teams.getOrDefault(ref.namespace(), ref.namespace()).equals(value);
        case NAMESPACE -> ref.namespace().equals(value);
        case SERVICE -> (ref.namespace() + "/" + ref.name()).equals(value);
      };
    }

    @Override
    public String toString() {
      return scope.wire() + " " + value;
    }
  }

  /** Namespace to team, sorted, for the settings. */
  public static SortedMap<String, String> teams(Map<String, String> labels) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }
}
