package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
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
    var gpu = dev.lattice.engine.params.GpuParams.of(spec);
    for (Container c : spec.containers().values()) {
      var container = container(context, c, configs.get(c.name()), c.name().equals(portsOwner), volumes);
      if (gpu.isPresent() && c.name().equals(portsOwner)) {
        // The GPUs go to the container that serves: main, or else the first container by name.
        var requirements = container.getResources();
        Map<String, Quantity> limits = requirements.getLimits() == null ? new LinkedHashMap<>()
            : new LinkedHashMap<>(requirements.getLimits());
        limits.putAll(Gpus.limits(gpu.get(), context.settings().serving().gpuPlugin()));
        requirements.setLimits(limits);
        if (container.getVolumeMounts().stream().noneMatch(m -> m.getMountPath().equals("/dev/shm"))) {
          List<VolumeMount> mounts = new ArrayList<>(container.getVolumeMounts());
          mounts.add(Gpus.shmMount());
          mounts.sort(java.util.Comparator.comparing(VolumeMount::getMountPath));
          container.setVolumeMounts(mounts);
          volumes.putIfAbsent(Gpus.SHM_VOLUME, Gpus.shmVolume());
        }
      }
      containers.add(container);
    }
    for (Container c : spec.sidecars().values()) {
      (c.init() ? initContainers : containers).add(container(context, c, configs.get(c.name()), false, volumes));
    }
    boolean anyRoot = spec.containers().values().stream().anyMatch(c -> SecurityContexts.runsAsRoot(c.security()))
        || spec.sidecars().values().stream().anyMatch(c -> SecurityContexts.runsAsRoot(c.security()));

    // Built with constructors and setters, not fabric8's builders: a nested builder deep-copies every object handed
    // to it, and that copying was most of a derivation's cost (see BENCHMARKS.md).
    PodSecurityContext podSecurity = new PodSecurityContext();
    podSecurity.setRunAsNonRoot(!anyRoot);
    podSecurity.setFsGroup(anyRoot ? 0L : 65534L);
    podSecurity.setFsGroupChangePolicy("OnRootMismatch");
    podSecurity.setSeccompProfile(seccomp("RuntimeDefault", null));
    List<Sysctl> sysctls = new ArrayList<>();
    spec.pod().sysctls().forEach((name, value) -> {
      Sysctl sysctl = new Sysctl();
      sysctl.setName(name);
      sysctl.setValue(value);
      sysctls.add(sysctl);
    });
    podSecurity.setSysctls(sysctls);

    TopologySpreadConstraint spread = new TopologySpreadConstraint();
    spread.setMaxSkew(1);
    spread.setTopologyKey(context.settings().topologyKey());
    spread.setWhenUnsatisfiable("ScheduleAnyway");
    spread.setLabelSelector(selector(context));

    PodSpec pod = new PodSpec();
    pod.setServiceAccountName(context.name());
    pod.setAutomountServiceAccountToken(spec.pod().automountServiceAccountToken());
    pod.setInitContainers(initContainers);
    pod.setContainers(containers);
    pod.setVolumes(new ArrayList<>(volumes.values()));
    pod.setSecurityContext(podSecurity);
    pod.setTopologySpreadConstraints(new ArrayList<>(List.of(spread)));
    if (!spec.pod().imagePullSecrets().isEmpty()) {
      pod.setImagePullSecrets(ImagePulls.references(context));
    }
    gpu.ifPresent(g -> Gpus.schedule(pod, g));
    if (spec.pod().hostNetwork()) {
      pod.setHostNetwork(true);
    }
    if (spec.pod().shareProcessNamespace()) {
      pod.setShareProcessNamespace(true);
    }

    ObjectMeta podMeta = new ObjectMeta();
    podMeta.setLabels(Meta.podLabels(context));
    if (dev.lattice.engine.authorize.AccessRequests.skipsVerification(context)) {
      // Derived only when Cedar permitted SkipImageVerification: the admission policy leaves these pods out.
      podMeta.getLabels().put(dev.lattice.engine.providers.ImageProviderObjects.SKIP_LABEL, "true");
    }
    podMeta.setAnnotations(new LinkedHashMap<>(Map.of(Meta.CONFIG_HASH, configHash)));
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(podMeta);
    template.setSpec(pod);

    boolean canary = spec.strategy() == ServiceSpec.DeployStrategy.CANARY;
    RollingUpdateDeployment rolling = new RollingUpdateDeployment();
    // Canary: bring a full new set up before any old pod goes away.
    rolling.setMaxSurge(new IntOrString(canary ? "100%" : "25%"));
    rolling.setMaxUnavailable(canary ? new IntOrString(0) : new IntOrString("25%"));
    DeploymentStrategy strategy = new DeploymentStrategy();
    strategy.setType("RollingUpdate");
    strategy.setRollingUpdate(rolling);

    DeploymentSpec deploymentSpec = new DeploymentSpec();
    // With an autoscaler the replica count belongs to it; writing it here would fight every scale-up.
    deploymentSpec.setReplicas(spec.autoscaling().isPresent() ? null : spec.replicas());
    deploymentSpec.setSelector(selector(context));
    deploymentSpec.setStrategy(strategy);
    deploymentSpec.setTemplate(template);

    Deployment deployment = new Deployment();
    deployment.setMetadata(Meta.of(context, context.name()));
    deployment.setSpec(deploymentSpec);
    return deployment;
  }

  private static LabelSelector selector(ServiceContext context) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(new LinkedHashMap<>(Meta.selector(context)));
    return selector;
  }

  static SeccompProfile seccomp(String type, String localhostProfile) {
    SeccompProfile profile = new SeccompProfile();
    profile.setType(type);
    profile.setLocalhostProfile(localhostProfile);
    return profile;
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
      Volume volume = new Volume();
      volume.setName(tmp);
      volume.setEmptyDir(new EmptyDirVolumeSource());
      volumes.putIfAbsent(tmp, volume);
      VolumeMount mount = new VolumeMount();
      mount.setName(tmp);
      mount.setMountPath("/tmp");
      mounts.add(mount);
    }
    mounts.sort(java.util.Comparator.comparing(VolumeMount::getMountPath));

    var container = new io.fabric8.kubernetes.api.model.Container();
    container.setName(c.name());
    container.setImage(c.image());
    container.setImagePullPolicy(pullPolicy(c.image()));
    container.setCommand(c.command().isEmpty() ? null : new ArrayList<>(c.command()));
    container.setArgs(c.args().isEmpty() ? null : new ArrayList<>(c.args()));
    container.setWorkingDir(c.workingDir().orElse(null));
    container.setEnv(sortedEnv(config.env()));
    container.setEnvFrom(config.envFrom().isEmpty() ? null : new ArrayList<>(config.envFrom()));
    container.setResources(resources(c.resources()));
    container.setVolumeMounts(mounts);
    container.setSecurityContext(SecurityContexts.of(c.security()));
    if (ownsPorts) {
      List<ContainerPort> ports = new ArrayList<>();
      for (var p : spec.ports().values()) {
        ContainerPort port = new ContainerPort();
        port.setName(p.name());
        port.setContainerPort(p.targetPort());
        port.setProtocol(p.protocol().name());
        ports.add(port);
      }
      container.setPorts(ports);
    }
    c.livenessProbe().ifPresent(p -> container.setLivenessProbe(probe(spec, p)));
    c.readinessProbe().ifPresent(p -> container.setReadinessProbe(probe(spec, p)));
    c.startupProbe().ifPresent(p -> container.setStartupProbe(probe(spec, p)));
    return container;
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
    var requirements = new io.fabric8.kubernetes.api.model.ResourceRequirements();
    requirements.setRequests(requests.isEmpty() ? null : requests);
    requirements.setLimits(limits.isEmpty() ? null : limits);
    return requirements;
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
