package dev.lattice.engine.authorize;

import static dev.lattice.engine.authorize.PolicyFixtures.derive;
import static dev.lattice.engine.authorize.PolicyFixtures.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.ConditionType;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.ServiceStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The product story: denied without a permit, Ready with one, denied again by a forbid even with the permit. */
class PaymentsStoryTest {
  private static final ServiceInput PAYMENTS = PolicyFixtures.service("""
      metadata: {name: payments, namespace: commerce}
      spec:
        workload:
          resources:
            stripe-key: {type: secret, id: payments/stripe-key, params: {provider: vault, keys: [api-key]}}
          containers:
            main:
              variables: {STRIPE_API_KEY: "${secret.stripe-key.api-key}"}
      """);
  private static final String PERMIT = """
      permit(principal == Lattice::Service::"commerce/payments",
             action == Lattice::Action::"AccessSecret",
             resource == Lattice::SecretPath::"vault:payments/stripe-key");
      """;
  private static final String FORBID = """
      // Payment keys are frozen during the PCI audit.
      forbid(principal, action == Lattice::Action::"AccessSecret", resource)
        when { resource.path like "payments/*" };
      """;

  @Test
  @DisplayName("day 2: without a permit the service fails with AccessSecretDenied, and nothing is derived")
  void deniedWithoutPermit() {
    Derivation d = derive(engine(), PAYMENTS);

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.status().phase()).isEqualTo(ServiceStatus.Phase.Failed);
    ServiceStatus.StatusCondition policy = d.status().condition(ConditionType.PolicyAuthorized).orElseThrow();
    assertThat(policy.status()).isEqualTo("False");
    assertThat(policy.reason()).isEqualTo("AccessSecretDenied");
    assertThat(policy.message()).isEqualTo("""
        Cedar denied 1 of 2 access requests:
        spec.workload.resources.stripe-key: Service commerce/payments is not permitted to access secret \
        vault:payments/stripe-key (Cedar: principal Lattice::Service::"commerce/payments", action \
        Lattice::Action::"AccessSecret", resource Lattice::SecretPath::"vault:payments/stripe-key"): no permit \
        policy matched (Cedar denies by default). Fix: contact the platform team to request a CedarPolicy in \
        namespace lattice-system with: permit(principal == Lattice::Service::"commerce/payments", action == \
        Lattice::Action::"AccessSecret", resource == Lattice::SecretPath::"vault:payments/stripe-key");""");
    assertThat(d.status().condition(ConditionType.Validated).orElseThrow().status()).isEqualTo("True");
    assertThat(d.status().condition(ConditionType.Ready).orElseThrow().message())
        .startsWith("Nothing was derived because Cedar denied 1 request (see condition PolicyAuthorized)");
  }

  @Test
  @DisplayName("day 3: with the permit the team lead wrote, the same spec is Ready and gets its ExternalSecret")
  void readyWithPermit() {
    Derivation d = derive(engine(PERMIT), PAYMENTS);

    assertThat(d.status().phase()).isEqualTo(ServiceStatus.Phase.Ready);
    assertThat(((Derivation.Derived) d).resources())
        .anySatisfy(o -> assertThat(o.getKind() + "/" + o.getMetadata().getName())
            .isEqualTo("ExternalSecret/payments-stripe-key"));
    assertThat(d.status().condition(ConditionType.PolicyAuthorized).orElseThrow().message())
        .isEqualTo("Cedar permits all 2 access requests of the spec.");
  }

  @Test
  @DisplayName("a forbid beats the permit: denied again, naming the CedarPolicy and statement that forbade it")
  void forbidWins() {
    Derivation d = derive(engine(PERMIT, FORBID), PAYMENTS);

    assertThat(d.status().phase()).isEqualTo(ServiceStatus.Phase.Failed);
    var denial = d.diagnostics().stream().filter(x -> x.reason().name().equals("AccessSecretDenied")).findFirst()
        .orElseThrow();
    assertThat(denial.problem()).endsWith(": denied by CedarPolicy p2, statement 1 (line 2) `forbid(principal, "
        + "action == Lattice::Action::\"AccessSecret\", resource) when { resource.path like \"payments/*\" };`.");
    assertThat(denial.fix()).isEqualTo("a forbid always wins over any permit; contact the platform team if this "
        + "service should be exempt from it, or change the spec so it does not need this access.");
  }
}
