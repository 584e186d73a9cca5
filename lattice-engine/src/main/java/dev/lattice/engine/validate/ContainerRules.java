package dev.lattice.engine.validate;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.status.Suggestions;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.render.FileKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Rules on each container and sidecar. */
final class ContainerRules {
  private static final String FORBIDDEN_IMAGE_CHARS = "`|;&$><(){}";
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");
  private static final List<String> PROFILES = List.of("RuntimeDefault", "Unconfined", "Localhost");

  private ContainerRules() {}

  static void check(ServiceContext context, Problems problems) {
    ServiceSpec spec = context.intent().spec();
    if (spec.workloadDeclared() && spec.containers().isEmpty()) {
      problems.add(
          Reason.NoContainers,
          "spec.workload.containers",
          "the workload has no containers.",
          "add at least one, e.g. containers: {main: {image: ..., command: [...], resources: {limits: {cpu: "
              + "500m, memory: 256Mi}}}}.");
    }
    spec.containers().values().forEach(c -> container(context, c, "spec.workload.containers." + c.name(), problems));
    spec.sidecars().values().forEach(c -> container(context, c, "spec.sidecars." + c.name(), problems));
    // Containers and sidecars share one pod, where every container needs its own name.
    spec.sidecars().keySet().stream()
        .filter(spec.containers()::containsKey)
        .forEach(
            name -> problems.add(
                Reason.DuplicateContainerName, "spec.sidecars." + name,
                "sidecar '" + name + "' has the same name as container spec.workload.containers." + name
                    + "; both run in one pod, where container names must be unique.",
                "rename the sidecar, e.g. " + name + "-sidecar."));
  }

  private static void container(ServiceContext context, Container c, String path, Problems problems) {
    if (!Names.isDnsLabel(c.name())) {
      String kind = c.sidecar() ? "sidecar" : "container";
      problems.add(
          Reason.InvalidName, path, kind + " name '" + c.name() + "' is not a DNS label.",
          "use " + Names.DNS_LABEL_RULE + ", e.g. " + Names.labelLike(c.name(), 63, "main") + ".");
    }
    // lattice.dev/v1 has no image '.'; its reader reports it with the choice to make.
    if (!(c.image().equals(".") && context.intent().apiVersion().equals(ApiVersion.V1.apiVersion()))) {
      image(c, path, problems);
    }
    compute(c, path, problems);
    if (!c.command().isEmpty() && !c.command().get(0).startsWith("/")) {
      problems.add(
          Reason.CommandNotAbsolute,
          path + ".command[0]",
          "'" + c.command().get(0) + "' is not an absolute path; the platform allows binaries by path.",
          "write the binary's absolute path, e.g. /app/server or /bin/sh.");
    }
    if (c.init() && c.command().isEmpty()) {
      problems.add(
          Reason.InitSidecarWithoutCommand,
          path + ".command",
          "init sidecar '" + c.name() + "' has no command, so it is unclear what it runs before the service.",
          "give it a command with an absolute path, e.g. command: [\"/bin/migrate\"].");
    }
    c.variables().keySet().stream()
        .filter(name -> !Names.isEnvName(name))
        .forEach(
            name ->
                problems.add(
                    Reason.InvalidVariableName,
                    path + ".variables." + name,
                    "'" + name + "' is not a valid environment variable name; Kubernetes would drop it.",
                    "use letters, digits, '_', '-' and '.', not starting with a digit, e.g. DATABASE_URL."));
    files(c, path, problems);
    volumes(context, c, path, problems);
    probe(context.intent().spec(), c.livenessProbe(), path + ".livenessProbe", problems);
    probe(context.intent().spec(), c.readinessProbe(), path + ".readinessProbe", problems);
    probe(context.intent().spec(), c.startupProbe(), path + ".startupProbe", problems);
    if (c.init()) {
      // Kubernetes rejects probes on init containers: they run to completion and are never "ready".
      Map<String, Optional<Container.Probe>> probes = new LinkedHashMap<>();
      probes.put("livenessProbe", c.livenessProbe());
      probes.put("readinessProbe", c.readinessProbe());
      probes.put("startupProbe", c.startupProbe());
      probes.forEach(
          (field, probe) -> probe.ifPresent(
              p -> problems.add(
                  Reason.InvalidProbe, path + "." + field,
                  "init sidecar '" + c.name() + "' has a " + field + "; init containers run to completion and "
                      + "cannot be probed.",
                  "remove " + field + ", or drop init: true if the sidecar should run beside the service.")));
    }
    for (int i = 0; i < c.envFrom().size(); i++) {
      String name = c.envFrom().get(i);
      Resource resource = context.intent().spec().resources().get(name);
      if (resource == null || resource.type() != Resource.Type.SECRET) {
        problems.add(
            Reason.EnvFromNotASecret,
            path + ".envFrom[" + i + "]",
            "'" + name + "' is not a secret resource of this service"
                + (resource != null ? " (it is of type " + resource.typeName() + ")."
                    : Optional.of(Suggestions.didYouMean(name, context.secrets().keySet()))
                        .filter(hint -> !hint.isEmpty()).map(hint -> "; " + hint).orElse(".")),
            "list the names of type: secret resources under spec.workload.resources.");
      }
    }
    profile(c.security().seccompProfile(), c.security().seccompLocalhostProfile(), "seccomp", path, problems);
    profile(c.security().apparmorProfile(), c.security().apparmorLocalhostProfile(), "apparmor", path, problems);
  }

  private static void image(Container c, String path, Problems problems) {
    String image = c.image();
    String problem = null;
    String fix = "set image to a registry reference, ideally pinned by digest, e.g. "
        + "ghcr.io/acme/app:1.4.2@sha256:<digest>.";
    if (image.isBlank()) {
      problem = image.isEmpty() ? "the container has no image." : "the image is blank.";
    } else if (image.equals(".")) {
      problem = "image '.' (supplied at deploy time) is not supported by this release.";
      fix = "write the image reference in the spec, e.g. ghcr.io/acme/app:1.4.2; '.' will be supported by a "
          + "later release.";
    } else if (image.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
      problem = "'" + printable(image) + "' contains whitespace or control characters, which an image reference "
          + "cannot have.";
      fix = "remove the spaces, tabs or line breaks, e.g. ghcr.io/acme/app:1.4.2.";
    } else {
      String forbidden = image.chars()
          .filter(ch -> FORBIDDEN_IMAGE_CHARS.indexOf(ch) >= 0)
          .distinct()
          .mapToObj(ch -> String.valueOf((char) ch))
          .collect(Collectors.joining(" "));
      if (!forbidden.isEmpty()) {
        problem = "'" + image + "' contains " + forbidden + ", which an image reference cannot have (none of "
            + FORBIDDEN_IMAGE_CHARS + " is allowed).";
      }
    }
    if (problem != null) {
      problems.add(Reason.InvalidImage, path + ".image", problem, fix);
    }
  }

  /** The text with control characters and non-space whitespace shown as escapes, so a message stays one line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(
        cp -> {
          if (cp == '\t') {
            out.append("\\t");
          } else if (cp == '\n') {
            out.append("\\n");
          } else if (cp == '\r') {
            out.append("\\r");
          } else if (Character.isISOControl(cp) || (Character.isWhitespace(cp) && cp != ' ')) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.appendCodePoint(cp);
          }
        });
    return out.toString();
  }

  private static void compute(Container c, String path, Problems problems) {
    Container.Compute r = c.resources();
    if (!r.limitsDeclared()) {
      problems.add(
          Reason.MissingResourceLimits,
          path + ".resources.limits",
          "container '" + c.name() + "' has no resource limits; the platform needs them to schedule and budget "
              + "it.",
          "add resources.limits, e.g. limits: {cpu: 500m, memory: 256Mi}.");
    }
    Optional<BigDecimal> requestCpu = quantity(r.requestCpu(), path + ".resources.requests.cpu", true, problems);
    Optional<BigDecimal> limitCpu = quantity(r.limitCpu(), path + ".resources.limits.cpu", true, problems);
    Optional<BigDecimal> requestMemory =
        quantity(r.requestMemory(), path + ".resources.requests.memory", false, problems);
    Optional<BigDecimal> limitMemory = quantity(r.limitMemory(), path + ".resources.limits.memory", false, problems);
    exceeds(requestCpu, limitCpu, r.requestCpu(), r.limitCpu(), path, "cpu", problems);
    exceeds(requestMemory, limitMemory, r.requestMemory(), r.limitMemory(), path, "memory", problems);
  }

  private static Optional<BigDecimal> quantity(
      Optional<String> text, String path, boolean cpu, Problems problems) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Function<String, Optional<BigDecimal>> parser = cpu ? Quantities::cpu : Quantities::memory;
    Optional<BigDecimal> value = parser.apply(text.get());
    if (value.isEmpty()) {
      problems.add(
          cpu ? Reason.InvalidCpuQuantity : Reason.InvalidMemoryQuantity,
          path,
          "'" + text.get() + "' is not a " + (cpu ? "CPU" : "memory") + " quantity.",
          cpu
              ? "write cores as 100m, 0.5 or 2."
              : "write an integer with a unit, e.g. 256Mi, 1Gi or 512M (binary units Ki, Mi, Gi are usual).");
    }
    return value;
  }

  private static void exceeds(
      Optional<BigDecimal> request,
      Optional<BigDecimal> limit,
      Optional<String> requestText,
      Optional<String> limitText,
      String path,
      String resource,
      Problems problems) {
    if (request.isPresent() && limit.isPresent() && request.get().compareTo(limit.get()) > 0) {
      problems.add(
          Reason.RequestExceedsLimit,
          path + ".resources.requests." + resource,
          "the " + resource + " request (" + requestText.get() + ") is larger than its limit (" + limitText.get()
              + "); Kubernetes rejects such pods.",
          "lower the request or raise resources.limits." + resource + ".");
    }
  }

  private static void files(Container c, String path, Problems problems) {
    Map<String, String> keys = new HashMap<>();
    c.files().forEach(
        (filePath, file) -> {
          String p = path + ".files." + filePath;
          if (!filePath.startsWith("/") || filePath.endsWith("/") || filePath.contains("//")) {
            problems.add(
                Reason.InvalidFilePath, p, "'" + filePath + "' is not an absolute file path.",
                "write the full path of the file, e.g. /etc/app/config.yaml.");
          } else if (!isConfigKey(FileKeys.key(filePath))) {
            // The file travels as a ConfigMap or Secret key named after its path.
            problems.add(
                Reason.InvalidFilePath, p,
                "'" + filePath + "' contains characters a file path of the platform cannot have (it becomes the "
                    + "key '" + FileKeys.key(filePath) + "').",
                "use letters, digits, '-', '_', '.' and '/' only, e.g. /etc/app/config.yaml.");
          }
          int sources = (file.content().isPresent() ? 1 : 0) + (file.binaryContent().isPresent() ? 1 : 0)
              + (file.source().isPresent() ? 1 : 0);
          if (sources == 0) {
            problems.add(
                Reason.FileWithoutContent, p,
                "file '" + filePath + "' has no content.",
                "set exactly one of content (text, may use ${...}), binaryContent (base64) or source.");
          } else if (sources > 1) {
            problems.add(
                Reason.ConflictingFileContent, p,
                "file '" + filePath + "' sets " + setSources(file) + "; it can only be filled from one of them.",
                "keep exactly one of content (text, may use ${...}), binaryContent (base64) or source.");
          }
          // A source file is accepted but the renderer does not fill it yet: say so instead of dropping it.
          if (file.source().isPresent() && sources == 1) {
            problems.add(
                Reason.NotYetDerived, p + ".source",
                "is accepted and kept, but this Lattice release does not fill files from a source yet, so '"
                    + filePath + "' will not exist in the container.",
                "inline the file with content (or binaryContent) until files from a source are derived.");
          }
          file.binaryContent()
              .filter(ContainerRules::notBase64)
              .ifPresent(
                  b -> problems.add(
                      Reason.InvalidBinaryContent, p + ".binaryContent", "the value is not valid base64.",
                      "encode the file with base64 (e.g. base64 -w0 file) and paste the result."));
          file.mode()
              .flatMap(ContainerRules::modeProblem)
              .ifPresent(
                  problem -> problems.add(
                      Reason.InvalidFileMode, p + ".mode", problem,
                      "quote an octal mode such as \"0644\" (owner writes, all read) or \"0600\" (owner only)."));
          String key = FileKeys.key(filePath);
          String other = keys.putIfAbsent(key, filePath);
          if (other != null) {
            problems.add(
                Reason.FilePathCollision, p,
                "'" + filePath + "' and '" + other + "' map to the same ConfigMap key '" + key + "'.",
                "rename one of the files so their paths differ after '/' becomes '-'.");
          }
        });
  }

  /** A ConfigMap or Secret key: letters, digits, '-', '_' and '.', at most 253 characters, not "." or "..". */
  static boolean isConfigKey(String key) {
    return key.length() <= 253 && CONFIG_KEY.matcher(key).matches() && !key.equals(".") && !key.equals("..");
  }

  private static boolean notBase64(String text) {
    try {
      Base64.getDecoder().decode(text.replaceAll("\\s", ""));
      return false;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static String setSources(Container.FileSpec file) {
    List<String> set = new ArrayList<>();
    file.content().ifPresent(x -> set.add("content"));
    file.binaryContent().ifPresent(x -> set.add("binaryContent"));
    file.source().ifPresent(x -> set.add("source"));
    return String.join(" and ", set);
  }

  /**
   * What is wrong with a file mode, if anything. One leading 0 is optional ({@code 0644} or {@code 644}); what
   * follows must be 3 or 4 octal digits without setuid, setgid or sticky bits and not writable by others.
   */
  static Optional<String> modeProblem(String mode) {
    String digits = mode.startsWith("0") ? mode.substring(1) : mode;
    if (digits.length() < 3 || digits.length() > 4) {
      return Optional.of("'" + mode + "' is not a file mode: write 3 or 4 octal digits.");
    }
    if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
      return Optional.of("'" + mode + "' is not an octal file mode: only the digits 0 to 7 are allowed.");
    }
    int bits = Integer.parseInt(digits, 8);
    if ((bits & 07000) != 0) {
      return Optional.of("mode '" + mode + "' sets the setuid, setgid or sticky bit, which files mounted by the "
          + "platform may not have.");
    }
    if ((bits & 0002) != 0) {
      return Optional.of("mode '" + mode + "' makes the file writable by every user (world-writable).");
    }
    return Optional.empty();
  }

  private static void volumes(ServiceContext context, Container c, String path, Problems problems) {
    c.volumes().forEach(
        (mountPath, volume) -> {
          String p = path + ".volumes." + mountPath;
          if (!mountPath.startsWith("/")) {
            problems.add(
                Reason.InvalidMountPath, p, "'" + mountPath + "' is not an absolute path.",
                "write the directory to mount at, e.g. /var/cache/app.");
          } else if (c.files().containsKey(mountPath)) {
            // Files are mounted at their own path too; Kubernetes rejects two mounts at one path.
            problems.add(
                Reason.InvalidMountPath, p, "'" + mountPath + "' is also the path of a file of this container.",
                "mount the volume at a directory of its own, e.g. /var/cache/app.");
          }
          volume.sizeLimit()
              .filter(size -> Quantities.memory(size).isEmpty())
              .ifPresent(
                  size -> problems.add(
                      Reason.InvalidVolumeSize, p + ".sizeLimit", "'" + size + "' is not a storage size.",
                      "write an integer with a unit, e.g. 512Mi or 1Gi, or remove sizeLimit."));
          volume.source().ifPresent(
              source -> {
                Optional<Resource> resource = VolumeSources.resource(context, source);
                if (resource.isEmpty() || resource.get().type() != Resource.Type.VOLUME) {
                  problems.add(
                      Reason.InvalidVolumeSource, p + ".source",
                      "'" + source + "' does not name a volume resource of this service.",
                      "write ${resources.<name>} for a type: volume resource under spec.workload.resources, or "
                          + "remove source for a scratch (emptyDir) volume.");
                }
              });
        });
  }

  private static void probe(ServiceSpec spec, Optional<Container.Probe> probe, String path, Problems problems) {
    if (probe.isEmpty()) {
      return;
    }
    Container.Probe p = probe.get();
    if (p.httpGet().isPresent() == p.exec().isPresent()) {
      problems.add(
          Reason.InvalidProbe, path,
          "a probe needs exactly one of httpGet or exec.",
          "use httpGet: {path: /healthz, port: http} or exec: {command: [\"/bin/check\"]}.");
      return;
    }
    p.exec().filter(List::isEmpty).ifPresent(
        e -> problems.add(
            Reason.InvalidProbe, path + ".exec.command", "the exec probe has no command.",
            "give it a command with an absolute path, e.g. [\"/bin/check\"]."));
    p.httpGet().ifPresent(
        http -> {
          String port = http.port();
          boolean number = port.matches("\\d+");
          // A range check on the text first, so that an absurdly long number is reported, never thrown.
          if (number ? !port.matches("0*[1-9]\\d{0,4}") || Integer.parseInt(port) > 65535
              : !spec.ports().containsKey(port)) {
            problems.add(
                Reason.ProbePortUnknown, path + ".httpGet.port",
                port.isEmpty() ? "the probe has no port."
                    : number ? port + " is not a port number from 1 to 65535."
                    : "'" + port + "' is neither a port number nor a port of spec.workload.service.ports"
                        + ServiceRules.known(spec, port),
                "set port to the container port number or to the name of a service port.");
          }
          // kubelet sends these as request headers; the API server rejects names that are not HTTP tokens.
          http.headers().keySet().stream()
              .filter(name -> !HEADER_NAME.matcher(name).matches())
              .forEach(
                  name -> problems.add(
                      Reason.InvalidProbe, path + ".httpGet.httpHeaders",
                      "'" + name + "' is not an HTTP header name.",
                      "name each header with letters, digits and !#$%&'*+-.^_`|~ only, e.g. X-Probe."));
        });
    Map<String, Optional<Integer>> timings = new LinkedHashMap<>();
    timings.put("initialDelaySeconds", p.initialDelaySeconds());
    timings.put("periodSeconds", p.periodSeconds());
    timings.put("timeoutSeconds", p.timeoutSeconds());
    timings.put("failureThreshold", p.failureThreshold());
    timings.forEach(
        (field, value) -> value.filter(v -> v < 0).ifPresent(
            v -> problems.add(
                Reason.InvalidProbe, path + "." + field, field + " is " + v + "; it cannot be negative.",
                "set " + field + " to 0 or more, or remove it to use the Kubernetes default.")));
    p.successThreshold().filter(v -> v < 1).ifPresent(
        v -> problems.add(
            Reason.InvalidProbe, path + ".successThreshold", "successThreshold is " + v + "; it must be at least 1.",
            "set successThreshold to 1 or more, or remove it to use the Kubernetes default (1)."));
  }

  private static void profile(
      Optional<String> profile, Optional<String> localhost, String kind, String path, Problems problems) {
    if (profile.isEmpty()) {
      return;
    }
    String field = path + ".security." + kind + "Profile";
    if (!PROFILES.contains(profile.get())) {
      problems.add(
          Reason.InvalidSecurityProfile, field, "'" + profile.get() + "' is not a " + kind + " profile type.",
          "use RuntimeDefault (the default), Localhost (with " + kind + "LocalhostProfile) or Unconfined.");
    } else if (profile.get().equals("Localhost") && localhost.isEmpty()) {
      problems.add(
          Reason.InvalidSecurityProfile, field, "a Localhost " + kind + " profile needs the profile's name.",
          "set security." + kind + "LocalhostProfile to the profile installed on the nodes.");
    }
  }
}
