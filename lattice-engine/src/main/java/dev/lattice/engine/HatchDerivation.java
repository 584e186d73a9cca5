package dev.lattice.engine;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.authorize.PolicyCheck;
import dev.lattice.engine.hatch.HatchGovernance;
import dev.lattice.engine.mesh.ConsentReport;
import dev.lattice.engine.mesh.MeshPolicies;
import dev.lattice.engine.mesh.NearestService;
import dev.lattice.engine.validate.HatchRules;
import dev.lattice.policy.Authorizer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives an escape hatch node: governance on the engine's date, the mesh section's rules, Cedar, bilateral
 * consent (the same report a service gets), then only mesh policy for the selected pods: the default-deny
 * CiliumNetworkPolicy and AuthorizationPolicy plus a PeerAuthentication. Never a workload: the pods exist already.
 */
final class HatchDerivation {
  private HatchDerivation() {}

  static Derivation derive(ServiceContext context, List<Diagnostic> intake, Authorizer authorizer) {
    EscapeHatch hatch = context.intent().hatch().orElseThrow();
    HatchGovernance.Check governance = HatchGovernance.check(context.ref(), hatch.kind(), hatch.governance(),
        context.today(), context.settings().hatches());
    List<Diagnostic> diagnostics = new ArrayList<>(intake);
    diagnostics.addAll(governance.diagnostics());
    diagnostics.addAll(HatchRules.validate(context));
    PolicyCheck.Result policy = PolicyCheck.check(context, authorizer);
    diagnostics.addAll(policy.denials());
    var fleet = context.fleet();
    ConsentReport.Consent consent = ConsentReport.of(context.ref(), context.edgesFrom(), context.edgesTo(),
        missing -> NearestService.of(fleet, missing),
        fleet::find);
    diagnostics.addAll(consent.diagnostics());
    ServiceStatus.StatusCondition expiring = expiring(governance);
    List<Diagnostic> errors = Engine.only(diagnostics, Severity.ERROR);
    if (!errors.isEmpty()) {
      List<Diagnostic> other = errors.stream().filter(d -> d.reason() != Reason.EscapeHatchExpired).toList();
      ServiceStatus status = Engine.rejected(other.isEmpty() ? errors : other, diagnostics, policy, consent);
      List<ServiceStatus.StatusCondition> conditions = new ArrayList<>(status.conditions());
      if (governance.state() == HatchGovernance.State.EXPIRED) {
        // Expiry is the reason that matters: even a fixed spec derives nothing until spec.expires moves.
        Diagnostic expired = governance.diagnostics().stream()
            .filter(d -> d.reason() == Reason.EscapeHatchExpired).findFirst().orElseThrow();
        conditions.replaceAll(c -> c.type() != ConditionType.Ready ? c
            : Engine.condition(ConditionType.Ready, false, Reason.EscapeHatchExpired.name(),
                "Nothing is derived any more: " + expired.message()));
      }
      conditions.add(expiring);
      return new Derivation.Rejected(context.ref(), diagnostics, new ServiceStatus(status.phase(), conditions));
    }
    List<HasMetadata> resources = new ArrayList<>(MeshPolicies.of(context));
    ServiceStatus status = Engine.derived(resources.size(), diagnostics, policy, consent);
    List<ServiceStatus.StatusCondition> conditions = new ArrayList<>(status.conditions());
    conditions.add(expiring);
    return new Derivation.Derived(context.ref(), resources, diagnostics,
        new ServiceStatus(status.phase(), conditions));
  }

  private static ServiceStatus.StatusCondition expiring(HatchGovernance.Check check) {
    var warning = check.diagnostics().stream().filter(d -> d.reason().conditionType() == ConditionType.Expiring)
        .findFirst();
    if (warning.isPresent()) {
      return Engine.condition(ConditionType.Expiring, true, warning.get().reason().name(), warning.get().message());
    }
    String message = switch (check.state()) {
      case ACTIVE -> "The escape hatch expires in " + check.daysLeft().getAsLong() + " days.";
      default -> "The expiry is not judged: " + (check.daysLeft().isEmpty() ? "spec.expires is missing or invalid, "
          + "or no date was given." : "no date was given.");
    };
    return Engine.condition(ConditionType.Expiring, false, Reason.EscapeHatchCurrent.name(), message);
  }
}
