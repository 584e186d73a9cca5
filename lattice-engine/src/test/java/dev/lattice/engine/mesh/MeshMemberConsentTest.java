package dev.lattice.engine.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.testkit.MeshMembers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A one-sided edge between a service and a mesh member, word for word on both sides. */
class MeshMemberConsentTest {
  @Test
  @DisplayName("a service calling a member that does not accept it: both are told, each with its own entry to add")
  void serviceToMember() {
    Fleet fleet = Fleet.of(MeshFixtures.service("api", "legacy: {type: service, direction: outbound}"),
        ServiceInput.of(MeshMembers.intent(MeshMembers.MINIMAL)));

    assertThat(MeshFixtures.derive(fleet, "api").diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.workload.resources.legacy: this service declares shop/legacy as a dependency, but shop/legacy does "
            + "not accept calls from shop/api yet, so that traffic stays denied. Fix: ask the owners of shop/legacy "
            + "to add `api: {}` to its spec.mesh.allowedCallers.");
    assertThat(MeshFixtures.derive(fleet, "legacy").diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.mesh.allowedCallers: shop/api wants to call this service (its spec.workload.resources.legacy declares "
            + "it), but this service does not accept it, so its calls are denied. Fix: to accept them, add `api: {}` "
            + "to spec.mesh.allowedCallers; otherwise ask the owners of shop/api to remove the dependency.");
  }

  @Test
  @DisplayName("a member accepting a service that does not call it: the service reads which entry to add")
  void memberAcceptsService() {
    Fleet fleet = Fleet.of(MeshFixtures.service("api"),
        ServiceInput.of(MeshMembers.minimalWith("spec: {mesh: {allowedCallers: {api: {}}}}")));

    assertThat(MeshFixtures.derive(fleet, "api").diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.workload.resources: shop/legacy accepts calls from this service (its spec.mesh.allowedCallers.api), "
            + "but this service does not declare shop/legacy. Fix: to call it, add `legacy: {type: service, "
            + "direction: outbound}`; if this service never calls shop/legacy, ask its owners to remove that entry.");
    assertThat(MeshFixtures.derive(fleet, "legacy").diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.mesh.allowedCallers.api: this service accepts calls from shop/api, which does not declare it as a "
            + "dependency, so nothing flows yet. Fix: nothing to do if shop/api is about to add `legacy: {type: "
            + "service, direction: outbound}`; otherwise remove this entry.");
  }
}
