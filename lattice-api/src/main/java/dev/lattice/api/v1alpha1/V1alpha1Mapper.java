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
 * Maps a v1alpha1 document onto the version-independent model, applying the v1alpha1 defaults. Values that cannot
 * be represented (an unknown direction, say) become diagnostics with the field path and a safe placeholder, so that
 * every other problem of the spec is still found in the same pass.
 */
public final class V1alpha1Mapper {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final List<String> BUILT_IN_TYPES = java.util.Arrays.stream(Resource.Type.values())
      .filter(t -> t != Resource.Type.CUSTOM).map(Resource.Type::wire).toList();

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<UnknownField> unknownFields;

  private V1alpha1Mapper(List<UnknownField> unknownFields) {
    this.unknownFields = List.copyOf(unknownFields);
  }

  public static MappedIntent map(LatticeService resource) {
    return map(resource, List.of());
  }

  /** Maps with the fields the reader ignored, which the intent keeps and messages about missing fields name. */
  public static MappedIntent map(LatticeService resource, List<UnknownField> unknownFields) {
    V1alpha1Mapper mapper = new V1alpha1Mapper(unknownFields);
    ServiceIntent intent = mapper.intent(resource);
    return new MappedIntent(intent, mapper.diagnostics);
  }

  private ServiceIntent intent(LatticeService resource) {
    var meta = resource.getMetadata();
    String namespace = meta == null || meta.getNamespace() == null ? "default" : meta.getNamespace();
    String name = meta == null || meta.getName() == null ? "" : meta.getName();
    var ref = new ServiceRef(namespace, name);
    LatticeServiceSpec spec = resource.getSpec() == null ? new LatticeServiceSpec() : resource.getSpec();
    return new ServiceIntent(
        ref,
        LatticeService.API_VERSION,
        Optional.ofNullable(meta == null ? null : meta.getUid()),
        meta == null || meta.getGeneration() == null ? 0 : meta.getGeneration(),
        meta == null ? null : meta.getLabels(),
        meta == null ? null : meta.getAnnotations(),
        spec(spec),
        unknownFields);
  }

  private ServiceSpec spec(LatticeServiceSpec spec) {
    var workload = spec.workload;
    Map<String, Container> containers = new LinkedHashMap<>();
    Map<String, Port> ports = new LinkedHashMap<>();
    Map<String, Resource> resources = new LinkedHashMap<>();
    if (workload != null) {
      if (workload.containers != null) {
        workload.containers.forEach(
            (n, c) -> containers.put(n, container("spec.workload.containers." + n, n, c, false, false)));
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
              n, container("spec.sidecars." + n, n, s, true, s != null && Boolean.TRUE.equals(s.init))));
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

  private Container container(String path, String name, ContainerSpec c, boolean sidecar, boolean init) {
    if (c == null) {
      c = new ContainerSpec();
    }
    return new Container(
        name,
        sidecar,
        init,
        c.image,
        strings(c.command),
        strings(c.args),
        Optional.ofNullable(c.workingDir),
        values(c.variables),
        compute(c.resources),
        files(path, c.files),
        volumes(c.volumes),
        Optional.ofNullable(c.livenessProbe).map(V1alpha1Mapper::probe),
        Optional.ofNullable(c.readinessProbe).map(V1alpha1Mapper::probe),
        Optional.ofNullable(c.startupProbe).map(V1alpha1Mapper::probe),
        strings(c.envFrom),
        security(c.security));
  }

  private static Container.Compute compute(ContainerSpec.Resources r) {
    if (r == null) {
      return Container.Compute.none();
    }
    var req = r.requests == null ? new ContainerSpec.Quantities() : r.requests;
    var lim = r.limits == null ? new ContainerSpec.Quantities() : r.limits;
    return new Container.Compute(
        Optional.ofNullable(req.cpu),
        Optional.ofNullable(req.memory),
        Optional.ofNullable(lim.cpu),
        Optional.ofNullable(lim.memory),
        r.limits != null && (lim.cpu != null || lim.memory != null));
  }

  private Map<String, Container.FileSpec> files(String container, Map<String, ContainerSpec.FileSpec> files) {
    Map<String, Container.FileSpec> out = new LinkedHashMap<>();
    if (files != null) {
      files.forEach(
          (path, f) -> {
            var spec = f == null ? new ContainerSpec.FileSpec() : f;
            if (spec.modeWrittenAsNumber) {
              // The digits the user typed are gone (YAML 1.1 reads 0644 as 420), so the mode cannot be trusted.
              report(
                  Reason.InvalidFileMode,
                  container + ".files." + path + ".mode",
                  "the mode is written as a number, which YAML reads as " + spec.mode + " (an unquoted 0644 becomes "
                      + "420), so the file would not get the mode you wrote.",
                  "quote the mode, e.g. mode: \"0644\".");
            }
            out.put(
                path,
                new Container.FileSpec(
                    Optional.ofNullable(spec.content),
                    Optional.ofNullable(spec.binaryContent),
                    Optional.ofNullable(spec.source),
                    Optional.ofNullable(spec.modeWrittenAsNumber ? null : spec.mode),
                    Boolean.TRUE.equals(spec.noExpand),
                    Boolean.TRUE.equals(spec.reverseExpand)));
          });
    }
    return out;
  }

  private static Map<String, Container.VolumeMount> volumes(Map<String, ContainerSpec.VolumeMount> volumes) {
    Map<String, Container.VolumeMount> out = new LinkedHashMap<>();
    if (volumes != null) {
      volumes.forEach(
          (path, v) -> {
            var spec = v == null ? new ContainerSpec.VolumeMount() : v;
            out.put(
                path,
                new Container.VolumeMount(
                    Optional.ofNullable(spec.source),
                    Optional.ofNullable(spec.path),
                    Boolean.TRUE.equals(spec.readOnly),
                    Optional.ofNullable(spec.medium),
                    Optional.ofNullable(spec.sizeLimit)));
          });
    }
    return out;
  }

  private static Container.Probe probe(ContainerSpec.Probe p) {
    Optional<Container.HttpGet> http =
        Optional.ofNullable(p.httpGet)
            .map(
                h -> {
                  Map<String, String> headers = new LinkedHashMap<>();
                  if (h.httpHeaders != null) {
                    h.httpHeaders.stream().filter(Objects::nonNull).forEach(
                        x -> headers.put(x.name == null ? "" : x.name, x.value == null ? "" : x.value));
                  }
                  return new Container.HttpGet(
                      h.path == null ? "/" : h.path,
                      h.port == null ? "" : h.port.getIntVal() != null ? String.valueOf(h.port.getIntVal()) : String.valueOf(h.port.getStrVal()),
                      Optional.ofNullable(h.scheme),
                      Optional.ofNullable(h.host),
                      headers);
                });
    return new Container.Probe(
        http,
        Optional.ofNullable(p.exec).map(e -> e.command == null ? List.<String>of() : strings(e.command)),
        Optional.ofNullable(p.initialDelaySeconds),
        Optional.ofNullable(p.periodSeconds),
        Optional.ofNullable(p.timeoutSeconds),
        Optional.ofNullable(p.successThreshold),
        Optional.ofNullable(p.failureThreshold));
  }

  private static Container.Security security(ContainerSpec.Security s) {
    if (s == null) {
      return Container.Security.defaults();
    }
    return new Container.Security(
        strings(s.capabilities),
        Optional.ofNullable(s.dropCapabilities).map(V1alpha1Mapper::strings),
        Optional.ofNullable(s.privileged),
        Optional.ofNullable(s.readOnlyRootFilesystem),
        Optional.ofNullable(s.runAsNonRoot),
        Optional.ofNullable(s.runAsUser),
        Optional.ofNullable(s.runAsGroup),
        Optional.ofNullable(s.allowPrivilegeEscalation),
        Optional.ofNullable(s.seccompProfile),
        Optional.ofNullable(s.seccompLocalhostProfile),
        Optional.ofNullable(s.apparmorProfile),
        Optional.ofNullable(s.apparmorLocalhostProfile),
        strings(s.allowedBinaries));
  }

  private Port port(String name, LatticeServiceSpec.PortSpec p) {
    var spec = p == null ? new LatticeServiceSpec.PortSpec() : p;
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

  private ServiceSpec.Autoscaling autoscaling(LatticeServiceSpec.Autoscaling a, int replicas) {
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

  private ServiceSpec.DeployStrategy strategy(LatticeServiceSpec.Deploy deploy) {
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

  private static ServiceSpec.Observability observability(LatticeServiceSpec.Observability o) {
    if (o == null || o.metrics == null) {
      return ServiceSpec.Observability.none();
    }
    return new ServiceSpec.Observability(o.metrics.mappings, Optional.ofNullable(o.metrics.port));
  }

  /**
   * The list with every null (an empty {@code - } item in YAML) as "", the placeholder the rules report; null
   * stays null.
   */
  private static List<String> strings(List<String> list) {
    return list == null ? null : list.stream().map(v -> v == null ? "" : v).collect(Collectors.toList());
  }

  /** The map with every null value ({@code KEY:} with nothing after it) as "". */
  private static Map<String, String> values(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v == null ? "" : v));
    return out;
  }

  private void report(Reason reason, String path, String problem, String fix) {
    // A problem under a field that is absent because it was written under another name says so.
    Optional<UnknownField> typo = unknownFields.stream().filter(u -> u.explains(path)).findFirst();
    diagnostics.add(typo.isEmpty() ? new Diagnostic(reason, path, problem, fix)
        : new Diagnostic(reason, path, problem + " " + typo.get().hint(), typo.get().renameFix() + fix));
  }
}
