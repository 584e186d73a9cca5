package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.v1alpha1.ServiceFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each product fact, at pinned times. */
class FactsTest {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String POLICIES_A = "digest-a";
  static final String POLICIES_B = "digest-b";

  static Facts.Observation seen(long generation, String phase, String reason, boolean denied, String policies,
      Duration after) {
    return new Facts.Observation(generation, phase, reason, denied, policies, List.of(), Set.of(), T0.plus(after));
  }

  static Facts.Observation ready(long generation, String policies, Duration after) {
    return seen(generation, "Ready", "Derived", false, policies, after);
  }

  @Test
  @DisplayName("first seen and first Ready are recorded once, with the time to Ready")
  void firstSeenAndFirstReady() {
    Facts.Step pending = Facts.next(null, seen(1, "Pending", "Unknown", false, POLICIES_A, Duration.ZERO));
    assertThat(pending.facts().firstSeen).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(pending.facts().firstReady).isNull();
    assertThat(pending.firstOutcome()).isNull();

    Facts.Step ready = Facts.next(pending.facts(), ready(1, POLICIES_A, Duration.ofMinutes(3)));
    assertThat(ready.facts().firstReady).isEqualTo("2026-03-02T09:03:00Z");
    assertThat(ready.timeToFirstReady()).isEqualTo(Duration.ofMinutes(3));

    Facts.Step later = Facts.next(ready.facts(), ready(1, POLICIES_A, Duration.ofHours(5)));
    assertThat(later.facts().firstSeen).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(later.facts().firstReady).isEqualTo("2026-03-02T09:03:00Z");
    assertThat(later.timeToFirstReady()).isNull();
  }

  @Test
  @DisplayName("each generation's first outcome is recorded once: Ready on the first try, or the failure reason")
  void firstOutcomePerGeneration() {
    Facts.Step one = Facts.next(null, ready(1, POLICIES_A, Duration.ZERO));
    assertThat(one.firstOutcome().outcome).isEqualTo("Ready");
    Facts.Step two = Facts.next(one.facts(),
        seen(2, "Failed", "MissingResourceLimits", false, POLICIES_A, Duration.ofMinutes(1)));
    assertThat(two.firstOutcome().outcome).isEqualTo("Failed");
    assertThat(two.firstOutcome().reason).isEqualTo("MissingResourceLimits");
    Facts.Step again = Facts.next(two.facts(), ready(2, POLICIES_A, Duration.ofMinutes(2)));
    assertThat(again.firstOutcome()).as("generation 2 already has its first outcome").isNull();

    assertThat(again.facts().generations).extracting(g -> g.generation + " " + g.outcome + " " + g.reason + " " + g.at)
        .containsExactly("1 Ready null 2026-03-02T09:00:00Z",
            "2 Failed MissingResourceLimits 2026-03-02T09:01:00Z");
  }

  @Test
  @DisplayName("a failure fixed by the team's own edit ends with its time to resolve and no platform-team action")
  void failureFixedByTheTeam() {
    Facts.Step failed = Facts.next(null,
        seen(1, "Failed", "MissingResourceLimits", false, POLICIES_A, Duration.ZERO));
    assertThat(failed.facts().failure.since).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(failed.facts().failure.reason).isEqualTo("MissingResourceLimits");

    Facts.Step fixed = Facts.next(failed.facts(), ready(2, POLICIES_A, Duration.ofMinutes(42)));
    assertThat(fixed.facts().failure).isNull();
    assertThat(fixed.resolved().seconds).isEqualTo(42 * 60L);
    assertThat(fixed.resolved().began).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(fixed.resolved().ended).isEqualTo("2026-03-02T09:42:00Z");
    assertThat(fixed.resolved().neededPlatformTeam).isFalse();
    assertThat(fixed.facts().resolvedTotal).isEqualTo(1);
    assertThat(fixed.facts().platformActionsTotal).isNull();
  }

  @Test
  @DisplayName("a Cedar denial ended by a CedarPolicy change needed the platform team")
  void denialFixedByThePlatformTeam() {
    Facts.Step denied = Facts.next(null,
        seen(1, "Failed", "AccessSecretDenied", true, POLICIES_A, Duration.ZERO));
    Facts.Step waiting = Facts.next(denied.facts(),
        seen(1, "Failed", "AccessSecretDenied", true, POLICIES_A, Duration.ofHours(1)));
    assertThat(Facts.same(denied.facts(), waiting.facts())).as("nothing new while it waits").isTrue();

    Facts.Step granted = Facts.next(waiting.facts(), ready(1, POLICIES_B, Duration.ofHours(26)));
    assertThat(granted.resolved().neededPlatformTeam).isTrue();
    assertThat(granted.resolved().seconds).isEqualTo(26 * 3600L);
    assertThat(granted.resolved().reason).isEqualTo("AccessSecretDenied");
    assertThat(granted.facts().platformActionsTotal).isEqualTo(1);
  }

  @Test
  @DisplayName("a denial the team resolves by dropping the request, with the policies unchanged, needed no one")
  void denialResolvedByTheTeam() {
    Facts.Step denied = Facts.next(null,
        seen(1, "Failed", "AccessSecretDenied", true, POLICIES_A, Duration.ZERO));
    Facts.Step fixed = Facts.next(denied.facts(), ready(2, POLICIES_A, Duration.ofMinutes(5)));
    assertThat(fixed.resolved().neededPlatformTeam).isFalse();
  }

  @Test
  @DisplayName("the consent ledger keeps since when a declaration waits and whom for; agreeing gives time to consent")
  void consentLedger() {
    Facts.Edge edge = new Facts.Edge("shop/frontend", "shop/orders", "shop/orders");
    Facts.Step pending = Facts.next(null, new Facts.Observation(1, "Ready", "Derived", false, POLICIES_A,
        List.of(edge), Set.of(), T0));
    Facts.Step still = Facts.next(pending.facts(), new Facts.Observation(1, "Ready", "Derived", false, POLICIES_A,
        List.of(edge), Set.of(), T0.plus(Duration.ofDays(2))));
    assertThat(Facts.same(pending.facts(), still.facts())).isTrue();
    assertThat(still.facts().pendingConsent).singleElement().satisfies(p -> {
      assertThat(p.caller).isEqualTo("shop/frontend");
      assertThat(p.callee).isEqualTo("shop/orders");
      assertThat(p.waitsFor).isEqualTo("shop/orders");
      assertThat(p.since).isEqualTo("2026-03-02T09:00:00Z");
    });

    Facts.Step agreed = Facts.next(still.facts(), new Facts.Observation(1, "Ready", "Derived", false, POLICIES_A,
        List.of(), Set.of("shop/frontend>shop/orders"), T0.plus(Duration.ofDays(3))));
    assertThat(agreed.facts().pendingConsent).isNull();
    assertThat(agreed.agreed()).singleElement().satisfies(a -> assertThat(a.seconds).isEqualTo(3 * 86400L));
    assertThat(agreed.facts().agreedConsent).hasSize(1);
  }

  @Test
  @DisplayName("a withdrawn declaration leaves the ledger without counting as consent")
  void withdrawnDeclaration() {
    Facts.Edge edge = new Facts.Edge("shop/frontend", "shop/orders", "shop/orders");
    Facts.Step pending = Facts.next(null, new Facts.Observation(1, "Ready", "Derived", false, POLICIES_A,
        List.of(edge), Set.of(), T0));
    Facts.Step withdrawn = Facts.next(pending.facts(), ready(2, POLICIES_A, Duration.ofHours(1)));
    assertThat(withdrawn.facts().pendingConsent).isNull();
    assertThat(withdrawn.agreed()).isEmpty();
    assertThat(withdrawn.facts().agreedConsent).isNull();
  }

  @Test
  @DisplayName("every list is capped at the newest 10 entries, the totals keep counting")
  void bounded() {
    ServiceFacts facts = null;
    for (int i = 0; i < 30; i++) {
      facts = Facts.next(facts, seen(i + 1, "Failed", "MissingResourceLimits", false, POLICIES_A,
          Duration.ofMinutes(2L * i))).facts();
      facts = Facts.next(facts, ready(i + 1, POLICIES_A, Duration.ofMinutes(2L * i + 1))).facts();
    }
    assertThat(facts.generations).hasSize(ServiceFacts.MAX_ENTRIES);
    assertThat(facts.generations.get(ServiceFacts.MAX_ENTRIES - 1).generation).isEqualTo(30L);
    assertThat(facts.resolved).hasSize(ServiceFacts.MAX_ENTRIES);
    assertThat(facts.resolvedTotal).isEqualTo(30);
  }

  @Test
  @DisplayName("a reconcile that observes nothing new yields equal facts (no status write)")
  void noOpIsEqual() {
    ServiceFacts facts = Facts.next(null, ready(1, POLICIES_A, Duration.ZERO)).facts();
    assertThat(Facts.same(facts, Facts.next(facts, ready(1, POLICIES_A, Duration.ofDays(9))).facts())).isTrue();
  }
}
