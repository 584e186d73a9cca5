package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SysctlBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Deployment: hardened pod, the rollout strategy, and a config hash so config changes roll the pods. */
public final class Deployments {
  private Deployments() {}

  /**
   * @param configs each container's rendered configuration, by container name (sidecars included)
   * @param configHash digest of every ConfigMap and ExternalSecret the pods read
   */
  public static Deployment of(ServiceContext context, Map<String, ContainerConfig> configs, String configHash) {
    ServiceSpec spec = context.intent().spec();
    List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>();
    List<io.fabric8.kubernetes.api.model.Container> initContainers = new ArrayList<>();
    Map<String, Volume> volumes = new LinkedHashMap<>();
    String portsOwner = portsOwner(spec);
    for (Container c : spec.containers().values()) {
      containers.add(container(context, c, configs.get(c.name()), c.name().equals(portsOwner), volumes));
    }
    for (Container c : spec.sidecars().values()) {
      (c.init() ? initContainers : containers).add(container(context, c, configs.get(c.name()), false, volumes));
    }
    boolean anyRoot = spec.containers().values().stream().anyMatch(c -> SecurityContexts.runsAsRoot(c.security()))
        || spec.sidecars().values().stream().anyMatch(c -> SecurityContexts.runsAsRoot(c.security()));

    var pod =
        new PodSpecBuilder()
            .withServiceAccountName(context.name())
            .withAutomountServiceAccountToken(spec.pod().automountServiceAccountToken())
            .withInitContainers(initContainers)
            .withContainers(containers)
            .withVolumes(new ArrayList<>(volumes.values()))
            .withNewSecurityContext()
            .withRunAsNonRoot(!anyRoot)
            .withFsGroup(anyRoot ? 0L : 65534L)
            .withFsGroupChangePolicy("OnRootMismatch")
            .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
            .withSysctls(
                spec.pod().sysctls().entrySet().stream()
                    .map(e -> new SysctlBuilder().withName(e.getKey()).withValue(e.getValue()).build())
                    .toList())
            .endSecurityContext()
            .withTopologySpreadConstraints(
                new TopologySpreadConstraintBuilder()
                    .withMaxSkew(1)
                    .withTopologyKey(context.settings().topologyKey())
                    .withWhenUnsatisfiable("ScheduleAnyway")
                    .withNewLabelSelector().withMatchLabels(Meta.selector(context)).endLabelSelector()
                    .build());
    if (spec.pod().hostNetwork()) {
      pod.withHostNetwork(true);
    }
    if (spec.pod().shareProcessNamespace()) {
      pod.withShareProcessNamespace(true);
    }

    boolean canary = spec.strategy() == ServiceSpec.DeployStrategy.CANARY;
    return new DeploymentBuilder()
        .withMetadata(Meta.of(context, context.name()))
        .withNewSpec()
        // With an autoscaler the replica count belongs to it; writing it here would fight every scale-up.
        .withReplicas(spec.autoscaling().isPresent() ? null : spec.replicas())
        .withNewSelector().withMatchLabels(Meta.selector(context)).endSelector()
        .withStrategy(
            new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                // Canary: bring a full new set up before any old pod goes away.
                .withMaxSurge(new IntOrString(canary ? "100%" : "25%"))
                .withMaxUnavailable(canary ? new IntOrString(0) : new IntOrString("25%"))
                .endRollingUpdate()
                .build())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Meta.podLabels(context))
        .withAnnotations(Map.of(Meta.CONFIG_HASH, configHash))
        .endMetadata()
        .withSpec(pod.build())
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Service ports are declared on the container named main, or else on the first container by name. */
  private static String portsOwner(ServiceSpec spec) {
    return spec.containers().containsKey("main")
        ? "main"
        : spec.containers().keySet().stream().findFirst().orElse("");
  }

  private static io.fabric8.kubernetes.api.model.Container container(
      ServiceContext context, Container c, ContainerConfig config, boolean ownsPorts, Map<String, Volume> volumes) {
    ServiceSpec spec = context.intent().spec();
    List<VolumeMount> mounts = new ArrayList<>(config.mounts());
    config.volumes().forEach(v -> volumes.putIfAbsent(v.getName(), v));
    // A read-only root filesystem breaks most programs that write a temp file; give them a private /tmp.
    if (SecurityContexts.readOnlyRoot(c.security())
        && mounts.stream().noneMatch(m -> m.getMountPath().equals("/tmp"))) {
      String tmp = VolumeNames.of(c.name() + "-tmp");
      volumes.putIfAbsent(tmp, new VolumeBuilder().withName(tmp).withNewEmptyDir().endEmptyDir().build());
      mounts.add(new VolumeMountBuilder().withName(tmp).withMountPath("/tmp").build());
    }
    mounts.sort(java.util.Comparator.comparing(VolumeMount::getMountPath));

    var builder =
        new ContainerBuilder()
            .withName(c.name())
            .withImage(c.image())
            .withImagePullPolicy(pullPolicy(c.image()))
            .withCommand(c.command().isEmpty() ? null : c.command())
            .withArgs(c.args().isEmpty() ? null : c.args())
            .withWorkingDir(c.workingDir().orElse(null))
            .withEnv(sortedEnv(config.env()))
            .withEnvFrom(config.envFrom().isEmpty() ? null : List.copyOf(config.envFrom()))
            .withResources(resources(c.resources()))
            .withVolumeMounts(mounts)
            .withSecurityContext(SecurityContexts.of(c.security()));
    if (ownsPorts) {
      spec.ports().values().forEach(
          p -> builder.addToPorts(
              new ContainerPortBuilder().withName(p.name()).withContainerPort(p.targetPort())
                  .withProtocol(p.protocol().name()).build()));
    }
    c.livenessProbe().ifPresent(p -> builder.withLivenessProbe(probe(spec, p)));
    c.readinessProbe().ifPresent(p -> builder.withReadinessProbe(probe(spec, p)));
    c.startupProbe().ifPresent(p -> builder.withStartupProbe(probe(spec, p)));
    return builder.build();
  }

  private static List<EnvVar> sortedEnv(List<EnvVar> env) {
    List<EnvVar> sorted = new ArrayList<>(env);
    sorted.sort(java.util.Comparator.comparing(EnvVar::getName));
    return sorted.isEmpty() ? null : sorted;
  }

  /** Mutable tags are re-pulled; pinned ones are not. */
  static String pullPolicy(String image) {
    if (image.contains("@sha256:")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    String last = image.substring(slash + 1);
    return !last.contains(":") || last.endsWith(":latest") ? "Always" : "IfNotPresent";
  }

  private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(Container.Compute r) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    r.requestCpu().ifPresent(v -> requests.put("cpu", new Quantity(v)));
    r.requestMemory().ifPresent(v -> requests.put("memory", new Quantity(v)));
    Map<String, Quantity> limits = new LinkedHashMap<>();
    r.limitCpu().ifPresent(v -> limits.put("cpu", new Quantity(v)));
    r.limitMemory().ifPresent(v -> limits.put("memory", new Quantity(v)));
    return new ResourceRequirementsBuilder()
        .withRequests(requests.isEmpty() ? null : requests)
        .withLimits(limits.isEmpty() ? null : limits)
        .build();
  }

  private static Probe probe(ServiceSpec spec, Container.Probe p) {
    var builder = new ProbeBuilder();
    p.httpGet().ifPresent(
        http -> {
          String port = http.port();
          int number = port.chars().allMatch(Character::isDigit) && !port.isEmpty() ? Integer.parseInt(port)
              : spec.ports().get(port).targetPort();
          var get = builder.withNewHttpGet().withPath(http.path()).withPort(new IntOrString(number));
          http.scheme().ifPresent(get::withScheme);
          http.host().ifPresent(get::withHost);
          http.headers().forEach((name, value) -> get.addNewHttpHeader(name, value));
          get.endHttpGet();
        });
    p.exec().ifPresent(command -> builder.withNewExec().withCommand(command).endExec());
    p.initialDelaySeconds().ifPresent(builder::withInitialDelaySeconds);
    p.periodSeconds().ifPresent(builder::withPeriodSeconds);
    p.timeoutSeconds().ifPresent(builder::withTimeoutSeconds);
    p.successThreshold().ifPresent(builder::withSuccessThreshold);
    p.failureThreshold().ifPresent(builder::withFailureThreshold);
    return builder.build();
  }
}
