package dev.lattice.api.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Map;

/**
 * An entry of {@code spec.workload.resources}. Parameters stay raw here (lossless); the engine reads the typed view
 * each resource type needs and reports malformed parameters with their field paths.
 *
 * @param typeName the type as written (for custom types and messages)
 */
public record Resource(
    String name,
    Type type,
    String typeName,
    Optional<String> resourceClass,
    Optional<String> id,
    Direction direction,
    Optional<String> namespace,
    Map<String, String> annotations,
    Map<String, Object> params) {
  public Resource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(namespace, "namespace");
    annotations = Sorted.map(annotations);
    params = Sorted.map(params);
  }

  public enum Type {
    SERVICE("service"),
    EXTERNAL_SERVICE("external-service"),
    SECRET("secret"),
    VOLUME("volume"),
    GPU("gpu"),
    /** A DNS-label type the platform has no built-in meaning for (provided by an extension). */
    CUSTOM("custom");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public enum Direction {
    OUTBOUND("outbound"),
    INBOUND("inbound"),
    BOTH("both");

    private final String wire;

    Direction(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public boolean outbound() {
      return this != INBOUND;
    }

    public boolean inbound() {
      return this != OUTBOUND;
    }
  }
}
