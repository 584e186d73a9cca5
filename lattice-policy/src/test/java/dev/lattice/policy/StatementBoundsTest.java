package dev.lattice.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.Limits;
import dev.lattice.api.model.ServiceRef;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Deep policy text killed the JVM inside native Cedar (SIGSEGV, exit 139) before it was bounded (issue 18): a
 * regression here crashes the test fork, so every case below must load, and the ones within bounds must evaluate.
 */
class StatementBoundsTest {
  private static final AccessRequest STRIPE = new AccessRequest(new ServiceRef("commerce", "payments"),
      Action.AccessSecret, Entities.secretPath("vault", "payments/stripe-key"));
  private static final String HEAD = "permit(principal, action == Lattice::Action::\"AccessSecret\", resource)";

  private static PolicyLibrary load(String text) {
    return PolicyLibrary.load(List.of(CedarAuthorizerTest.policy("deep", text)));
  }

  @Test
  @DisplayName("10,000 nested parentheses: that statement is skipped with its line, the next one still grants")
  void nestedParentheses() {
    String deep = HEAD + " when { " + "(".repeat(10_000) + "true" + ")".repeat(10_000) + " };";
    PolicyLibrary library = load("// frozen\n" + deep + "\n" + HEAD + ";\n");

    assertThat(library.summaries().get(0).problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).isEqualTo("the statement nests brackets 10001 levels deep, more than the 32 Lattice "
          + "accepts; it is skipped. Fix: write the condition flatter, e.g. several `when` clauses or statements "
          + "instead of nested parentheses.");
    });
    assertThat(new CedarAuthorizer(library).authorize(STRIPE).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
  }

  @Test
  @DisplayName("a 5,000-long && chain and nested lists are skipped before any native call")
  void longChainsAndLists() {
    String chain = HEAD + " when { true" + " && true".repeat(5_000) + " };";
    String lists = HEAD + " when { " + "[".repeat(500) + "]".repeat(500) + " == [] };";
    PolicyLibrary library = load(chain + "\n" + lists);

    assertThat(library.statements()).isEmpty();
    assertThat(library.summaries().get(0).problems()).extracting(PolicyProblem::line).containsExactly(1, 2);
    assertThat(library.summaries().get(0).problems().get(0).message())
        .startsWith("the statement has 5001 operators, more than the 256 Lattice accepts; it is skipped.");
  }

  @Test
  @DisplayName("statements at the bounds parse and evaluate natively on the default stack")
  void atTheBounds() {
    int depth = Limits.POLICY_NESTING - 2; // the head's parentheses and the when's braces count too
    String nested = HEAD + " when { " + "(".repeat(depth) + "resource.provider == \"vault\"" + ")".repeat(depth)
        + " };";
    String chain = HEAD + " when { resource.provider == \"vault\""
        + " && 1 < 2".repeat((Limits.POLICY_OPERATORS - 5) / 2) + " };";
    PolicyLibrary library = load(nested + "\n" + chain);

    assertThat(library.summaries().get(0).problems()).isEmpty();
    assertThat(library.statements()).hasSize(2);
    CedarAuthorizer authorizer = new CedarAuthorizer(library);
    assertThat(authorizer.authorize(STRIPE).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
  }

  @Test
  @DisplayName("operators and brackets inside strings and comments do not count")
  void stringsAndComments() {
    assertThat(StatementBounds.problem(HEAD + " when { resource.path like \"" + "((&&".repeat(5_000) + "\" };"
        + " // " + "(".repeat(1_000))).isEmpty();
  }

  @Test
  @DisplayName("more statements than the limit: the CedarPolicy is refused whole, with one problem")
  void tooManyStatements() {
    PolicyLibrary library = load((HEAD + ";\n").repeat(Limits.POLICY_STATEMENTS + 1));

    assertThat(library.statements()).isEmpty();
    assertThat(library.summaries().get(0).problems()).singleElement().extracting(PolicyProblem::message)
        .isEqualTo("the CedarPolicy has 100001 statements, more than the 100000 Lattice accepts in one; none of them "
            + "is loaded. Fix: split it into several CedarPolicies.");
  }
}
