package dev.lattice.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;

/**
 * A container or sidecar.
 *
 * @param sidecar true for entries of {@code spec.sidecars} (their variables are literal, never templated)
 * @param init true for init sidecars
 */
public record Container(
    String name,
    boolean sidecar,
    boolean init,
    String image,
    List<String> command,
    List<String> args,
    Optional<String> workingDir,
    Map<String, String> variables,
    Compute resources,
    Map<String, FileSpec> files,
    Map<String, VolumeMount> volumes,
    Optional<Probe> livenessProbe,
    Optional<Probe> readinessProbe,
    Optional<Probe> startupProbe,
    List<String> envFrom,
    Security security) {
  public Container {
    Objects.requireNonNull(name, "name");
    image = image == null ? "" : image;
    command = Sorted.list(command);
    args = Sorted.list(args);
    Objects.requireNonNull(workingDir, "workingDir");
    variables = Sorted.map(variables);
    Objects.requireNonNull(resources, "resources");
    files = Sorted.map(files);
    volumes = Sorted.map(volumes);
    Objects.requireNonNull(livenessProbe, "livenessProbe");
    Objects.requireNonNull(readinessProbe, "readinessProbe");
    Objects.requireNonNull(startupProbe, "startupProbe");
    envFrom = Sorted.list(envFrom);
    Objects.requireNonNull(security, "security");
  }

  /** Requests and limits as written; {@code limitsDeclared} is false when {@code resources.limits} is absent. */
  public record Compute(
      Optional<String> requestCpu,
      Optional<String> requestMemory,
      Optional<String> limitCpu,
      Optional<String> limitMemory,
      boolean limitsDeclared) {
    public static Compute none() {
      return new Compute(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
  }

  public record FileSpec(
      Optional<String> content,
      Optional<String> binaryContent,
      Optional<String> source,
      Optional<String> mode,
      boolean noExpand,
      boolean reverseExpand) {}

  public record VolumeMount(
      Optional<String> source,
      Optional<String> path,
      boolean readOnly,
      Optional<String> medium,
      Optional<String> sizeLimit) {}

  /** A probe: exactly one of {@code httpGet} or {@code exec} is expected. */
  public record Probe(
      Optional<HttpGet> httpGet,
      Optional<List<String>> exec,
      Optional<Integer> initialDelaySeconds,
      Optional<Integer> periodSeconds,
      Optional<Integer> timeoutSeconds,
      Optional<Integer> successThreshold,
      Optional<Integer> failureThreshold) {}

  /** {@code port} is a number or the name of a service port, as written. */
  public record HttpGet(
      String path, String port, Optional<String> scheme, Optional<String> host, Map<String, String> headers) {
    public HttpGet {
      headers = Sorted.map(headers);
    }
  }

  /** Security settings as written; the renderer applies the hardened defaults to what is absent. */
  public record Security(
      List<String> capabilities,
      Optional<List<String>> dropCapabilities,
      Optional<Boolean> privileged,
      Optional<Boolean> readOnlyRootFilesystem,
      Optional<Boolean> runAsNonRoot,
      Optional<Long> runAsUser,
      Optional<Long> runAsGroup,
      Optional<Boolean> allowPrivilegeEscalation,
      Optional<String> seccompProfile,
      Optional<String> seccompLocalhostProfile,
      Optional<String> apparmorProfile,
      Optional<String> apparmorLocalhostProfile,
      List<String> allowedBinaries) {
    public Security {
      capabilities = Sorted.list(capabilities);
      allowedBinaries = Sorted.list(allowedBinaries);
    }

    public static Security defaults() {
      return new Security(
          List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), List.of());
    }
  }
}
