package dev.lattice.api.v1alpha1;

import dev.lattice.api.model.Container;
import dev.lattice.api.status.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Maps containers and sidecars (the same shape in every served version) onto the model. */
final class ContainerMapper {
  /** Where a mapping problem goes: the spec mapper, which puts it at the path the user wrote. */
  interface Reporter {
    void report(Reason reason, String path, String problem, String fix);
  }

  private final Reporter reporter;

  ContainerMapper(Reporter reporter) {
    this.reporter = reporter;
  }

  Container container(String path, String name, ContainerSpec c, boolean sidecar, boolean init) {
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
        Optional.ofNullable(c.livenessProbe).map(ContainerMapper::probe),
        Optional.ofNullable(c.readinessProbe).map(ContainerMapper::probe),
        Optional.ofNullable(c.startupProbe).map(ContainerMapper::probe),
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
              reporter.report(
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
        Optional.ofNullable(s.dropCapabilities).map(ContainerMapper::strings),
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


  /**
   * The list with every null (an empty {@code - } item in YAML) as "", the placeholder the rules report; null
   * stays null.
   */
  static List<String> strings(List<String> list) {
    return list == null ? null : list.stream().map(v -> v == null ? "" : v).collect(Collectors.toList());
  }

  /** The map with every null value ({@code KEY:} with nothing after it) as "". */
  static Map<String, String> values(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v == null ? "" : v));
    return out;
  }
}
