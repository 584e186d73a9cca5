package dev.lattice.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceRef;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CedarAuthorizerTest {
  private static final ServiceRef PAYMENTS = new ServiceRef("commerce", "payments");
  private static final AccessRequest STRIPE =
      new AccessRequest(PAYMENTS, Action.AccessSecret, Entities.secretPath("vault", "payments/stripe-key"));

  static PolicyDocument policy(String name, String text) {
    return new PolicyDocument(name, PolicyLibrary.PLATFORM_NAMESPACE, text, true, 0, "", "");
  }

  static CedarAuthorizer authorizer(PolicyDocument... documents) {
    return new CedarAuthorizer(PolicyLibrary.load(List.of(documents)));
  }

  @Test
  @DisplayName("default deny: without a permit the secret is denied, and no native call is made")
  void defaultDeny() {
    CedarAuthorizer authorizer = authorizer();

    Decision decision = authorizer.authorize(STRIPE);

    assertThat(decision.outcome()).isEqualTo(Decision.Outcome.NO_PERMIT);
    assertThat(authorizer.cache().evaluations()).isZero();
  }

  @Test
  @DisplayName("a permit grants it; a forbid beats the permit and is named")
  void forbidBeatsPermit() {
    PolicyDocument permit = policy("payments-secrets", """
        permit(principal == Lattice::Service::"commerce/payments", action == Lattice::Action::"AccessSecret",
               resource) when { resource.provider == "vault" };
        """);
    PolicyDocument forbid = policy("no-stripe", """
        // Stripe keys are frozen during the audit.
        forbid(principal, action, resource) when { resource.path like "*stripe*" };
        """);

    assertThat(authorizer(permit).authorize(STRIPE).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    Decision denied = authorizer(permit, forbid).authorize(STRIPE);
    assertThat(denied.outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
    assertThat(denied.deciding()).singleElement().satisfies(s -> {
      assertThat(s.describe()).isEqualTo("CedarPolicy no-stripe, statement 1 (line 2)");
      assertThat(s.source()).startsWith("forbid(principal, action, resource)");
    });
  }

  @Test
  @DisplayName("the permit statement a denial suggests really grants the request")
  void suggestedPermitWorks() {
    CedarAuthorizer authorizer = authorizer(policy("suggested", STRIPE.permitStatement()));

    assertThat(STRIPE.permitStatement()).isEqualTo("permit(principal == Lattice::Service::\"commerce/payments\", "
        + "action == Lattice::Action::\"AccessSecret\", resource == Lattice::SecretPath::\"vault:payments/stripe-key\");");
    assertThat(authorizer.authorize(STRIPE).allowed()).isTrue();
  }

  @Test
  @DisplayName("a statement that does not parse is reported with its line and skipped; the others still apply")
  void parseErrorNamesTheLine() {
    PolicyLibrary library = PolicyLibrary.load(List.of(policy("mixed", """
        permit(principal, action == Lattice::Action::"AccessSecret", resource);

        forbid(principal action, resource);
        """)));

    assertThat(library.statements()).hasSize(1);
    assertThat(library.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("unexpected token");
    });
    assertThat(library.summaries().get(0).message()).startsWith("1 permit, 0 forbid statements; 1 statement(s) "
        + "skipped: line 3: unexpected token");
    assertThat(new CedarAuthorizer(library).authorize(STRIPE).allowed()).isTrue();
  }

  @Test
  @DisplayName("disabled policies and policies outside lattice-system are not enforced")
  void notEnforced() {
    PolicyDocument disabled = new PolicyDocument("off", PolicyLibrary.PLATFORM_NAMESPACE,
        "permit(principal, action, resource);", false, 0, "", "");
    PolicyDocument elsewhere = new PolicyDocument("team", "commerce", "permit(principal, action, resource);", true,
        0, "", "");
    PolicyLibrary library = PolicyLibrary.load(List.of(disabled, elsewhere));

    assertThat(new CedarAuthorizer(library).authorize(STRIPE).allowed()).isFalse();
    assertThat(library.summaries()).extracting(PolicySummary::message).containsExactlyInAnyOrder(
        "Policy is disabled.",
        "ignored: CedarPolicies are only enforced in namespace lattice-system; ask the platform team to move it "
            + "there.");
  }

  @Test
  @DisplayName("a request's slice holds only statements whose scope can match; decisions are cached by slice")
  void slicesAndCache() {
    PolicyLibrary library = PolicyLibrary.load(List.of(policy("many", """
        permit(principal == Lattice::Service::"commerce/payments", action == Lattice::Action::"AccessSecret", resource)
          unless { resource.provider == "aws" };
        permit(principal == Lattice::Service::"commerce/orders", action == Lattice::Action::"AccessSecret", resource);
        permit(principal, action == Lattice::Action::"OverrideSecurity", resource);
        forbid(principal, action, resource == Lattice::SecretPath::"vault:other");
        """)));
    CedarAuthorizer authorizer = new CedarAuthorizer(library);

    assertThat(library.candidates(STRIPE)).extracting(Statement::index).containsExactly(1);
    authorizer.authorize(STRIPE);
    authorizer.authorize(STRIPE);
    assertThat(authorizer.cache().evaluations()).isEqualTo(1);
    assertThat(authorizer.cache().hits()).isEqualTo(1);
  }

  @Test
  @DisplayName("a policy change misses the cache only for requests whose slice it touches")
  void policyChangeReevaluatesOnlyAffected() {
    DecisionCache cache = new DecisionCache();
    AccessRequest orders =
        new AccessRequest(new ServiceRef("commerce", "orders"), Action.AccessSecret, Entities.secretPath("vault", "x"));
    // `unless` conditions make these go to Cedar (simple slices are decided without a native call).
    String base = """
        permit(principal == Lattice::Service::"commerce/payments", action == Lattice::Action::"AccessSecret", resource)
          unless { resource.provider == "aws" };
        permit(principal == Lattice::Service::"commerce/orders", action == Lattice::Action::"AccessSecret", resource)
          unless { resource.provider == "aws" };
        """;
    new CedarAuthorizer(PolicyLibrary.load(List.of(policy("p", base))), cache).authorize(STRIPE);
    new CedarAuthorizer(PolicyLibrary.load(List.of(policy("p", base))), cache).authorize(orders);

    String changed = base.replace("\"commerce/orders\", action", "\"commerce/orders\", action")
        + "forbid(principal == Lattice::Service::\"commerce/orders\", action, resource) unless { false };\n";
    CedarAuthorizer after = new CedarAuthorizer(PolicyLibrary.load(List.of(policy("p", changed))), cache);
    after.authorize(STRIPE);
    after.authorize(orders);

    assertThat(cache.evaluations()).as("payments hit the cache, orders was re-evaluated").isEqualTo(3);
    assertThat(after.authorize(orders).outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
  }

  @Test
  @DisplayName("slices of plain statements, or of == and like conditions, are decided without a native call")
  void simpleSlicesSkipCedar() {
    CedarAuthorizer authorizer = authorizer(policy("plain", """
        permit(principal == Lattice::Service::"commerce/payments", action == Lattice::Action::"AccessSecret",
               resource == Lattice::SecretPath::"vault:payments/stripe-key");
        permit(principal, action == Lattice::Action::"AccessSecret", resource)
          when { principal.namespace == "commerce" && resource.path like "commerce/*" };
        forbid(principal, action == Lattice::Action::"UseImage", resource) when { resource.registry == "docker.io" };
        """));

    Decision secret = authorizer.authorize(STRIPE);
    Decision image = authorizer.authorize(new AccessRequest(PAYMENTS, Action.UseImage, Entities.image("ghcr.io/a:1")));

    assertThat(secret.outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    assertThat(secret.deciding()).extracting(Statement::index).containsExactly(1);
    assertThat(image.allowed()).as("the forbid requires registry docker.io, so it is not in the slice").isTrue();
    Decision namespaceWide = authorizer.authorize(
        new AccessRequest(PAYMENTS, Action.AccessSecret, Entities.secretPath("vault", "commerce/db")));
    assertThat(namespaceWide.outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    assertThat(namespaceWide.deciding()).extracting(Statement::index).containsExactly(2);
    assertThat(authorizer.cache().evaluations()).isZero();
  }

  @Test
  @DisplayName("UseImage is allowed unless a forbid on the image's registry, name or tag matches")
  void imageForbid() {
    AccessRequest latest = new AccessRequest(PAYMENTS, Action.UseImage, Entities.image("nginx:latest"));
    AccessRequest pinned = new AccessRequest(PAYMENTS, Action.UseImage, Entities.image("ghcr.io/acme/app:1.2"));
    CedarAuthorizer authorizer = authorizer(policy("registries", """
        forbid(principal, action == Lattice::Action::"UseImage", resource) when { resource.registry == "docker.io" };
        """));

    assertThat(authorizer.authorize(latest).outcome()).isEqualTo(Decision.Outcome.FORBIDDEN);
    assertThat(authorizer.authorize(pinned).allowed()).isTrue();
    assertThat(authorizer().authorize(latest).allowed()).isTrue();
  }

  @Test
  @DisplayName("image references split into registry, name and tag as the reference system does")
  void imageEntity() {
    assertThat(Entities.image("nginx:latest").attributes())
        .containsEntry("registry", "docker.io").containsEntry("name", "library/nginx").containsEntry("tag", "latest");
    assertThat(Entities.image("user/app").attributes())
        .containsEntry("registry", "docker.io").containsEntry("name", "user/app").containsEntry("tag", "latest");
    assertThat(Entities.image("ghcr.io/acme/app@sha256:abc").attributes())
        .containsEntry("registry", "ghcr.io").containsEntry("name", "acme/app").containsEntry("tag", "sha256:abc");
    assertThat(Entities.image("localhost:5000/app:1").attributes())
        .containsEntry("registry", "localhost:5000").containsEntry("name", "app").containsEntry("tag", "1");
  }
}
