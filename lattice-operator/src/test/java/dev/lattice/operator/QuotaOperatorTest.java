package dev.lattice.operator;

import static dev.lattice.operator.OperatorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1.LatticeQuota;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * LatticeQuotas in the operator (issue 17), on fabric8's mock API server: services are admitted against the quotas in
 * the cluster with lattice derive's rule and message, each quota's status shows used and remaining, and a quota or a
 * service change re-evaluates the services it can move.
 */
@EnableKubernetesMockClient(crud = true)
class QuotaOperatorTest {
  KubernetesClient client;

  private LatticeOperator operator;

  @BeforeEach
  void start() throws IOException {
    for (String crd : List.of("latticeservices.lattice.dev", "cedarpolicies.lattice.dev",
        "secretproviders.lattice.dev", "imageproviders.lattice.dev", "latticepackages.lattice.dev",
        "latticemeshmembers.lattice.dev", "latticequotas.lattice.dev")) {
      try (var in = new FileInputStream(Specs.repoRoot().resolve("deploy/crds/" + crd + ".yaml").toFile())) {
        client.apiextensions().v1().customResourceDefinitions().load(in).createOr(r -> r.update());
      }
    }
    operator = new LatticeOperator(client, PlatformSettings.defaults(), LatticeOperator.Options.mockServer());
    operator.start();
  }

  @AfterEach
  void stop() {
    operator.close();
  }

  /** A service in shop asking for 500m cpu per replica (the minimal spec's limit, no request written). */
  private void service(String name) {
    client.resource(StorageVersion.v1(Specs.minimalWith("metadata: {name: " + name + ", namespace: shop}")))
        .create();
  }

  private LatticeQuota quota(String cpu) {
    LatticeQuota quota = client.getKubernetesSerialization().unmarshal("""
        apiVersion: lattice.dev/v1
        kind: LatticeQuota
        metadata: {name: shop, namespace: lattice-system}
        spec:
          selector: {namespace: shop}
          limits: {cpu: "%s", replicas: 10}
          owner: shop-platform@example.com
        """.formatted(cpu), LatticeQuota.class);
    return quota;
  }

  private String phase(String name) {
    LatticeService s = client.resources(LatticeService.class).inNamespace("shop").withName(name).get();
    return s == null || s.getStatus() == null ? null : s.getStatus().phase;
  }

  /** The Validated condition, as reason: message. */
  private String validated(String name) {
    LatticeService s = client.resources(LatticeService.class).inNamespace("shop").withName(name).get();
    return s.getStatus().conditions.stream().filter(c -> c.getType().equals("Validated"))
        .map(c -> c.getReason() + ": " + c.getMessage()).findFirst().orElse("");
  }

  private LatticeQuota live() {
    return client.resources(LatticeQuota.class).inNamespace("lattice-system").withName("shop").get();
  }

  @Test
  @DisplayName("with a rate table in the settings, a Ready service's status carries its monthly cost estimate")
  void costEstimateInStatus() {
    operator.close();
    PlatformSettings rated = PlatformSettings.defaults().withOverrides(Map.of("cost.currency", "EUR",
        "cost.cpuCoreHour", "0.04", "cost.memoryGiBHour", "0.005"));
    operator = new LatticeOperator(client, rated, LatticeOperator.Options.mockServer());
    operator.start();
    service("a");

    await("a is Ready", () -> "Ready".equals(phase("a")));
    // 500m x 0.04 + 0.25 GiB x 0.005 = 0.02125 an hour; x 730 = 15.5125, rounded half up to cents.
    assertThat(client.resources(LatticeService.class).inNamespace("shop").withName("a").get().getStatus()
        .costEstimate).isEqualTo("15.51 EUR/month");
  }

  @Test
  @DisplayName("a quota admitting two services refuses the third with lattice derive's QuotaExceeded and shows used"
      + " and remaining; deleting a counted service admits it, and raising the quota too")
  void quotaAdmitsAndRefuses() {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("lattice-system").endMetadata().build()).create();
    client.resource(quota("1")).create();
    service("a");
    service("b");
    service("c");

    await("c is refused", () -> "Failed".equals(phase("c")));
    assertThat(validated("c")).contains("QuotaExceeded: ").contains("service shop/c asks for 500m cpu (500m per replica x 1"
        + " replica), but LatticeQuota shop (namespace shop) has 0 cpu left of 1 (services before it in"
        + " namespace/name order use the rest). Fix: lower the cpu requests (resources.requests.cpu) or the replicas"
        + " (spec.replicas, or spec.autoscaling.max), or ask the quota's owner shop-platform@example.com to raise"
        + " spec.limits.cpu of LatticeQuota shop.");
    await("a and b are Ready", () -> "Ready".equals(phase("a")) && "Ready".equals(phase("b")));
    // Awaited whole: on the mock (JSON patches, no server-side apply) a status list may be patched twice on its way.
    await("the quota counts a and b and refuses c", () -> live().getStatus() != null
        && List.of("shop/c").equals(live().getStatus().refused)
        && List.of("shop/a", "shop/b").equals(live().getStatus().services));
    var status = live().getStatus();
    assertThat(status.phase).isEqualTo("Exceeded");
    assertThat(status.services).containsExactly("shop/a", "shop/b");
    assertThat(status.used).isEqualTo(Map.of("cpu", "1", "memory", "512Mi", "gpu", "0", "replicas", "2"));
    assertThat(status.remaining).isEqualTo(Map.of("cpu", "0", "replicas", "8"));
    assertThat(status.usage).isEqualTo("cpu 1/1, replicas 2/10");
    assertThat(status.message).isEqualTo("2 services counted, 1 refused with QuotaExceeded (namespace shop): shop/c."
        + " Their statuses say what each asks and what is left; the owner shop-platform@example.com can raise the"
        + " limits.");

    // A service change re-evaluates the services after it: a goes, so c fits.
    client.resources(LatticeService.class).inNamespace("shop").withName("a").delete();
    await("c is admitted once a is gone", () -> "Ready".equals(phase("c")));
    await("the quota counts b and c", () -> live().getStatus().refused == null
        && List.of("shop/b", "shop/c").equals(live().getStatus().services));
    assertThat(live().getStatus().phase).isEqualTo("Ready");

    // A quota change re-evaluates what it covers: a third service fits only once the quota is raised.
    service("d");
    await("d is refused", () -> "Failed".equals(phase("d")));
    LatticeQuota raised = live();
    raised.getSpec().limits.cpu = "2";
    client.resource(raised).update();
    await("d is admitted after the raise", () -> "Ready".equals(phase("d")));
    await("the quota shows what is left", () -> "cpu 1500m/2, replicas 3/10".equals(live().getStatus().usage));
    assertThat(live().getStatus().remaining).isEqualTo(Map.of("cpu", "500m", "replicas", "7"));
  }
}
