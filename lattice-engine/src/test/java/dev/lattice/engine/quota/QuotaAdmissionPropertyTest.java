package dev.lattice.engine.quota;

import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.testkit.Specs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** Quota admission is a function of the fleet as a set: reading it in another order admits the same services. */
class QuotaAdmissionPropertyTest {
  private static final List<String> NAMESPACES = List.of("shop", "pay", "ml");
  private static final SortedMap<String, String> TEAMS = new TreeMap<>(Map.of("shop", "retail", "pay", "retail"));

  @Test
  @DisplayName("the set of admitted services does not depend on the order the fleet is read in")
  void admissionIgnoresInputOrder() {
    qt().withExamples(30).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<ServiceIntent> fleet = fleet(random);
      List<Quota> quotas = quotas(random);
      SortedSet<ServiceRef> admitted = admitted(fleet, quotas);
      for (int i = 0; i < 3; i++) {
        List<ServiceIntent> shuffled = new ArrayList<>(fleet);
        Collections.shuffle(shuffled, random);
        List<Quota> reordered = new ArrayList<>(quotas);
        Collections.shuffle(reordered, random);
        assertThat(admitted(shuffled, reordered)).isEqualTo(admitted);
      }
    });
  }

  @Test
  @DisplayName("services that fit keep their place: the first in namespace/name order are admitted, a later one"
      + " that does not fit is refused and uses nothing, so a smaller one after it still fits")
  void firstInNameOrderFit() {
    List<ServiceIntent> fleet = List.of(service("shop", "c", 1, "300m"), service("shop", "a", 2, "250m"),
        service("shop", "b", 1, "600m"), service("shop", "d", 1, "250m"));
    Quota quota = new Quota("shop-cpu", "platform@example.com",
        new Quota.Selector(Quota.Scope.NAMESPACE, "shop"), Map.of(QuotaResource.CPU, BigDecimal.ONE), Map.of());

    QuotaCheck.Usage usage = QuotaCheck.usage(quota, fleet, TEAMS);

    assertThat(usage.refused().keySet()).containsExactly(new ServiceRef("shop", "b"), new ServiceRef("shop", "d"));
    assertThat(usage.used().get(QuotaResource.CPU)).isEqualByComparingTo("0.8");
    assertThat(QuotaResource.CPU.format(usage.remaining().get(QuotaResource.CPU))).isEqualTo("200m");
  }

  @Test
  @DisplayName("against a Fleet, each quota's pass is made once per fleet and refuses exactly what the pass over "
      + "the services refuses, also for a fleet derived from it by with()")
  void oncePerFleetSameRefusals() {
    qt().withExamples(30).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<ServiceIntent> services = fleet(random);
      List<Quota> quotas = quotas(random);
      Fleet fleet = Fleet.of(services.stream().map(ServiceInput::of).toList());
      for (ServiceIntent service : services) {
        assertThat(QuotaCheck.check(service.ref(), fleet, quotas, TEAMS))
            .isEqualTo(QuotaCheck.check(service.ref(), services, quotas, TEAMS));
      }
      // A bigger service in the first namespace/name place: the new fleet's pass must not be the old one's.
      ServiceIntent first = services.stream().min(java.util.Comparator.comparing(ServiceIntent::ref)).orElseThrow();
      ServiceIntent bigger = service(first.ref().namespace(), first.ref().name(), 3, "800m");
      Fleet edited = fleet.with(ServiceInput.of(bigger));
      List<ServiceIntent> editedServices = edited.services().stream().map(ServiceInput::intent).toList();
      for (ServiceIntent service : editedServices) {
        assertThat(QuotaCheck.check(service.ref(), edited, quotas, TEAMS))
            .isEqualTo(QuotaCheck.check(service.ref(), editedServices, quotas, TEAMS));
      }
    });
  }

  @Test
  @DisplayName("a fleet computes a derived value once per key, however many ask")
  void derivedOncePerKey() {
    Fleet fleet = Fleet.of(ServiceInput.of(service("shop", "a", 1, "100m")));
    java.util.concurrent.atomic.AtomicInteger computed = new java.util.concurrent.atomic.AtomicInteger();
    java.util.stream.IntStream.range(0, 100).parallel()
        .forEach(i -> fleet.derived("key", f -> computed.incrementAndGet() + f.size()));

    assertThat(computed).hasValue(1);
    assertThat((Integer) fleet.derived("key", f -> -1)).isEqualTo(2);
    assertThat(fleet.with(ServiceInput.of(service("shop", "b", 1, "100m"))).<Integer>derived("key", Fleet::size))
        .isEqualTo(2);
  }

  private static SortedSet<ServiceRef> admitted(List<ServiceIntent> fleet, List<Quota> quotas) {
    SortedSet<ServiceRef> admitted = new TreeSet<>();
    for (ServiceIntent service : fleet) {
      List<Diagnostic> refusals = QuotaCheck.check(service.ref(), fleet, quotas, TEAMS);
      if (refusals.isEmpty()) {
        admitted.add(service.ref());
      }
    }
    return admitted;
  }

  private static List<ServiceIntent> fleet(Random random) {
    List<ServiceIntent> out = new ArrayList<>();
    int size = 2 + random.nextInt(6);
    for (int i = 0; i < size; i++) {
      out.add(service(NAMESPACES.get(random.nextInt(NAMESPACES.size())), "svc-" + i, 1 + random.nextInt(3),
          (100 * (1 + random.nextInt(8))) + "m"));
    }
    return out;
  }

  private static List<Quota> quotas(Random random) {
    List<Quota> out = new ArrayList<>();
    out.add(new Quota("retail", "retail-platform@example.com", new Quota.Selector(Quota.Scope.TEAM, "retail"),
        Map.of(QuotaResource.CPU, BigDecimal.valueOf(1 + random.nextInt(3)),
            QuotaResource.REPLICAS, BigDecimal.valueOf(2 + random.nextInt(6))), Map.of()));
    out.add(new Quota("shop", "shop-lead@example.com", new Quota.Selector(Quota.Scope.NAMESPACE, "shop"),
        Map.of(QuotaResource.MEMORY, BigDecimal.valueOf((1L + random.nextInt(4)) << 28)),
        Map.of(QuotaResource.REPLICAS, BigDecimal.valueOf(1 + random.nextInt(3)))));
    return out;
  }

  private static ServiceIntent service(String namespace, String name, int replicas, String cpu) {
    return Specs.intent(Specs.minimalWith("metadata: {name: " + name + ", namespace: " + namespace + "}\n"
        + "spec: {replicas: " + replicas + ", workload: {containers: {main: {resources: {requests: {cpu: " + cpu
        + ", memory: 256Mi}}}}}}"));
  }
}
