package dev.lattice.engine.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Action;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import dev.lattice.testkit.ReliabilityFigures;
import dev.lattice.testkit.SpecGenerators;
import dev.lattice.testkit.Specs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The security promises, over random fleets ({@link SpecGenerators#fleets}) and random Cedar policy sets, checked on
 * what is derived, not on the engine's own bookkeeping: what the objects grant is read back from them and compared
 * with an oracle of the policies (a permit for the service or for everyone, and no forbid for either) and of the
 * specs (who declared whom). {@code -DQT_EXAMPLES=n} runs more fleets.
 */
class SecurityInvariantsPropertyTest {
  private static final List<Action> ACTIONS = List.of(Action.values());
  private static final AtomicLong FLEETS = new AtomicLong();
  private static final AtomicLong SERVICES = new AtomicLong();
  private static final AtomicLong STATEMENTS = new AtomicLong();
  private static final AtomicLong CHECKS = new AtomicLong();
  private static final AtomicLong FORBID_OVER_PERMIT = new AtomicLong();

  @AfterAll
  static void record() {
    ReliabilityFigures.record("SecurityInvariantsPropertyTest", Map.of("fleets", FLEETS.get(), "services",
        SERVICES.get(), "cedarStatements", STATEMENTS.get(), "invariantsChecked", CHECKS.get(),
        "forbidOverPermitCases", FORBID_OVER_PERMIT.get()));
  }

  /** The random policy set: permits and forbids per action, for one service or for every service. */
  private record Policies(Set<Action> permitAll, Set<Action> forbidAll, Map<String, Set<Action>> permit,
      Map<String, Set<Action>> forbid, String text) {
    static Policies random(Random random, List<String> services) {
      Set<Action> permitAll = EnumSet.noneOf(Action.class);
      Set<Action> forbidAll = EnumSet.noneOf(Action.class);
      Map<String, Set<Action>> permit = new java.util.HashMap<>();
      Map<String, Set<Action>> forbid = new java.util.HashMap<>();
      StringBuilder text = new StringBuilder();
      for (Action action : ACTIONS) {
        String act = "action == Lattice::Action::\"" + action.name() + "\"";
        if (random.nextInt(4) == 0) {
          permitAll.add(action);
          text.append("permit(principal, ").append(act).append(", resource);\n");
        }
        if (random.nextInt(12) == 0) {
          forbidAll.add(action);
          text.append("forbid(principal, ").append(act).append(", resource);\n");
        }
        for (String service : services) {
          String who = "principal == Lattice::Service::\"" + service + "\"";
          if (random.nextInt(2) == 0) {
            permit.computeIfAbsent(service, s -> EnumSet.noneOf(Action.class)).add(action);
            text.append("permit(").append(who).append(", ").append(act).append(", resource);\n");
          }
          if (random.nextInt(6) == 0) {
            forbid.computeIfAbsent(service, s -> EnumSet.noneOf(Action.class)).add(action);
            text.append("forbid(").append(who).append(", ").append(act).append(", resource);\n");
          }
        }
      }
      return new Policies(permitAll, forbidAll, permit, forbid, text.toString());
    }

    boolean permitted(String service, Action action) {
      return action.permittedByDefault() || permitAll.contains(action)
          || permit.getOrDefault(service, Set.of()).contains(action);
    }

    boolean forbidden(String service, Action action) {
      return forbidAll.contains(action) || forbid.getOrDefault(service, Set.of()).contains(action);
    }

    boolean allowed(String service, Action action) {
      return permitted(service, action) && !forbidden(service, action);
    }

    /** The same set without its forbids: what the service would be granted if forbid did not exist. */
    Policies withoutForbids() {
      String permits = String.join("\n", text.lines().filter(l -> l.startsWith("permit")).toList());
      return new Policies(permitAll, Set.of(), permit, Map.of(), permits);
    }
  }

  @Test
  @DisplayName("property: what a derived service may do is exactly what both sides declared and Cedar permits, "
      + "forbid beats permit, and pods are hardened unless a permit relaxes them")
  void derivedAccessNeedsConsentAndPermit() {
    qt().withExamples(Integer.getInteger("QT_EXAMPLES", 800))
        .forAll(SpecGenerators.fleets(5, 0), Generate.longRange(0, Long.MAX_VALUE))
        .checkAssert((documents, seed) -> {
          List<ServiceInput> inputs = new ArrayList<>();
          for (Map<String, Object> document : documents) {
            try {
              MappedIntent mapped = Specs.mapped(SpecGenerators.yaml(document));
              inputs.add(new ServiceInput(mapped.intent(), mapped.diagnostics()));
            } catch (UncheckedIOException e) {
              // A value the wire mapper refuses is a reading error before the engine; not this property's concern.
            }
          }
          List<String> names = inputs.stream().map(i -> i.intent().ref().toString()).toList();
          Policies policies = Policies.random(new Random(seed), names);
          Consent consent = Consent.of(documents);
          Fleet fleet = Fleet.of(inputs);
          FLEETS.incrementAndGet();
          SERVICES.addAndGet(inputs.size());
          STATEMENTS.addAndGet(policies.text().lines().count());
          List<Derivation> derived = engine(policies).deriveAll(fleet);
          List<Derivation> unforbidden = engine(policies.withoutForbids()).deriveAll(fleet);
          for (int i = 0; i < derived.size(); i++) {
            check(derived.get(i), unforbidden.get(i), policies, consent);
          }
        });
  }

  private static Engine engine(Policies policies) {
    List<PolicyDocument> documents = List.of(
        new PolicyDocument("generated", "lattice-system", policies.text(), true, 0, "", ""));
    return new Engine(PlatformSettings.defaults(), new CedarAuthorizer(PolicyLibrary.load(documents)));
  }

  private static void check(Derivation d, Derivation unforbidden, Policies policies, Consent consent) {
    String self = d.ref().toString();
    assertThat(unforbidden.ref()).isEqualTo(d.ref());
    if (d instanceof Derivation.Derived derived) {
      Set<Action> used = Granted.actions(derived.resources());
      for (Action action : used) {
        CHECKS.incrementAndGet();
        assertThat(policies.allowed(self, action)).as("%s derived with %s, which Cedar does not grant it\n%s",
            self, action, policies.text()).isTrue();
      }
      if (!policies.allowed(self, Action.OverrideSecurity)) {
        CHECKS.incrementAndGet();
        assertThat(Granted.hardened(derived.resources())).as("%s runs relaxed without a permit", self).isEmpty();
      }
      for (HasMetadata o : derived.resources()) {
        if (Granted.externalEgress(o)) {
          // The service's own L7 egress to external hosts: only its own identity, behind AccessExternalEndpoint.
          CHECKS.incrementAndGet();
          assertThat(Granted.egressPrincipals(o)).as("%s's external egress admits others", self).containsOnly(self);
          assertThat(policies.allowed(self, Action.AccessExternalEndpoint))
              .as("%s reaches an external host without a permit", self).isTrue();
          continue;
        }
        for (String caller : Granted.callers(o)) {
          CHECKS.incrementAndGet();
          assertThat(consent.allows(caller, self)).as("%s admits %s without both sides' consent (%s %s)", self, caller,
              o.getKind(), o.getMetadata().getName())
              .isTrue();
          if (!consent.declaredInbound(caller, self)) {
            assertThat(policies.allowed(self, Action.AllowWildcard)).as("%s admits any caller without a permit",
                self).isTrue();
          }
        }
        if (Granted.onGateway(o)) {
          // The gateway's egress: only to this service, and only when it has routes (which consent to the gateway).
          CHECKS.incrementAndGet();
          assertThat(Granted.callees(o)).as("%s lets its gateway reach other services", self).containsOnly(self);
          assertThat(derived.resources()).as("%s lets its gateway in without a route", self)
              .anyMatch(r -> r.getKind().endsWith("Route"));
          continue;
        }
        for (String callee : Granted.callees(o)) {
          CHECKS.incrementAndGet();
          assertThat(consent.allows(self, callee)).as("%s may reach %s without both sides' consent", self, callee)
              .isTrue();
        }
      }
    }
    // forbid beats permit: what the service needed once forbids are gone, a forbid on it must deny.
    if (unforbidden instanceof Derivation.Derived free) {
      for (Action action : Granted.actions(free.resources())) {
        if (policies.forbidden(self, action)) {
          CHECKS.incrementAndGet();
          if (policies.permitted(self, action)) {
            FORBID_OVER_PERMIT.incrementAndGet();
          }
          assertThat(d).as("%s needs %s, which a forbid denies", self, action)
              .isInstanceOf(Derivation.Rejected.class);
          assertThat(d.diagnostics()).anyMatch(x -> x.reason().name().endsWith("Denied")
              || x.reason().name().endsWith("Forbidden"));
        }
      }
    }
  }

  /**
   * Who declared whom, from the generated documents: "ns/name" of the caller and the callee. A service with ingress
   * routes consents to its namespace's gateway ({@code <ns>-ingress}, identity {@code <ns>-ingress-istio}).
   */
  private record Consent(Set<String> outbound, Set<String> inbound, Set<String> anyCaller, Set<String> routed) {
    static Consent of(List<Map<String, Object>> documents) {
      Set<String> outbound = new java.util.HashSet<>();
      Set<String> inbound = new java.util.HashSet<>();
      Set<String> anyCaller = new java.util.HashSet<>();
      Set<String> routed = new java.util.HashSet<>();
      for (Map<String, Object> document : documents) {
        JsonNode tree = Manifests.jsonMapper().valueToTree(document);
        String namespace = tree.path("metadata").path("namespace").asText();
        String self = namespace + "/" + tree.path("metadata").path("name").asText();
        if (tree.path("spec").path("ingress").path("routes").size() > 0) {
          routed.add(self);
        }
        tree.path("spec").path("workload").path("resources").fields().forEachRemaining(e -> {
          JsonNode r = e.getValue();
          if (!r.path("type").asText().equals("service")) {
            return;
          }
          String id = r.path("id").asText(e.getKey());
          String direction = r.path("direction").asText("outbound");
          if (id.equals("*")) {
            anyCaller.add(self);
            return;
          }
          String other = r.path("namespace").asText(namespace) + "/" + id;
          if (!direction.equals("inbound")) {
            outbound.add(self + ">" + other);
          }
          if (!direction.equals("outbound")) {
            inbound.add(other + ">" + self);
          }
        });
      }
      return new Consent(outbound, inbound, anyCaller, routed);
    }

    /** The platform's metrics scraper ({@code PlatformSettings.metricsScraper}): the platform's consent, not a team's. */
    private static final String SCRAPER = PlatformSettings.defaults().metricsScraper().toString();

    private boolean gateway(String caller, String callee) {
      if (caller.equals(SCRAPER)) {
        return true;
      }
      String namespace = callee.substring(0, callee.indexOf('/'));
      return routed.contains(callee) && caller.equals(namespace + "/" + namespace + "-ingress-istio");
    }

    boolean declaredInbound(String caller, String callee) {
      return inbound.contains(caller + ">" + callee) || gateway(caller, callee);
    }

    boolean allows(String caller, String callee) {
      return gateway(caller, callee) || outbound.contains(caller + ">" + callee)
          && (declaredInbound(caller, callee) || anyCaller.contains(callee));
    }
  }
}
