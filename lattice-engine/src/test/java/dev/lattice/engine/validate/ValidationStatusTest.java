package dev.lattice.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.testkit.Specs;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every problem of a spec is reported in one pass, and the status says so in Kubernetes terms. */
class ValidationStatusTest {
  /** Four unrelated mistakes: a bad image, no limits, a duplicate port and a reference to an undeclared secret. */
  private static final String FOUR_PROBLEMS =
      """
      spec:
        workload:
          containers:
            main:
              image: "ghcr.io/acme/api:1.0|sh"
              resources: {limits: null, requests: {cpu: 100m}}
              variables:
                DB_PASSWORD: "${secret.db.password}"
          service:
            ports:
              web: {port: 8080}
      """;

  @Test
  @DisplayName("a spec with four problems is rejected with all four diagnostics, not just the first")
  void reportsEveryProblemInOnePass() {
    Derivation result = Derivations.derive(Specs.minimalWith(FOUR_PROBLEMS));

    assertThat(result).isInstanceOf(Derivation.Rejected.class);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::reason, Diagnostic::fieldPath)
        .containsExactlyInAnyOrder(
            Tuple.tuple(Reason.InvalidImage, "spec.workload.containers.main.image"),
            Tuple.tuple(
                Reason.MissingResourceLimits, "spec.workload.containers.main.resources.limits"),
            Tuple.tuple(Reason.DuplicatePort, "spec.workload.service.ports.web.port"),
            Tuple.tuple(
                Reason.SecretReferenceUnknownResource, "spec.workload.containers.main.variables.DB_PASSWORD"));
  }

  @Test
  @DisplayName("a rejected spec is Failed: Validated False with the first error's reason and every problem listed, "
      + "Ready False")
  void rejectedStatusListsEveryProblem() {
    Derivation result = Derivations.derive(Specs.minimalWith(FOUR_PROBLEMS));
    ServiceStatus status = result.status();
    Diagnostic first = result.diagnostics().get(0);

    assertThat(status.phase()).isEqualTo(ServiceStatus.Phase.Failed);
    ServiceStatus.StatusCondition validated = status.condition(ConditionType.Validated).orElseThrow();
    assertThat(validated.status()).isEqualTo("False");
    assertThat(validated.reason()).isEqualTo(first.reason().name());
    assertThat(validated.message()).startsWith("The spec has 4 problems:");
    result.diagnostics().forEach(d -> assertThat(validated.message()).contains(d.message()));

    ServiceStatus.StatusCondition ready = status.condition(ConditionType.Ready).orElseThrow();
    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo(first.reason().name());
    assertThat(ready.message()).contains("Nothing was derived").contains(first.message());
  }

  @Test
  @DisplayName("the first error is the mapper's when the mapper found one: intake problems come first")
  void mapperErrorsComeFirst() {
    Derivation result = Derivations.derive(Specs.minimalWith(
        "spec: {deploy: {strategy: blue-green}, workload: {containers: {main: {command: [app]}}}}"));

    assertThat(result.diagnostics()).extracting(Diagnostic::reason)
        .containsExactly(Reason.InvalidDeployStrategy, Reason.CommandNotAbsolute);
    assertThat(result.status().condition(ConditionType.Validated).orElseThrow().reason())
        .isEqualTo("InvalidDeployStrategy");
  }

  @Test
  @DisplayName("warnings of a rejected spec are listed after its errors but never become its reason")
  void warningsNeverLeadARejection() {
    Derivation result = Derivations.derive(Specs.minimalWith(
        "spec: {topology: {mode: Hard}, workload: {containers: {main: {command: [app]}}}}"));

    ServiceStatus.StatusCondition validated = result.status().condition(ConditionType.Validated).orElseThrow();
    assertThat(validated.reason()).isEqualTo("CommandNotAbsolute");
    assertThat(validated.message()).startsWith("The spec has 1 problem:")
        .contains("spec.topology: is accepted and kept");
    assertThat(validated.message().indexOf("command[0]")).isLessThan(validated.message().indexOf("spec.topology"));
  }

  @Test
  @DisplayName("a valid spec is Ready: Validated True/SpecValid and Ready True/Derived")
  void validSpecIsReady() {
    Derivation result = Derivations.derive(Specs.MINIMAL);

    assertThat(result).isInstanceOf(Derivation.Derived.class);
    assertThat(result.diagnostics()).isEmpty();
    ServiceStatus status = result.status();
    assertThat(status.phase()).isEqualTo(ServiceStatus.Phase.Ready);
    assertThat(status.condition(ConditionType.Validated).orElseThrow())
        .extracting(ServiceStatus.StatusCondition::status, ServiceStatus.StatusCondition::reason,
            ServiceStatus.StatusCondition::message)
        .containsExactly("True", "SpecValid", "The spec is valid.");
    assertThat(status.condition(ConditionType.Ready).orElseThrow())
        .extracting(ServiceStatus.StatusCondition::status, ServiceStatus.StatusCondition::reason)
        .containsExactly("True", "Derived");
    int count = ((Derivation.Derived) result).resources().size();
    assertThat(status.condition(ConditionType.Ready).orElseThrow().message())
        .isEqualTo(count + " resource" + (count == 1 ? "" : "s") + " derived.");
  }

  @Test
  @DisplayName("a valid spec with a warning is still Ready, and Validated lists the warning")
  void warningKeepsTheServiceReady() {
    Derivation result = Derivations.derive(Specs.minimalWith("spec: {advertise: {allowedServices: [\"*\"]}}"));

    assertThat(result).isInstanceOf(Derivation.Derived.class);
    assertThat(result.status().phase()).isEqualTo(ServiceStatus.Phase.Ready);
    ServiceStatus.StatusCondition validated = result.status().condition(ConditionType.Validated).orElseThrow();
    assertThat(validated.isTrue()).isTrue();
    assertThat(validated.reason()).isEqualTo("SpecValid");
    assertThat(validated.message()).isEqualTo("The spec is valid, with 1 warning:\n"
        + result.diagnostics().get(0).message());
    assertThat(result.diagnostics()).extracting(Diagnostic::reason).containsExactly(Reason.NotYetDerived);
  }

  @Test
  @DisplayName("diagnostics of one spec come out in the same order on every run")
  void orderIsStable() {
    List<Diagnostic> first = Derivations.derive(Specs.minimalWith(FOUR_PROBLEMS)).diagnostics();
    for (int i = 0; i < 5; i++) {
      assertThat(Derivations.derive(Specs.minimalWith(FOUR_PROBLEMS)).diagnostics()).isEqualTo(first);
    }
  }
}
