package dev.lattice.cli;

import static dev.lattice.cli.ClusterAsserts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.testkit.cluster.LocalCluster;
import dev.lattice.testkit.cluster.RealCluster;
import dev.lattice.testkit.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code type: gpu} on the real API server (issue 17): the operator applies a Deployment the API server accepts with
 * the GPU limits, the model's node selector, the toleration, the runtime class and the memory-backed /dev/shm; a
 * model a CedarPolicy forbids fails the service with {@code GpuModelForbidden} in its status and applies nothing.
 */
@RealCluster
class GpuIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE =
      "ghcr.io/acme/trainer:1.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static RunningOperator operator;

  @BeforeAll
  static void startOperator(LocalCluster cluster) throws Exception {
    RunningOperator.preparePlatform(cluster);
    operator = RunningOperator.start(cluster, "gpu-it");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aGpuServiceGetsItsLimitsNodeSelectorTolerationRuntimeClassAndShm(LocalCluster cluster,
      TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    apply(cluster, ns, "trainer", "NVIDIA-A100-SXM4-80GB");

    await("trainer's Deployment is applied", WAIT, () -> deployment(cluster, ns, "trainer") != null);
    await("trainer is Ready", WAIT, () -> "Ready".equals(phase(cluster, ns, "trainer")));
    Deployment deployment = deployment(cluster, ns, "trainer");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    var main = pod.getContainers().stream().filter(c -> c.getName().equals("main")).findFirst().orElseThrow();
    assertThat(main.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("2");
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB");
    assertThat(pod.getTolerations()).extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
        .contains(org.assertj.core.groups.Tuple.tuple("nvidia.com/gpu", "Exists", "NoSchedule"));
    assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
    var shm = pod.getVolumes().stream().filter(v -> v.getName().equals("dshm")).findFirst().orElseThrow();
    assertThat(shm.getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(main.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getName()).isEqualTo("dshm");
      assertThat(m.getMountPath()).isEqualTo("/dev/shm");
    });
  }

  @Test
  void aForbiddenModelFailsTheServiceWithGpuModelForbidden(LocalCluster cluster, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    Path policy = Files.createTempFile(Path.of("target").toAbsolutePath(), "gpu-policy", ".yaml");
    Files.writeString(policy, """
        apiVersion: lattice.dev/v1alpha1
        kind: CedarPolicy
        metadata: {name: gpu-it-%s, namespace: lattice-system}
        spec:
          policies: |
            forbid(principal, action == Lattice::Action::"UseGpu", resource)
              when { principal.namespace == "%s" && resource.model like "*H100*" };
        """.formatted(ns, ns));
    cluster.kubectl("apply", "-f", policy.toString()).assertOk();
    try {
      // The policy first, then the spec: the operator judges the spec with the forbid already in its cache.
      Thread.sleep(2000);
      apply(cluster, ns, "big", "NVIDIA-H100-80GB-HBM3");

      await("big is Failed", WAIT, () -> "Failed".equals(phase(cluster, ns, "big")));
      Condition authorized = condition(cluster, ns, "big", "PolicyAuthorized").orElseThrow();
      assertThat(authorized.getStatus()).isEqualTo("False");
      assertThat(authorized.getReason()).isEqualTo("GpuModelForbidden");
      // The operator reads the stored version (lattice.dev/v1), so the path is v1's spec.resources.
      assertThat(authorized.getMessage()).startsWith("Cedar denied 1 of 2 access requests:\n"
          + "spec.resources.gpu.params.model: Service " + ns + "/big is not permitted to use 2 GPUs of the model "
          + "NVIDIA-H100-80GB-HBM3 (Cedar: principal Lattice::Service::\"" + ns + "/big\", action "
          + "Lattice::Action::\"UseGpu\", resource Lattice::GpuModel::\"NVIDIA-H100-80GB-HBM3\"): denied by "
          + "CedarPolicy gpu-it-" + ns + ", statement 1 (line 1)");
      assertThat(deployment(cluster, ns, "big")).as("a denied service applies nothing").isNull();
    } finally {
      cluster.kubectl("delete", "--ignore-not-found", "-f", policy.toString()).assertOk();
    }
  }

  private static Deployment deployment(LocalCluster cluster, String ns, String name) {
    return cluster.client().apps().deployments().inNamespace(ns).withName(name).get();
  }

  private static LatticeService service(LocalCluster cluster, String ns, String name) {
    return cluster.client().resources(LatticeService.class).inNamespace(ns).withName(name).get();
  }

  private static String phase(LocalCluster cluster, String ns, String name) {
    LatticeService s = service(cluster, ns, name);
    return s == null || s.getStatus() == null ? null : s.getStatus().phase;
  }

  private static Optional<Condition> condition(LocalCluster cluster, String ns, String name, String type) {
    LatticeService s = service(cluster, ns, name);
    if (s == null || s.getStatus() == null || s.getStatus().conditions == null) {
      return Optional.empty();
    }
    return s.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** kubectl apply of a service asking for two GPUs of {@code model}. */
  private static void apply(LocalCluster cluster, String ns, String name, String model) throws Exception {
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), name, ".yaml");
    Files.writeString(file, """
        apiVersion: lattice.dev/v1alpha1
        kind: LatticeService
        metadata:
          name: %s
          namespace: %s
        spec:
          workload:
            containers:
              main:
                image: %s
                command: ["/app/train"]
                resources:
                  limits: {cpu: "2", memory: 8Gi}
            resources:
              gpu: {type: gpu, params: {count: 2, memory: 20Gi, model: %s}}
        """.formatted(name, ns, IMAGE, model));
    cluster.kubectl("apply", "-f", file.toString()).assertOk();
  }
}
