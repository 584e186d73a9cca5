package dev.lattice.engine.mesh;

import static dev.lattice.engine.mesh.MeshFixtures.derive;
import static dev.lattice.engine.mesh.MeshFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.testkit.Specs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One-sided declarations are reported to both sides, each with the exact entry that would complete the edge. */
class ConsentReportTest {
  private static Diagnostic only(Derivation d) {
    var consent = d.diagnostics().stream()
        .filter(x -> x.reason().conditionType() == ConditionType.BilateralConsent).toList();
    assertThat(consent).hasSize(1);
    return consent.get(0);
  }

  private static ServiceStatus.StatusCondition consent(Derivation d) {
    return d.status().condition(ConditionType.BilateralConsent).orElseThrow();
  }

  @Test
  @DisplayName("caller declares, callee does not: the caller is told whom to ask and what they must add")
  void callerSideOfPendingCallee() {
    Fleet fleet = Fleet.of(service("payments", "orders: {type: service}"), service("orders"));

    Derivation payments = derive(fleet, "payments");

    assertThat(payments.status().phase()).isEqualTo(ServiceStatus.Phase.Ready);
    assertThat(consent(payments).status()).isEqualTo("False");
    assertThat(consent(payments).reason()).isEqualTo("ConsentPending");
    assertThat(only(payments).message()).isEqualTo(
        "spec.workload.resources.orders: this service declares shop/orders as a dependency, but shop/orders does "
            + "not accept calls from shop/payments yet, so that traffic stays denied. Fix: ask the owners of "
            + "shop/orders to add `payments: {type: service, direction: inbound}` to its spec.workload.resources.");
  }

  @Test
  @DisplayName("caller declares, callee does not: the callee is told who wants to call it and how to accept")
  void calleeSideOfPendingCallee() {
    Fleet fleet = Fleet.of(service("payments", "orders: {type: service}"), service("orders"));

    Derivation orders = derive(fleet, "orders");

    assertThat(consent(orders).reason()).isEqualTo("ConsentPending");
    assertThat(only(orders).message()).isEqualTo(
        "spec.workload.resources: shop/payments wants to call this service (its spec.workload.resources.orders "
            + "declares it), but this service does not accept it, so its calls are denied. Fix: to accept them, add "
            + "`payments: {type: service, direction: inbound}` to spec.workload.resources; otherwise ask the owners "
            + "of shop/payments to remove the dependency.");
  }

  @Test
  @DisplayName("callee accepts, caller does not declare: both sides are told")
  void pendingCaller() {
    Fleet fleet = Fleet.of(
        service("payments"),
        MeshFixtures.inNamespace("shop", "orders", "payments: {type: service, direction: inbound}"));

    assertThat(only(derive(fleet, "orders")).message()).isEqualTo(
        "spec.workload.resources.payments: this service accepts calls from shop/payments, which does not declare "
            + "it as a dependency, so nothing flows yet. Fix: nothing to do if shop/payments is about to add "
            + "`orders: {type: service, direction: outbound}`; otherwise remove this entry.");
    assertThat(only(derive(fleet, "payments")).message()).isEqualTo(
        "spec.workload.resources: shop/orders accepts calls from this service (its spec.workload.resources."
            + "payments), but this service does not declare shop/orders. Fix: to call it, add "
            + "`orders: {type: service, direction: outbound}`; if this service never calls shop/orders, ask its "
            + "owners to remove that entry.");
  }

  @Test
  @DisplayName("a dependency on a service that does not exist says so, with reason DependencyNotFound")
  void dependencyNotFound() {
    Fleet fleet = Fleet.of(service("payments", "ledger: {type: service, namespace: finance}"));

    Derivation payments = derive(fleet, "payments");

    assertThat(consent(payments).reason()).isEqualTo("DependencyNotFound");
    assertThat(only(payments).reason()).isEqualTo(Reason.DependencyNotFound);
    assertThat(only(payments).message()).isEqualTo(
        "spec.workload.resources.ledger: service finance/ledger does not exist (it is not among the services given "
            + "to Lattice), so traffic to it stays denied. Fix: check the entry's id and namespace (id defaults to "
            + "the entry's name, namespace to this service's); if finance/ledger is not deployed yet, the edge "
            + "becomes active once it exists and accepts shop/payments.");
  }

  @Test
  @DisplayName("cross-namespace fixes spell out the namespace the other side must write")
  void crossNamespaceFix() {
    Fleet fleet = Fleet.of(
        MeshFixtures.inNamespace("shop", "web", "ledger: {type: service, namespace: finance}"),
        MeshFixtures.inNamespace("finance", "ledger"));

    assertThat(only(derive(fleet, "shop", "web")).fix())
        .isEqualTo("ask the owners of finance/ledger to add `web: {type: service, direction: inbound, namespace: "
            + "shop}` to its spec.workload.resources.");
  }

  @Test
  @DisplayName("when every edge is agreed, BilateralConsent is True and counts them")
  void agreed() {
    Fleet fleet = Fleet.of(
        service("web", "api: {type: service}"),
        service("api", "web: {type: service, direction: inbound}"));

    assertThat(consent(derive(fleet, "api")).status()).isEqualTo("True");
    assertThat(consent(derive(fleet, "api")).message()).isEqualTo("All 1 declared edge agreed by both sides.");
    assertThat(consent(derive(fleet, "web")).reason()).isEqualTo("ConsentAgreed");
  }

  /** A service in shop written in {@code version}, with v1alpha1-shaped {@code resources} converted to it. */
  private static ServiceInput written(ApiVersion version, String name, String... resources) {
    String alpha = Specs.minimalWith("metadata: {name: " + name + ", namespace: shop}\nspec:\n  workload:\n"
        + "    resources:\n" + (resources.length == 0 ? "      {}\n" : "      " + String.join("\n      ", resources)
        + "\n"));
    return ServiceInput.of(Specs.intent(Specs.converted(alpha, version)));
  }

  @Test
  @DisplayName("a v1 caller and a v1beta1 callee: each is told the field as its owners wrote it")
  void v1CallerOfV1beta1Callee() {
    Fleet fleet = Fleet.of(written(ApiVersion.V1, "payments", "orders: {type: service}"),
        written(ApiVersion.V1BETA1, "orders"));

    assertThat(only(derive(fleet, "payments")).message()).isEqualTo(
        "spec.dependencies.outbound.orders: this service declares shop/orders as a dependency, but shop/orders does "
            + "not accept calls from shop/payments yet, so that traffic stays denied. Fix: ask the owners of "
            + "shop/orders to add `payments: {type: service, direction: inbound}` to its spec.dependencies.");
    assertThat(only(derive(fleet, "orders")).message()).isEqualTo(
        "spec.dependencies: shop/payments wants to call this service (its spec.dependencies.outbound.orders "
            + "declares it), but this service does not accept it, so its calls are denied. Fix: to accept them, add "
            + "`payments: {type: service, direction: inbound}` to spec.dependencies; otherwise ask the owners "
            + "of shop/payments to remove the dependency.");
  }

  @Test
  @DisplayName("a v1beta1 caller and a v1 callee: the v1 side is told its inbound map, with no direction field")
  void v1beta1CallerOfV1Callee() {
    Fleet fleet = Fleet.of(written(ApiVersion.V1BETA1, "payments", "orders: {type: service}"),
        written(ApiVersion.V1, "orders"));

    assertThat(only(derive(fleet, "payments")).message()).isEqualTo(
        "spec.dependencies.orders: this service declares shop/orders as a dependency, but shop/orders does "
            + "not accept calls from shop/payments yet, so that traffic stays denied. Fix: ask the owners of "
            + "shop/orders to add `payments: {type: service}` to its spec.dependencies.inbound.");
    assertThat(only(derive(fleet, "orders")).message()).isEqualTo(
        "spec.dependencies.inbound: shop/payments wants to call this service (its spec.dependencies.orders "
            + "declares it), but this service does not accept it, so its calls are denied. Fix: to accept them, add "
            + "`payments: {type: service}` to spec.dependencies.inbound; otherwise ask the owners "
            + "of shop/payments to remove the dependency.");
  }

  @Test
  @DisplayName("a v1 callee accepts a caller that does not declare it: the caller is told its v1 outbound map")
  void v1CalleeOfSilentV1Caller() {
    Fleet fleet = Fleet.of(written(ApiVersion.V1, "payments"),
        written(ApiVersion.V1, "orders", "payments: {type: service, direction: inbound}"));

    assertThat(only(derive(fleet, "payments")).message()).isEqualTo(
        "spec.dependencies.outbound: shop/orders accepts calls from this service (its "
            + "spec.dependencies.inbound.payments), but this service does not declare shop/orders. Fix: to call it, "
            + "add `orders: {type: service}`; if this service never calls shop/orders, ask its owners to remove "
            + "that entry.");
    assertThat(only(derive(fleet, "orders")).fieldPath()).isEqualTo("spec.dependencies.inbound.payments");
  }
}
