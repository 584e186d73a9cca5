package dev.lattice.operator;

import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.CedarPolicyStatus;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import dev.lattice.policy.PolicySummary;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;

/**
 * Writes what loading a CedarPolicy found into its status: permit and forbid counts, and every statement that does
 * not parse with its line, so the platform team sees a typo where it wrote it.
 */
@ControllerConfiguration(name = "cedarpolicy")
public final class CedarPolicyReconciler implements Reconciler<CedarPolicy> {
  @Override
  public UpdateControl<CedarPolicy> reconcile(CedarPolicy policy, Context<CedarPolicy> context) {
    PolicySummary summary = PolicyLibrary.load(java.util.List.of(PolicyDocument.of(policy, ""))).summaries().get(0);
    CedarPolicyStatus status = new CedarPolicyStatus();
    status.phase = !summary.enforced() ? "Ignored" : !summary.enabled() ? "Disabled"
        : summary.problems().isEmpty() ? "Valid" : "Invalid";
    status.message = summary.message();
    status.permitCount = summary.permits();
    status.forbidCount = summary.forbids();
    // Empty lists are not stored by the API server's serialisation; null keeps "no errors" comparable.
    status.validationErrors = summary.problems().isEmpty() ? null : summary.problems().stream()
        .map(p -> p.line() > 0 ? "line " + p.line() + ": " + p.message() : p.message()).toList();
    status.observedGeneration = policy.getMetadata().getGeneration();
    CedarPolicyStatus previous = policy.getStatus();
    if (previous != null && Objects.equals(previous.phase, status.phase)
        && Objects.equals(previous.message, status.message)
        && Objects.equals(previous.validationErrors, status.validationErrors)
        && Objects.equals(previous.observedGeneration, status.observedGeneration)) {
      return UpdateControl.noUpdate();
    }
    policy.setStatus(status);
    return UpdateControl.patchStatus(policy);
  }
}
