package dev.lattice.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One service as the engine sees it, whatever API version it was written in.
 *
 * @param ref namespace and name
 * @param apiVersion the version the user wrote (for the field paths of its reports and deprecation warnings;
 *     derived objects never depend on it)
 * @param uid the object's uid when it came from a cluster; owner references need it
 * @param generation metadata.generation when known
 * @param labels metadata.labels
 * @param annotations metadata.annotations (available to {@code ${metadata.annotations.K}} templates)
 * @param spec the intent
 * @param unknownFields fields the reader ignored, so that rules failing for a missing field can name the typo
 * @param hatch present when this node is an escape hatch (a LatticeMeshMember or LatticePackage): its spec then
 *     holds only the ports and {@code type: service} / {@code external-service} resources its mesh section implies
 */
public record ServiceIntent(
    ServiceRef ref,
    String apiVersion,
    Optional<String> uid,
    long generation,
    Map<String, String> labels,
    Map<String, String> annotations,
    ServiceSpec spec,
    List<UnknownField> unknownFields,
    Optional<dev.lattice.api.hatch.EscapeHatch> hatch) {
  public ServiceIntent(
      ServiceRef ref, String apiVersion, Optional<String> uid, long generation, Map<String, String> labels,
      Map<String, String> annotations, ServiceSpec spec, List<UnknownField> unknownFields) {
    this(ref, apiVersion, uid, generation, labels, annotations, spec, unknownFields, Optional.empty());
  }

  public ServiceIntent {
    Objects.requireNonNull(hatch, "hatch");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(uid, "uid");
    labels = Sorted.map(labels);
    annotations = Sorted.map(annotations);
    Objects.requireNonNull(spec, "spec");
    unknownFields = List.copyOf(unknownFields);
  }

  public ServiceIntent(
      ServiceRef ref, String apiVersion, Optional<String> uid, long generation, Map<String, String> labels,
      Map<String, String> annotations, ServiceSpec spec) {
    this(ref, apiVersion, uid, generation, labels, annotations, spec, List.of());
  }

  /** True for a LatticeMeshMember or LatticePackage node. Not a property: {@link #hatch} is the one that is. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isHatch() {
    return hatch.isPresent();
  }

  /** The kind users know this node by: LatticeService, LatticeMeshMember or LatticePackage. */
  public String kindName() {
    return hatch.map(h -> h.kind().kindName()).orElse("LatticeService");
  }

  /** The unknown field that explains a problem at {@code fieldPath} (a typo of the field it concerns), if any. */
  public Optional<UnknownField> unknownFieldFor(String fieldPath) {
    if (unknownFields.isEmpty()) {
      return Optional.empty();
    }
    // Unknown fields are recorded where they were written; rules ask with model paths.
    String written = dev.lattice.api.versions.WrittenPaths.of(apiVersion, spec, fieldPath);
    return unknownFields.stream().filter(u -> u.explains(written)).findFirst();
  }

  public static ServiceIntent of(ServiceRef ref, String apiVersion, ServiceSpec spec) {
    return new ServiceIntent(ref, apiVersion, Optional.empty(), 0, Map.of(), Map.of(), spec);
  }
}
