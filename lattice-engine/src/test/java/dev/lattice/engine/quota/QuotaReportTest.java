package dev.lattice.engine.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.testkit.Specs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a LatticeQuota's status says, with exact figures, from the rule that fails services. */
class QuotaReportTest {
  private static ServiceIntent service(String name, int replicas) {
    return Specs.mapped(Specs.minimalWith("metadata: {name: " + name + ", namespace: shop}\n"
        + "spec: {replicas: " + replicas + "}")).intent();
  }

  private static Quota quota(Map<QuotaResource, BigDecimal> limits) {
    return new Quota("shop", "shop-platform@example.com", new Quota.Selector(Quota.Scope.NAMESPACE, "shop"), limits,
        Map.of());
  }

  @Test
  @DisplayName("a quota that refuses one service: used and remaining per limited resource, counted and refused")
  void exceeded() {
    Quota quota = quota(Map.of(QuotaResource.CPU, new BigDecimal("2"), QuotaResource.MEMORY,
        BigDecimal.valueOf(1024L * 1024 * 1024)));
    List<ServiceIntent> fleet = List.of(service("c", 2), service("a", 1), service("b", 2));

    QuotaReport report = QuotaReport.of(QuotaCheck.usage(quota, fleet, new TreeMap<>()));

    // a (500m) and then b (1) fit in namespace/name order; c (1) finds 500m left.
    assertThat(report.phase()).isEqualTo("Exceeded");
    assertThat(report.services()).containsExactly("shop/a", "shop/b");
    assertThat(report.refused()).containsExactly("shop/c");
    assertThat(report.used()).containsExactly(Map.entry("cpu", "1500m"), Map.entry("memory", "768Mi"),
        Map.entry("gpu", "0"), Map.entry("replicas", "3"));
    assertThat(report.remaining()).containsExactly(Map.entry("cpu", "500m"), Map.entry("memory", "256Mi"));
    assertThat(report.usage()).isEqualTo("cpu 1500m/2, memory 768Mi/1Gi");
    assertThat(report.message()).isEqualTo("2 services counted, 1 refused with QuotaExceeded (namespace shop):"
        + " shop/c. Their statuses say what each asks and what is left; the owner shop-platform@example.com can"
        + " raise the limits.");
  }

  @Test
  @DisplayName("a quota every service fits: Ready; a quota without limits says so in its usage")
  void readyAndUnlimited() {
    List<ServiceIntent> fleet = List.of(service("a", 1));

    QuotaReport ready = QuotaReport.of(QuotaCheck.usage(quota(Map.of(QuotaResource.REPLICAS, BigDecimal.TEN)),
        fleet, new TreeMap<>()));
    QuotaReport unlimited = QuotaReport.of(QuotaCheck.usage(quota(Map.of()), fleet, new TreeMap<>()));

    assertThat(ready.phase()).isEqualTo("Ready");
    assertThat(ready.usage()).isEqualTo("replicas 1/10");
    assertThat(ready.remaining()).containsExactly(Map.entry("replicas", "9"));
    assertThat(ready.message()).isEqualTo("1 service counted (namespace shop); every covered service fits.");
    assertThat(unlimited.usage()).isEqualTo("no limits");
    assertThat(unlimited.remaining()).isEmpty();
  }
}
