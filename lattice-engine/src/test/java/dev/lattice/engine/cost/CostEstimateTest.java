package dev.lattice.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.CostSettings;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.Specs;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cost estimates from the platform's rate table, with exact figures (730 hours a month, cents rounded half up). */
class CostEstimateTest {
  private static final CostSettings RATES = PlatformSettings.defaults().withOverrides(Map.of(
      "cost.currency", "EUR", "cost.cpuCoreHour", "0.04", "cost.memoryGiBHour", "0.005", "cost.gpuHour", "2.50",
      "cost.gpuHour.NVIDIA-A100-SXM4-80GB", "3.10")).cost();

  private static ServiceSpec spec(String patch) {
    return Specs.mapped(Specs.minimalWith(patch)).intent().spec();
  }

  @Test
  @DisplayName("requests x replicas: 3 x (500m cpu, 256Mi) is 0.06375 an hour, 46.54 EUR a month")
  void replicas() {
    CostEstimate estimate = CostEstimate.of(spec("spec: {replicas: 3}"), RATES).orElseThrow();

    assertThat(estimate.monthlyCents()).isEqualTo(4654);
    assertThat(estimate.text()).isEqualTo("46.54 EUR/month");
  }

  @Test
  @DisplayName("autoscaled services cost what they may come to: autoscaling.max (10), 155.125 rounded half up")
  void autoscaledAtMax() {
    CostEstimate estimate = CostEstimate.of(spec(
        "spec: {autoscaling: {max: 10, metrics: [{metric: cpu, target: 70}]}}"), RATES).orElseThrow();

    assertThat(estimate.monthlyCents()).isEqualTo(15513);
  }

  @Test
  @DisplayName("GPUs at the model's price when the table names it, else at cost.gpuHour")
  void gpus() {
    CostEstimate named = CostEstimate.of(spec("spec: {workload: {resources: {gpu: {type: gpu, params: {count: 2,"
        + " model: NVIDIA-A100-SXM4-80GB}}}}}"), RATES).orElseThrow();
    CostEstimate other = CostEstimate.of(spec("spec: {workload: {resources: {gpu: {type: gpu, params: {count: 2,"
        + " model: NVIDIA-L4}}}}}"), RATES).orElseThrow();

    assertThat(named.monthlyCents()).isEqualTo(454151);
    assertThat(named.text()).isEqualTo("4541.51 EUR/month");
    assertThat(other.monthlyCents()).isEqualTo(366551);
  }

  @Test
  @DisplayName("no rate table, no estimate; a price that is not a decimal is ignored, a partial table prices what"
      + " it names")
  void noTable() {
    assertThat(CostEstimate.of(spec("spec: {replicas: 3}"), CostSettings.defaults())).isEmpty();
    CostSettings bad = PlatformSettings.defaults().withOverrides(Map.of("cost.cpuCoreHour", "cheap")).cost();
    assertThat(bad.hasTable()).isFalse();
    CostSettings cpuOnly = PlatformSettings.defaults().withOverrides(Map.of("cost.cpuCoreHour", "0.04")).cost();
    assertThat(CostEstimate.of(spec("spec: {replicas: 3}"), cpuOnly)).isEqualTo(Optional.of(
        new CostEstimate(4380, "")));
    assertThat(new CostEstimate(4380, "").text()).isEqualTo("43.80/month");
  }
}
