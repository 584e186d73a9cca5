package dev.lattice.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.model.ServiceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * Slice selection and the condition-free shortcut are optimisations only: for random policy sets and requests,
 * the decision must equal Cedar's answer over the whole policy set.
 */
class DifferentialPropertyTest {
  private static final List<String> SERVICES = List.of("a/x", "a/y", "b/x");
  private static final List<String> PATHS = List.of("a/db", "a/cache", "b/db");

  @Test
  @DisplayName("property: the optimised authorizer decides exactly as Cedar does with every statement in the slice")
  void optimisedEqualsFullCedar() {
    qt().withExamples(80).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      StringBuilder text = new StringBuilder();
      int statements = 1 + random.nextInt(6);
      for (int i = 0; i < statements; i++) {
        text.append(random.nextInt(4) == 0 ? "forbid(" : "permit(");
        text.append(random.nextBoolean() ? "principal" : "principal == Lattice::Service::\""
            + SERVICES.get(random.nextInt(3)) + "\"");
        text.append(random.nextBoolean() ? ", action" : ", action == Lattice::Action::\"AccessSecret\"");
        text.append(random.nextBoolean() ? ", resource)" : ", resource == Lattice::SecretPath::\"vault:"
            + PATHS.get(random.nextInt(3)) + "\")");
        switch (random.nextInt(8)) {
          case 0 -> text.append(" when { principal.namespace == \"a\" }");
          case 1 -> text.append(" when { resource.provider == \"aws\" && principal.name == \"x\" }");
          case 2 -> text.append(" unless { resource.path like \"b/*\" }");
          case 3 -> text.append(" when { resource.path like \"a/*\" }");
          case 4 -> text.append(" when { resource.path like \"*ca*e\" && principal.namespace == \"a\" }");
          case 5 -> text.append(" when { resource.missing == \"x\" }");
          case 6 -> text.append(" when { principal.namespace == \"a\" && principal.namespace == \"b\" }");
          default -> { }
        }
        text.append(";\n");
      }
      PolicyLibrary library = PolicyLibrary.load(List.of(
          new PolicyDocument("p", PolicyLibrary.PLATFORM_NAMESPACE, text.toString(), true, 0, "", "")));
      CedarAuthorizer optimised = new CedarAuthorizer(library);
      CedarAuthorizer everything = new CedarAuthorizer(library, new DecisionCache(), false);
      List<AccessRequest> requests = new ArrayList<>();
      for (String service : SERVICES) {
        for (String path : PATHS) {
          String[] parts = service.split("/");
          requests.add(new AccessRequest(new ServiceRef(parts[0], parts[1]), Action.AccessSecret,
              Entities.secretPath(random.nextBoolean() ? "vault" : "aws", path)));
        }
      }
      for (AccessRequest request : requests) {
        Decision fast = optimised.authorize(request);
        Decision full = everything.authorize(request);
        assertThat(fast.allowed()).as("%s under\n%s", request, text).isEqualTo(full.allowed());
        if (!fast.allowed()) {
          assertThat(fast.outcome()).as("%s under\n%s", request, text).isEqualTo(full.outcome());
        }
      }
    });
  }
}
