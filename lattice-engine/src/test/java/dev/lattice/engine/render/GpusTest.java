package dev.lattice.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.PlatformSettings.GpuPlugin;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code type: gpu}: the device plugin's limits, the model's node selector, toleration, runtime class, /dev/shm. */
class GpusTest {
  private static final Path GOLDEN = Specs.repoRoot().resolve("lattice-engine/src/test/golden/gpu");
  private static final String GPU = "spec: {workload: {resources: {gpu: {type: gpu, params: {count: 2, memory: 20Gi, "
      + "compute: 50, model: NVIDIA-A100-SXM4-80GB}}}}}";

  private static Derivation derive(String patch, PlatformSettings settings) {
    var mapped = Specs.mapped(Specs.minimalWith(patch));
    ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
    return new Engine(settings, Authorizer.permitAll()).derive(input, Fleet.of(input));
  }

  private static PlatformSettings plugin(String value) {
    return PlatformSettings.defaults().withOverrides(Map.of("gpu.devicePlugin", value));
  }

  private static Deployment deployment(Derivation d) {
    assertThat(d).isInstanceOf(Derivation.Derived.class);
    return (Deployment) ((Derivation.Derived) d).resources().stream().filter(o -> o instanceof Deployment)
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("nvidia: nvidia.com/gpu limit, node selector for the model, toleration, runtime class, /dev/shm; "
      + "Ready with no warning, every object schema-valid")
  void nvidia() {
    PlatformSettings settings = plugin("nvidia");
    assertThat(settings.serving().gpuPlugin()).isEqualTo(GpuPlugin.nvidia);
    Derivation d = derive(GPU, settings);

    assertThat(d.diagnostics()).isEmpty();
    Golden.assertMatches(GOLDEN.resolve("nvidia.deployment.yaml"), Manifests.yaml(List.of(deployment(d))));
    for (HasMetadata object : ((Derivation.Derived) d).resources()) {
      assertThat(SchemaValidator.problems(Manifests.tree(object))).as(object.getKind()).isEmpty();
    }
  }

  @Test
  @DisplayName("volcano: volcano.sh/vgpu-number, -memory (MiB per GPU) and -cores instead of nvidia.com/gpu")
  void volcano() {
    PlatformSettings settings = plugin("volcano");
    assertThat(settings.serving().gpuPlugin()).isEqualTo(GpuPlugin.volcano);
    Derivation d = derive(GPU, settings);

    assertThat(d.diagnostics()).isEmpty();
    Golden.assertMatches(GOLDEN.resolve("volcano.deployment.yaml"), Manifests.yaml(List.of(deployment(d))));
    var limits = deployment(d).getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits();
    assertThat(limits).doesNotContainKey("nvidia.com/gpu");
    assertThat(limits.get("volcano.sh/vgpu-memory").toString()).isEqualTo("20480");
    for (HasMetadata object : ((Derivation.Derived) d).resources()) {
      assertThat(SchemaValidator.problems(Manifests.tree(object))).as(object.getKind()).isEmpty();
    }
  }

  @Test
  @DisplayName("no model: no node selector; the toleration, runtime class and /dev/shm stay")
  void anyModel() {
    var pod = deployment(derive("spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1}}}}}",
        PlatformSettings.defaults())).getSpec().getTemplate().getSpec();

    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
      assertThat(t.getOperator()).isEqualTo("Exists");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo("dshm");
      assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory");
    });
    assertThat(pod.getContainers().get(0).getResources().getLimits().get("nvidia.com/gpu").toString())
        .isEqualTo("1");
  }

  @Test
  @DisplayName("two gpu resources add up their counts; the first model by resource name wins")
  void countsAddUp() {
    var pod = deployment(derive("spec: {workload: {resources: {a: {type: gpu, params: {count: 1, model: A10}}, "
        + "b: {type: gpu, params: {count: 3, model: L4}}}}}", PlatformSettings.defaults()))
        .getSpec().getTemplate().getSpec();

    assertThat(pod.getContainers().get(0).getResources().getLimits().get("nvidia.com/gpu").toString())
        .isEqualTo("4");
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.product", "A10"));
  }

  @Test
  @DisplayName("a service without gpu resources gets none of it")
  void noGpu() {
    var pod = deployment(derive("{}", PlatformSettings.defaults())).getSpec().getTemplate().getSpec();

    assertThat(pod.getRuntimeClassName()).isNull();
    assertThat(pod.getTolerations()).isNullOrEmpty();
    assertThat(pod.getVolumes()).noneSatisfy(v -> assertThat(v.getName()).isEqualTo("dshm"));
  }

  @Test
  @DisplayName("a bad count fails the service (no more silent Ready without a GPU)")
  void badCountFails() {
    Derivation d = derive("spec: {workload: {resources: {gpu: {type: gpu, params: {count: \"two\"}}}}}",
        PlatformSettings.defaults());

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.diagnostics()).extracting(Diagnostic::reason).containsExactly(Reason.GpuCountMissing);
  }
}
