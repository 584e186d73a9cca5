package dev.lattice.engine.packages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.hatch.Governance;
import dev.lattice.api.hatch.MeshSection;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.LatticePackage;
import dev.lattice.api.v1.LatticePackageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A LatticePackage as the engine reads it: absent text fields are empty strings, maps are sorted so the values
 * handed to helm (and so the rendered objects) never depend on key order.
 *
 * @param uid the package's uid when it came from a cluster (owner references need it), empty from files
 * @param repository where the chart is (URL, OCI reference or local folder), as written
 */
public record PackageIntent(ServiceRef ref, Optional<String> uid, String repository, String chart, String version,
    SortedMap<String, Object> values, SortedMap<String, Secret> secrets, Governance governance, MeshSection mesh) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A secret in the provider's store the values may refer to. */
  public record Secret(String id, String provider, List<String> keys) {
    public Secret {
      keys = List.copyOf(keys);
    }
  }

  public PackageIntent {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(uid, "uid");
    values = sorted(values);
    secrets = new TreeMap<>(secrets);
    Objects.requireNonNull(governance, "governance");
    Objects.requireNonNull(mesh, "mesh");
  }

  public String name() {
    return ref.name();
  }

  public String namespace() {
    return ref.namespace();
  }

  /** The engine's view of a LatticePackage read from a file or the cluster ({@code namespace} when it has none). */
  public static PackageIntent of(LatticePackage resource, String defaultNamespace) {
    var meta = resource.getMetadata();
    String namespace = meta.getNamespace() == null || meta.getNamespace().isBlank() ? defaultNamespace
        : meta.getNamespace();
    LatticePackageSpec spec = resource.getSpec() == null ? new LatticePackageSpec() : resource.getSpec();
    LatticePackageSpec.Chart chart = spec.chart == null ? new LatticePackageSpec.Chart() : spec.chart;
    SortedMap<String, Secret> secrets = new TreeMap<>();
    if (spec.secrets != null) {
      spec.secrets.forEach((name, s) -> secrets.put(name, s == null ? new Secret("", "", List.of())
          : new Secret(text(s.id), text(s.provider), s.keys == null ? List.of() : s.keys.stream()
              .filter(Objects::nonNull).toList())));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> values = spec.values == null ? Map.of() : JSON.convertValue(spec.values, Map.class);
    return new PackageIntent(new ServiceRef(namespace, text(meta.getName())),
        Optional.ofNullable(meta.getUid()).filter(u -> !u.isBlank()), text(chart.repository), text(chart.name),
        text(chart.version), new TreeMap<>(values), secrets, Governance.of(spec),
        spec.mesh == null ? MeshSection.empty() : MeshSection.of(spec.mesh));
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  /** A deep copy with every map sorted by key. */
  @SuppressWarnings("unchecked")
  static SortedMap<String, Object> sorted(Map<String, Object> map) {
    SortedMap<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, sortedValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object sortedValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return sorted((Map<String, Object>) m);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(sortedValue(x)));
      return out;
    }
    return value;
  }
}
