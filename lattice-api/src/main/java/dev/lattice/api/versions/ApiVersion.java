package dev.lattice.api.versions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The served LatticeService versions, oldest first. v1 is the storage version and the hub. */
public enum ApiVersion {
  V1ALPHA1("lattice.dev/v1alpha1"),
  V1BETA1("lattice.dev/v1beta1"),
  V1("lattice.dev/v1");

  /** The version the API server stores and the engine's model corresponds to. */
  public static final ApiVersion STORAGE = V1;

  public static final String GROUP = "lattice.dev";

  private final String apiVersion;

  ApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  /** {@code lattice.dev/v1alpha1}. */
  public String apiVersion() {
    return apiVersion;
  }

  /** {@code v1alpha1}. */
  public String version() {
    return apiVersion.substring(GROUP.length() + 1);
  }

  /** Only v1alpha1 is deprecated: it may break, so users are told to move on. */
  public boolean deprecated() {
    return this == V1ALPHA1;
  }

  public static ApiVersion storage() {
    return STORAGE;
  }

  /** The version named by {@code lattice.dev/v1} or the bare {@code v1}; empty for anything else. */
  public static Optional<ApiVersion> of(String apiVersion) {
    if (apiVersion == null) {
      return Optional.empty();
    }
    return Arrays.stream(values())
        .filter(v -> v.apiVersion.equals(apiVersion) || v.version().equals(apiVersion))
        .findFirst();
  }

  public static List<ApiVersion> served() {
    return List.of(values());
  }

  /** {@code lattice.dev/v1alpha1, lattice.dev/v1beta1, lattice.dev/v1}, for messages. */
  public static String servedList() {
    return Arrays.stream(values()).map(ApiVersion::apiVersion).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return apiVersion;
  }
}
