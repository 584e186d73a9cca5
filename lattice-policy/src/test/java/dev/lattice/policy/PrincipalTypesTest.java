package dev.lattice.policy;

import static dev.lattice.policy.CedarAuthorizerTest.authorizer;
import static dev.lattice.policy.CedarAuthorizerTest.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Escape hatches are principals of their own types: a policy for one kind never grants another. */
class PrincipalTypesTest {
  private static final ServiceRef HELLO = new ServiceRef("shop", "hello");
  private static final AccessRequest SERVICE =
      new AccessRequest(HELLO, Action.AccessSecret, Entities.secretPath("vault", "shop/db"));
  private static final AccessRequest PACKAGE = SERVICE.as(Entities.PACKAGE);
  private static final AccessRequest MEMBER = SERVICE.as(Entities.MESH_MEMBER);

  @Test
  @DisplayName("a permit for every package grants packages only; one for services grants no hatch")
  void permitsByType() {
    CedarAuthorizer packages = authorizer(policy("packages", """
        permit(principal is Lattice::Package, action == Lattice::Action::"AccessSecret", resource);
        """));
    assertThat(packages.authorize(PACKAGE).allowed()).isTrue();
    assertThat(packages.authorize(SERVICE).allowed()).isFalse();
    assertThat(packages.authorize(MEMBER).allowed()).isFalse();

    CedarAuthorizer service = authorizer(policy("service", """
        permit(principal == Lattice::Service::"shop/hello", action == Lattice::Action::"AccessSecret", resource);
        """));
    assertThat(service.authorize(SERVICE).allowed()).isTrue();
    assertThat(service.authorize(PACKAGE).allowed()).as("the same name, another kind").isFalse();
  }

  @Test
  @DisplayName("the kind attribute tells the three apart in a condition; denials quote a permit of the right type")
  void kindAttributeAndSuggestedPermit() {
    CedarAuthorizer members = authorizer(policy("members", """
        permit(principal, action == Lattice::Action::"AccessSecret", resource) when { principal.kind == "meshmember" };
        """));
    assertThat(members.authorize(MEMBER).allowed()).isTrue();
    assertThat(members.authorize(PACKAGE).allowed()).isFalse();
    assertThat(members.authorize(SERVICE).allowed()).isFalse();

    assertThat(PACKAGE.permitStatement()).isEqualTo("permit(principal == Lattice::Package::\"shop/hello\", action == "
        + "Lattice::Action::\"AccessSecret\", resource == Lattice::SecretPath::\"vault:shop/db\");");
    assertThat(authorizer(policy("suggested", PACKAGE.permitStatement())).authorize(PACKAGE).allowed()).isTrue();
    assertThat(authorizer(policy("suggested", MEMBER.permitStatement())).authorize(MEMBER).allowed()).isTrue();
  }

  @Test
  @DisplayName("a misspelt hatch type is named with the type meant")
  void misspeltType() {
    PolicyLibrary library = PolicyLibrary.load(java.util.List.of(policy("typo", """
        permit(principal == Lattice::Pakage::"shop/hello", action == Lattice::Action::"AccessSecret", resource);
        """)));
    assertThat(library.summaries()).singleElement().satisfies(s -> assertThat(s.problems())
        .anySatisfy(p -> assertThat(p.toString()).contains("Lattice::Pakage").contains("did you mean Lattice::Package?")));
  }
}
