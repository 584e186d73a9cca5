package dev.lattice.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceRef;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Names in a statement's head that Lattice never uses are reported at load and named by the denial they cause. */
class PolicyNamesTest {
  private static final AccessRequest STRIPE = new AccessRequest(new ServiceRef("commerce", "payments"),
      Action.AccessSecret, Entities.secretPath("vault", "payments/stripe-key"));

  private static PolicyLibrary load(String text) {
    return PolicyLibrary.load(List.of(CedarAuthorizerTest.policy("p", text)));
  }

  @Test
  @DisplayName("a misspelt action is reported with the action meant, and the statement is kept, not skipped")
  void misspeltAction() {
    PolicyLibrary library = load("""
        permit(principal == Lattice::Service::"commerce/payments", action == Lattice::Action::"AccesSecret",
               resource == Lattice::SecretPath::"vault:payments/stripe-key");""");

    assertThat(library.problems()).containsExactly(new PolicyProblem("p", 1, "statement 1 names action "
        + "Lattice::Action::\"AccesSecret\", which Lattice never uses, so the statement can never match it; did you "
        + "mean Lattice::Action::\"AccessSecret\"?", false));
    assertThat(library.statements()).hasSize(1);
    assertThat(library.summaries().get(0).message()).isEqualTo("1 permit, 0 forbid statements; line 1: statement 1 "
        + "names action Lattice::Action::\"AccesSecret\", which Lattice never uses, so the statement can never match "
        + "it; did you mean Lattice::Action::\"AccessSecret\"?");
    assertThat(library.nearMisses(STRIPE)).containsExactly("CedarPolicy p, statement 1 (line 1) names "
        + "Lattice::Action::\"AccesSecret\", which does not exist; did you mean Lattice::Action::\"AccessSecret\"?");
  }

  @Test
  @DisplayName("a misspelt entity type is reported, and a permit for another principal is no near miss")
  void misspeltTypeAndOtherPrincipal() {
    PolicyLibrary library = load("""
        permit(principal == Lattice::Servce::"commerce/payments", action, resource is Lattice::SecretPath);
        permit(principal == Lattice::Service::"commerce/orders", action == Lattice::Action::"AccesSecret", resource);
        """);

    assertThat(library.problems()).extracting(PolicyProblem::message).containsExactly(
        "statement 1 names entity type Lattice::Servce, which Lattice never uses, so the statement can never match "
            + "it; did you mean Lattice::Service?",
        "statement 2 names action Lattice::Action::\"AccesSecret\", which Lattice never uses, so the statement can "
            + "never match it; did you mean Lattice::Action::\"AccessSecret\"?");
    assertThat(library.nearMisses(STRIPE)).containsExactly("CedarPolicy p, statement 1 (line 1) names "
        + "Lattice::Servce, which does not exist; did you mean Lattice::Service?");
  }

  @Test
  @DisplayName("a name nothing is close to lists the valid ones")
  void listsActions() {
    PolicyLibrary library = load("permit(principal, action == Lattice::Action::\"Frobnicate\", resource);");

    assertThat(library.problems()).extracting(PolicyProblem::message).containsExactly("statement 1 names action "
        + "Lattice::Action::\"Frobnicate\", which Lattice never uses, so the statement can never match it; the "
        + "actions are AccessSecret, AccessExternalEndpoint, OverrideSecurity, AllowWildcard, AllowMutableImage, "
        + "UseImage, SkipImageVerification, UseGpu, ExtendEscapeHatch.");
    assertThat(library.nearMisses(STRIPE)).isEmpty();
  }

  @Test
  @DisplayName("correct statements report nothing")
  void correctStatements() {
    assertThat(load(STRIPE.permitStatement()).problems()).isEmpty();
  }
}
