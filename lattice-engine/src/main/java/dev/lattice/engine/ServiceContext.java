package dev.lattice.engine;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.params.SecretParams;
import dev.lattice.engine.params.VolumeParams;
import dev.lattice.graph.Edge;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one service's derivation reads, computed once: the intent, the fleet it lives in, the platform
 * settings and the typed params of its resources.
 */
public final class ServiceContext {
  private final ServiceIntent intent;
  private final Fleet fleet;
  private final PlatformSettings settings;
  private final Optional<java.time.LocalDate> today;
  private final SortedMap<String, SecretParams> secrets = new TreeMap<>();
  private final SortedMap<String, ExternalEndpoints> externals = new TreeMap<>();
  private final SortedMap<String, VolumeParams> volumes = new TreeMap<>();
  // The consent report and both mesh policies read the same edges; look them up in the graph once.
  private List<Edge> edgesFrom;
  private List<Edge> edgesTo;

  public ServiceContext(ServiceIntent intent, Fleet fleet, PlatformSettings settings) {
    this(intent, fleet, settings, Optional.empty());
  }

  /** @param today the caller's date, for escape-hatch expiry (empty: expiry is not judged) */
  public ServiceContext(
      ServiceIntent intent, Fleet fleet, PlatformSettings settings, Optional<java.time.LocalDate> today) {
    this.today = java.util.Objects.requireNonNull(today, "today");
    this.intent = intent;
    this.fleet = fleet;
    this.settings = settings;
    intent
        .spec()
        .resources()
        .forEach(
            (name, resource) -> {
              String path = "spec.workload.resources." + name;
              switch (resource.type()) {
                case SECRET -> secrets.put(name, SecretParams.parse(resource, path).value());
                case EXTERNAL_SERVICE -> externals.put(name, ExternalEndpoints.parse(resource, path).value());
                case VOLUME -> volumes.put(name, VolumeParams.parse(resource, path).value());
                default -> {}
              }
            });
  }

  public ServiceIntent intent() {
    return intent;
  }

  /** The graph edges where this service is the caller, sorted by callee. */
  public List<Edge> edgesFrom() {
    if (edgesFrom == null) {
      edgesFrom = fleet.graph().edgesFrom(ref());
    }
    return edgesFrom;
  }

  /** The graph edges where this service is the callee, sorted by caller. */
  public List<Edge> edgesTo() {
    if (edgesTo == null) {
      edgesTo = fleet.graph().edgesTo(ref());
    }
    return edgesTo;
  }

  public ServiceRef ref() {
    return intent.ref();
  }

  public String name() {
    return intent.ref().name();
  }

  public String namespace() {
    return intent.ref().namespace();
  }

  public Fleet fleet() {
    return fleet;
  }

  public PlatformSettings settings() {
    return settings;
  }

  /** The date the caller derives on, when it gave one. */
  public Optional<java.time.LocalDate> today() {
    return today;
  }

  /** Typed params of every {@code type: secret} resource, by resource name. */
  public Map<String, SecretParams> secrets() {
    return Collections.unmodifiableSortedMap(secrets);
  }

  public Map<String, ExternalEndpoints> externals() {
    return Collections.unmodifiableSortedMap(externals);
  }

  public Map<String, VolumeParams> volumes() {
    return Collections.unmodifiableSortedMap(volumes);
  }

  /** A resource by the name a template uses: exact, or with {@code _} standing for {@code -}. */
  public Optional<Resource> resourceForTemplate(String name) {
    var resources = intent.spec().resources();
    if (resources.containsKey(name)) {
      return Optional.of(resources.get(name));
    }
    return Optional.ofNullable(resources.get(name.replace('_', '-')));
  }

  /** The service a {@code type: service} resource points at. */
  public ServiceRef target(Resource resource) {
    return new ServiceRef(resource.namespace().orElse(namespace()), resource.id().orElse(resource.name()));
  }
}
