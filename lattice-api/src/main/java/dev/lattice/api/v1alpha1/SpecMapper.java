package dev.lattice.api.v1alpha1;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.Port;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.Route;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Suggestions;
import dev.lattice.api.versions.WrittenPaths;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps the parts of a LatticeService every served version shares onto the version-independent model, applying the
 * defaults. Each version's mapper hands it the v1alpha1-shaped view of its own fields (the typed objects it read,
 * rearranged, never copied), so this class knows no version's layout; problems are reported at the path the user
 * wrote, through {@link WrittenPaths}. Values that cannot be represented (an unknown direction, say) become
 * diagnostics with a safe placeholder, so that every other problem of the spec is still found in the same pass.
 */
public final class SpecMapper {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final List<String> BUILT_IN_TYPES = java.util.Arrays.stream(Resource.Type.values())
      .filter(t -> t != Resource.Type.CUSTOM).map(Resource.Type::wire).toList();

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<UnknownField> unknownFields;
  private final ContainerMapper containers = new ContainerMapper(this::report);

  private SpecMapper(List<UnknownField> unknownFields) {
    this.unknownFields = List.copyOf(unknownFields);
  }

  /**
   * @param resource the document (its metadata is read)
   * @param apiVersion the version it was written in
   * @param spec the shared fields
   * @param workload the v1alpha1-shaped workload; null when the document declares none
   * @param unknownFields fields the reader ignored, at the paths as written
   */
  public static MappedIntent map(
      HasMetadata resource, String apiVersion, SharedSpec spec, LatticeServiceSpec.Workload workload,
      List<UnknownField> unknownFields) {
    SpecMapper mapper = new SpecMapper(unknownFields);
    ServiceIntent intent = mapper.intent(resource, apiVersion, spec, workload);
    List<Diagnostic> written = new ArrayList<>(mapper.diagnostics.size());
    for (Diagnostic d : mapper.diagnostics) {
      Diagnostic at = WrittenPaths.of(apiVersion, intent.spec(), d);
      // A problem under a field that is absent because it was written under another name says so.
      Optional<UnknownField> typo = mapper.unknownFields.stream().filter(u -> u.explains(at.fieldPath())).findFirst();
      written.add(typo.isEmpty() ? at : new Diagnostic(at.reason(), at.fieldPath(),
          at.problem() + " " + typo.get().hint(), typo.get().renameFix() + at.fix()));
    }
    return new MappedIntent(intent, written);
  }

  private ServiceIntent intent(
      HasMetadata resource, String apiVersion, SharedSpec spec, LatticeServiceSpec.Workload workload) {
    var meta = resource.getMetadata();
    String namespace = meta == null || meta.getNamespace() == null ? "default" : meta.getNamespace();
    String name = meta == null || meta.getName() == null ? "" : meta.getName();
    var ref = new ServiceRef(namespace, name);
    return new ServiceIntent(
        ref,
        apiVersion,
        Optional.ofNullable(meta == null ? null : meta.getUid()),
        meta == null || meta.getGeneration() == null ? 0 : meta.getGeneration(),
        meta == null ? null : meta.getLabels(),
        meta == null ? null : meta.getAnnotations(),
        spec(spec, workload),
        unknownFields);
  }

  private ServiceSpec spec(SharedSpec spec, LatticeServiceSpec.Workload workload) {
    Map<String, Container> containers = new LinkedHashMap<>();
    Map<String, Port> ports = new LinkedHashMap<>();
    Map<String, Resource> resources = new LinkedHashMap<>();
    if (workload != null) {
      if (workload.containers != null) {
        workload.containers.forEach(
            (n, c) -> containers.put(n, this.containers.container("spec.workload.containers." + n, n, c, false, false)));
      }
      if (workload.service != null && workload.service.ports != null) {
        workload.service.ports.forEach((n, p) -> ports.put(n, port(n, p)));
      }
      if (workload.resources != null) {
        workload.resources.forEach((n, r) -> resources.put(n, resource(n, r)));
      }
    }
    Map<String, Container> sidecars = new LinkedHashMap<>();
    if (spec.sidecars != null) {
      spec.sidecars.forEach(
          (n, s) -> sidecars.put(
              n, this.containers.container("spec.sidecars." + n, n, s, true, s != null && Boolean.TRUE.equals(s.init))));
    }
    Map<String, Route> routes = new LinkedHashMap<>();
    if (spec.ingress != null && spec.ingress.routes != null) {
      spec.ingress.routes.forEach((n, r) -> routes.put(n, route(n, r)));
    }
    Map<String, Object> deferred = new TreeMap<>();
    putIfPresent(deferred, "backup", spec.backup);
    putIfPresent(deferred, "advertise", spec.advertise);
    putIfPresent(deferred, "topology", spec.topology);

    return new ServiceSpec(
        workload != null,
        spec.replicas == null ? 1 : spec.replicas,
        containers,
        sidecars,
        ports,
        resources,
        Optional.ofNullable(spec.autoscaling).map(a -> autoscaling(a, spec.replicas == null ? 1 : spec.replicas)),
        strategy(spec.deploy),
        spec.deploy == null ? null : spec.deploy.canary,
        routes,
        Optional.ofNullable(spec.ingress).map(i -> i.gatewayClass),
        observability(spec.observability),
        new ServiceSpec.PodSettings(
            values(spec.sysctls),
            Boolean.TRUE.equals(spec.hostNetwork),
            Boolean.TRUE.equals(spec.shareProcessNamespace),
            Boolean.TRUE.equals(spec.automountServiceAccountToken),
            strings(spec.imagePullSecrets)),
        deferred);
  }

  private static void putIfPresent(Map<String, Object> target, String key, Map<String, Object> value) {
    if (value != null) {
      target.put(key, value);
    }
  }

  private Port port(String name, SharedSpec.PortSpec p) {
    var spec = p == null ? new SharedSpec.PortSpec() : p;
    int port = spec.port == null ? 0 : spec.port;
    int target = spec.targetPort == null ? port : spec.targetPort;
    Port.Protocol protocol = Port.Protocol.TCP;
    if (spec.protocol != null) {
      try {
        protocol = Port.Protocol.valueOf(spec.protocol.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        report(
            Reason.InvalidProtocol,
            "spec.workload.service.ports." + name + ".protocol",
            "'" + spec.protocol + "' is not a protocol Kubernetes services support.",
            "use TCP (the default), UDP or SCTP.");
      }
    }
    return new Port(name, port, target, protocol);
  }

  private Resource resource(String name, ResourceSpec r) {
    var spec = r == null ? new ResourceSpec() : r;
    String path = "spec.workload.resources." + name;
    String typeName = spec.type == null ? "service" : spec.type;
    Resource.Type type = Resource.Type.CUSTOM;
    for (Resource.Type t : Resource.Type.values()) {
      if (t != Resource.Type.CUSTOM && t.wire().equals(typeName)) {
        type = t;
      }
    }
    // A custom type one typo away from a built-in one (secert) is the built-in type misspelt, not an extension.
    Optional<String> meant = type == Resource.Type.CUSTOM ? Suggestions.nearest(typeName, BUILT_IN_TYPES)
        : Optional.empty();
    if (meant.isPresent()) {
      report(
          Reason.InvalidResourceType,
          path + ".type",
          "'" + typeName + "' is not a resource type; did you mean '" + meant.get() + "'?",
          "write type: " + meant.get() + ".");
    } else if (type == Resource.Type.CUSTOM && !DNS_LABEL.matcher(typeName).matches()) {
      report(
          Reason.InvalidResourceType,
          path + ".type",
          "'" + typeName + "' is not a resource type.",
          "use service, external-service, secret, volume or gpu, or the DNS-label name of a custom type "
              + "your platform team registered.");
    }
    Resource.Direction direction = Resource.Direction.OUTBOUND;
    if (spec.direction != null) {
      Optional<Resource.Direction> parsed =
          java.util.Arrays.stream(Resource.Direction.values())
              .filter(d -> d.wire().equals(spec.direction))
              .findFirst();
      if (parsed.isPresent()) {
        direction = parsed.get();
      } else {
        report(
            Reason.InvalidDirection,
            path + ".direction",
            "'" + spec.direction + "' is not a direction.",
            "use outbound (this service calls it, the default), inbound (it calls this service) or both.");
      }
    }
    return new Resource(
        name,
        type,
        typeName,
        Optional.ofNullable(spec.resourceClass),
        Optional.ofNullable(spec.id),
        direction,
        Optional.ofNullable(spec.namespace),
        spec.metadata == null ? null : spec.metadata.annotations,
        spec.params);
  }

  private Route route(String name, Ingress.Route r) {
    var spec = r == null ? new Ingress.Route() : r;
    String path = "spec.ingress.routes." + name;
    Route.Kind kind = Route.Kind.HTTPRoute;
    if (spec.kind != null) {
      try {
        kind = Route.Kind.valueOf(spec.kind);
      } catch (IllegalArgumentException e) {
        report(
            Reason.InvalidRouteKind,
            path + ".kind",
            "'" + spec.kind + "' is not a route kind.",
            "use HTTPRoute (the default), GRPCRoute or TCPRoute.");
      }
    }
    List<Route.Rule> rules = new ArrayList<>();
    if (spec.rules != null) {
      for (Ingress.Rule rule : spec.rules) {
        List<Route.Match> matches = new ArrayList<>();
        if (rule != null && rule.matches != null) {
          for (Ingress.Match m : rule.matches) {
            if (m == null) {
              continue;
            }
            List<Route.HeaderMatch> headers = new ArrayList<>();
            if (m.headers != null) {
              m.headers.stream().filter(Objects::nonNull).forEach(
                  h -> headers.add(new Route.HeaderMatch(h.name, h.value, h.type == null ? "Exact" : h.type)));
            }
            matches.add(
                new Route.Match(
                    Optional.ofNullable(m.path).map(p -> p.type == null ? "PathPrefix" : p.type),
                    Optional.ofNullable(m.path).map(p -> p.value),
                    headers,
                    Optional.ofNullable(m.method),
                    m.grpcMethod));
          }
        }
        rules.add(new Route.Rule(matches));
      }
    }
    Optional<Route.Tls> tls =
        Optional.ofNullable(spec.tls)
            .map(
                t ->
                    new Route.Tls(
                        Optional.ofNullable(t.secretName),
                        Optional.ofNullable(t.issuerRef).map(i -> i.name),
                        t.issuerRef == null || t.issuerRef.kind == null ? "ClusterIssuer" : t.issuerRef.kind));
    return new Route(
        name,
        kind,
        strings(spec.hosts),
        Optional.ofNullable(spec.port),
        Optional.ofNullable(spec.listenPort),
        rules,
        tls);
  }

  private ServiceSpec.Autoscaling autoscaling(SharedSpec.Autoscaling a, int replicas) {
    if (a.max == null) {
      report(
          Reason.AutoscalingMaxMissing,
          "spec.autoscaling.max",
          "autoscaling is set but has no max.",
          "set spec.autoscaling.max to the most replicas the service may scale to, e.g. max: 10.");
    }
    List<ServiceSpec.MetricTarget> metrics = new ArrayList<>();
    if (a.metrics == null || a.metrics.isEmpty()) {
      metrics.add(new ServiceSpec.MetricTarget("cpu", 80));
    } else {
      for (var m : a.metrics) {
        metrics.add(
            new ServiceSpec.MetricTarget(
                m == null || m.metric == null ? "" : m.metric, m == null || m.target == null ? 0 : m.target));
      }
    }
    // Placeholder for a missing max: the replica count, at least 1, so the engine reports neither replicas > max
    // nor a max below 1 for it.
    return new ServiceSpec.Autoscaling(a.max == null ? Math.max(replicas, 1) : a.max, metrics);
  }

  private ServiceSpec.DeployStrategy strategy(SharedSpec.Deploy deploy) {
    if (deploy == null || deploy.strategy == null) {
      return ServiceSpec.DeployStrategy.ROLLING;
    }
    for (var s : ServiceSpec.DeployStrategy.values()) {
      if (s.wire().equals(deploy.strategy)) {
        return s;
      }
    }
    report(
        Reason.InvalidDeployStrategy,
        "spec.deploy.strategy",
        "'" + deploy.strategy + "' is not a deploy strategy.",
        "use rolling (the default) or canary.");
    return ServiceSpec.DeployStrategy.ROLLING;
  }

  private static ServiceSpec.Observability observability(SharedSpec.Observability o) {
    if (o == null || o.metrics == null) {
      return ServiceSpec.Observability.none();
    }
    return new ServiceSpec.Observability(o.metrics.mappings, Optional.ofNullable(o.metrics.port));
  }
  private static List<String> strings(List<String> list) {
    return ContainerMapper.strings(list);
  }

  private static Map<String, String> values(Map<String, String> map) {
    return ContainerMapper.values(map);
  }

  private void report(Reason reason, String path, String problem, String fix) {
    diagnostics.add(new Diagnostic(reason, path, problem, fix));
  }
}
