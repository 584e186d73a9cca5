package dev.lattice.engine.hatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.Governance;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.testkit.MeshMembers;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every governance message word for word, on pinned dates (MeshMembers.MINIMAL expires 2027-03-31). */
class HatchGovernanceTest {
  private static final String WAY = "move its pods onto a LatticeService (write LatticeService shop/legacy with "
      + "their containers, ports and dependencies, then delete this LatticeMeshMember)";
  private static final ServiceRef REF = new ServiceRef("shop", "legacy");
  private static final PlatformSettings.HatchSettings SETTINGS = PlatformSettings.HatchSettings.defaults();

  private static Derivation on(String date) {
    return HatchFixtures.derive(HatchFixtures.engine(LocalDate.parse(date)), MeshMembers.intent(MeshMembers.MINIMAL));
  }

  private static HatchGovernance.Check check(Governance g, String date) {
    return HatchGovernance.check(REF, EscapeHatch.Kind.MESH_MEMBER, g, Optional.of(LocalDate.parse(date)), SETTINGS);
  }

  @Test
  @DisplayName("more than 30 days left: derived, Expiring=False with the days left")
  void active() {
    Derivation d = on("2027-01-01");
    assertThat(d).isInstanceOf(Derivation.Derived.class);
    assertThat(d.diagnostics()).isEmpty();
    var expiring = d.status().condition(ConditionType.Expiring).orElseThrow();
    assertThat(expiring.status()).isEqualTo("False");
    assertThat(expiring.reason()).isEqualTo("EscapeHatchCurrent");
    assertThat(expiring.message()).isEqualTo("The escape hatch expires in 89 days.");
  }

  @Test
  @DisplayName("from 30 days before: still derived, with the Expiring warning condition")
  void expiring() {
    Derivation d = on("2027-03-19");
    assertThat(d).isInstanceOf(Derivation.Derived.class);
    assertThat(d.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.expires: LatticeMeshMember shop/legacy (owner team-billing) expires on 2027-03-31, in 12 days. Fix: "
            + WAY + ", or set a later spec.expires.");
    var expiring = d.status().condition(ConditionType.Expiring).orElseThrow();
    assertThat(expiring.status()).isEqualTo("True");
    assertThat(expiring.reason()).isEqualTo("EscapeHatchExpiring");
    assertThat(check(Governance.of(member()), "2027-03-01").state()).isEqualTo(HatchGovernance.State.EXPIRING);
    assertThat(check(Governance.of(member()), "2027-02-28").state()).isEqualTo(HatchGovernance.State.ACTIVE);
    assertThat(check(Governance.of(member()), "2027-03-31").diagnostics().get(0).problem()).endsWith(", today.");
  }

  @Test
  @DisplayName("after expiry, during the grace period: still derived, the status says it expired and when it stops")
  void inGrace() {
    Derivation d = on("2027-04-03");
    assertThat(d).isInstanceOf(Derivation.Derived.class);
    assertThat(d.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.expires: LatticeMeshMember shop/legacy (owner team-billing) expired on 2027-03-31, 3 days ago; "
            + "derivation stops after the platform's grace period of 14 days, on 2027-04-14. Fix: " + WAY
            + ", or set a later spec.expires.");
    assertThat(d.status().condition(ConditionType.Expiring).orElseThrow().reason())
        .isEqualTo("EscapeHatchInGracePeriod");
    assertThat(on("2027-04-14")).isInstanceOf(Derivation.Derived.class);
  }

  @Test
  @DisplayName("after the grace period: nothing derived, EscapeHatchExpired names the owner, the date and the way")
  void expiredAfterGrace() {
    Derivation d = on("2027-04-15");
    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    String message = "spec.expires: LatticeMeshMember shop/legacy (owner team-billing) expired on 2027-03-31 and "
        + "the platform's grace period of 14 days ended on 2027-04-14, so nothing is derived for it any more; what "
        + "already runs keeps running and nothing is deleted. Fix: team-billing: " + WAY + ", or set a later "
        + "spec.expires (more than 90 days ahead needs a Cedar ExtendEscapeHatch permit).";
    assertThat(d.diagnostics()).extracting(Diagnostic::message).containsExactly(message);
    var ready = d.status().condition(ConditionType.Ready).orElseThrow();
    assertThat(ready.reason()).isEqualTo("EscapeHatchExpired");
    assertThat(ready.message()).isEqualTo("Nothing is derived any more: " + message);
    assertThat(d.status().condition(ConditionType.Expiring).orElseThrow().reason()).isEqualTo("EscapeHatchExpired");
  }

  @Test
  @DisplayName("the grace period is the platform's setting (hatches.gracePeriodDays)")
  void graceFromSettings() {
    var settings = PlatformSettings.defaults().withOverrides(
        Map.of("hatches.gracePeriodDays", "2", "hatches.maxLifetimeDays", "365"));
    assertThat(settings.hatches()).isEqualTo(new PlatformSettings.HatchSettings(2, 365));
    var check = HatchGovernance.check(REF, EscapeHatch.Kind.MESH_MEMBER, Governance.of(member()),
        Optional.of(LocalDate.parse("2027-04-03")), settings.hatches());
    assertThat(check.state()).isEqualTo(HatchGovernance.State.EXPIRED);
    assertThat(PlatformSettings.defaults().withOverrides(Map.of("hatches.gracePeriodDays", "two weeks")).hatches())
        .isEqualTo(SETTINGS);
  }

  @Test
  @DisplayName("an expiry past the maximum lifetime needs ExtendEscapeHatch; a permit grants it")
  void extendDenied() {
    Derivation d = on("2026-12-01");
    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.diagnostics()).extracting(Diagnostic::reason).containsExactly(Reason.ExtendEscapeHatchDenied);
    assertThat(d.diagnostics().get(0).message()).isEqualTo(
        "spec.expires: LatticeMeshMember shop/legacy is not permitted to keep the escape hatch until 2027-03-31, "
            + "120 days from today, past the platform's maximum lifetime of 90 days (Cedar: principal "
            + "Lattice::MeshMember::\"shop/legacy\", action Lattice::Action::\"ExtendEscapeHatch\", resource "
            + "Lattice::EscapeHatch::\"LatticeMeshMember/shop/legacy\"): no permit policy matched (Cedar denies by "
            + "default). Fix: set an earlier spec.expires, or contact the platform team to request a CedarPolicy in "
            + "namespace lattice-system with: permit(principal == Lattice::MeshMember::\"shop/legacy\", action == "
            + "Lattice::Action::\"ExtendEscapeHatch\", resource == Lattice::EscapeHatch::"
            + "\"LatticeMeshMember/shop/legacy\");");

    Derivation permitted = HatchFixtures.derive(HatchFixtures.engine(LocalDate.parse("2026-12-01"),
        "permit(principal == Lattice::MeshMember::\"shop/legacy\", action == Lattice::Action::\"ExtendEscapeHatch\", "
            + "resource == Lattice::EscapeHatch::\"LatticeMeshMember/shop/legacy\");"),
        MeshMembers.intent(MeshMembers.MINIMAL));
    assertThat(permitted).isInstanceOf(Derivation.Derived.class);
  }

  @Test
  @DisplayName("owner, reason and expires are required; a wrong date says how to write one")
  void requiredFields() {
    var missing = check(new Governance(null, " ", null), "2027-01-01");
    assertThat(missing.state()).isEqualTo(HatchGovernance.State.UNKNOWN);
    assertThat(missing.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.owner: LatticeMeshMember shop/legacy has no owner; an escape hatch must name the team that answers "
            + "for it. Fix: add spec.owner with your team's name, e.g. owner: team-billing.",
        "spec.reason: LatticeMeshMember shop/legacy gives no reason; an escape hatch must say why it exists. Fix: "
            + "add spec.reason with a ticket or a sentence, e.g. reason: JIRA-123 legacy billing until the rewrite.",
        "spec.expires: LatticeMeshMember shop/legacy has no expiry date; an escape hatch is temporary. Fix: add "
            + "spec.expires with the last day it is needed, at most 90 days ahead without a permit, e.g. expires: "
            + "2027-04-01.");
    assertThat(missing.diagnostics()).extracting(Diagnostic::reason)
        .containsOnly(Reason.EscapeHatchGovernanceMissing);
    var wrong = check(new Governance("t", "r", "31.03.2027"), "2027-01-01");
    assertThat(wrong.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "spec.expires: '31.03.2027' is not a date. Fix: write the date as YYYY-MM-DD, e.g. expires: 2027-04-01.");
    assertThat(wrong.diagnostics()).extracting(Diagnostic::reason).containsExactly(Reason.InvalidExpiryDate);
  }

  @Test
  @DisplayName("without a date the engine judges no expiry (it never reads a clock)")
  void noDate() {
    var d = HatchFixtures.derive(new dev.lattice.engine.Engine(PlatformSettings.defaults(),
        dev.lattice.policy.Authorizer.permitAll()), MeshMembers.intent(MeshMembers.MINIMAL));
    assertThat(d).isInstanceOf(Derivation.Derived.class);
    assertThat(d.status().condition(ConditionType.Expiring).orElseThrow().status()).isEqualTo("False");
  }

  private static dev.lattice.api.hatch.EscapeHatchSpec member() {
    var spec = new dev.lattice.api.hatch.EscapeHatchSpec();
    spec.owner = "team-billing";
    spec.reason = "r";
    spec.expires = "2027-03-31";
    return spec;
  }
}
