package dev.lattice.api.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Defensive, deterministic copies for record components. */
public final class Sorted {
  private Sorted() {}

  /** An unmodifiable copy sorted by key; {@code null} becomes empty. */
  public static <V> SortedMap<String, V> map(Map<String, V> source) {
    return Collections.unmodifiableSortedMap(source == null ? new TreeMap<>() : new TreeMap<>(source));
  }

  /** An unmodifiable copy in the given order; {@code null} becomes empty. */
  public static <T> List<T> list(List<T> source) {
    return source == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(source));
  }
}
