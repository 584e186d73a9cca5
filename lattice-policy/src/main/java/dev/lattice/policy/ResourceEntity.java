package dev.lattice.policy;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resource of a request as a Cedar entity: type ({@code Lattice::SecretPath}), id and string attributes.
 */
public record ResourceEntity(String type, String id, SortedMap<String, String> attributes) {
  public ResourceEntity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  public static ResourceEntity of(String type, String id, Map<String, String> attributes) {
    return new ResourceEntity(type, id, new TreeMap<>(attributes));
  }

  /** The entity as Cedar writes it, e.g. {@code Lattice::SecretPath::"vault:payments/stripe-key"}. */
  public String cedar() {
    return type + "::" + Entities.quote(id);
  }
}
