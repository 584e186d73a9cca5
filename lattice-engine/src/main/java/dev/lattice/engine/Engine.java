package dev.lattice.engine;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.mesh.ConsentReport;
import dev.lattice.engine.render.ServiceRenderer;
import dev.lattice.engine.validate.SpecValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The derivation pipeline: validate, check consent, render. Pure and deterministic: the same fleet and settings give
 * the same objects and status, whatever order the services came in.
 */
public final class Engine {
  private final PlatformSettings settings;

  public Engine(PlatformSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public PlatformSettings settings() {
    return settings;
  }

  /** Derives every service of the fleet, in namespace/name order. */
  public List<Derivation> deriveAll(Fleet fleet) {
    List<Derivation> out = new ArrayList<>(fleet.size());
    for (ServiceInput input : fleet.services()) {
      out.add(derive(input, fleet));
    }
    return out;
  }

  /**
   * The result of changing one service in a derived fleet: the new fleet and the new derivation of every service
   * the change can affect (the service and its graph neighbours before and after the change). Every other service's
   * derivation is unchanged, so callers keep theirs.
   *
   * @param removed services that no longer exist (their derived objects should be deleted)
   */
  public record Change(Fleet fleet, SortedMap<ServiceRef, Derivation> rederived, SortedSet<ServiceRef> removed) {}

  /** Adds or replaces one service and re-derives only what that can affect. */
  public Change apply(Fleet before, ServiceInput changed) {
    Fleet after = before.with(changed);
    return rederive(before, after, changed.intent().ref());
  }

  /** Removes one service and re-derives only its former neighbours. */
  public Change remove(Fleet before, ServiceRef ref) {
    return rederive(before, before.without(ref), ref);
  }

  private Change rederive(Fleet before, Fleet after, ServiceRef ref) {
    SortedSet<ServiceRef> affected = new TreeSet<>(before.graph().neighbours(ref));
    affected.addAll(after.graph().neighbours(ref));
    affected.add(ref);
    SortedMap<ServiceRef, Derivation> rederived = new TreeMap<>();
    SortedSet<ServiceRef> removed = new TreeSet<>();
    for (ServiceRef service : affected) {
      var input = after.input(service);
      if (input.isPresent()) {
        rederived.put(service, derive(input.get(), after));
      } else if (before.input(service).isPresent()) {
        removed.add(service);
      }
    }
    return new Change(after, rederived, removed);
  }

  /** Derives one service against the fleet it lives in (for references to other services and consent). */
  public Derivation derive(ServiceInput input, Fleet fleet) {
    ServiceContext context = new ServiceContext(input.intent(), fleet, settings);
    List<Diagnostic> diagnostics = new ArrayList<>(input.intakeDiagnostics());
    diagnostics.addAll(SpecValidator.validate(context));
    ConsentReport.Consent consent = ConsentReport.of(context.ref(), fleet.graph());
    diagnostics.addAll(consent.diagnostics());
    List<Diagnostic> errors = only(diagnostics, Severity.ERROR);
    if (!errors.isEmpty()) {
      return new Derivation.Rejected(context.ref(), diagnostics, rejected(errors, diagnostics, consent));
    }
    List<HasMetadata> resources = ServiceRenderer.render(context);
    return new Derivation.Derived(context.ref(), resources, diagnostics,
        derived(resources.size(), diagnostics, consent));
  }

  private static ServiceStatus derived(int resourceCount, List<Diagnostic> diagnostics, ConsentReport.Consent consent) {
    List<Diagnostic> warnings = ofCondition(diagnostics, ConditionType.Validated);
    String validated = warnings.isEmpty()
        ? "The spec is valid."
        : "The spec is valid, with " + count(warnings.size(), "warning") + ":\n" + messages(warnings);
    String ready = count(resourceCount, "resource") + " derived.";
    if (!consent.diagnostics().isEmpty()) {
      ready += " Traffic on " + count(consent.diagnostics().size(), "one-sided declaration")
          + " stays denied until both sides agree (see condition BilateralConsent).";
    }
    return new ServiceStatus(
        ServiceStatus.Phase.Ready,
        List.of(
            condition(ConditionType.Validated, true, Reason.SpecValid.name(), validated),
            consentCondition(consent),
            condition(ConditionType.Ready, true, Reason.Derived.name(), ready)));
  }

  private static ServiceStatus rejected(
      List<Diagnostic> errors, List<Diagnostic> diagnostics, ConsentReport.Consent consent) {
    Diagnostic first = errors.get(0);
    List<Diagnostic> shown = new ArrayList<>(errors);
    shown.addAll(only(ofCondition(diagnostics, ConditionType.Validated), Severity.WARNING));
    return new ServiceStatus(
        ServiceStatus.Phase.Failed,
        List.of(
            condition(ConditionType.Validated, false, first.reason().name(),
                "The spec has " + count(errors.size(), "problem") + ":\n" + messages(shown)),
            consentCondition(consent),
            condition(ConditionType.Ready, false, first.reason().name(),
                "Nothing was derived because the spec has " + count(errors.size(), "problem")
                    + " (see condition Validated); the first: " + first.message())));
  }

  private static ServiceStatus.StatusCondition consentCondition(ConsentReport.Consent consent) {
    List<Diagnostic> pending = consent.diagnostics();
    if (pending.isEmpty()) {
      return condition(ConditionType.BilateralConsent, true, Reason.ConsentAgreed.name(),
          consent.agreedEdges() == 0
              ? "The service declares no service dependencies or callers."
              : "All " + count(consent.agreedEdges(), "declared edge") + " agreed by both sides.");
    }
    Reason reason = pending.stream().map(Diagnostic::reason)
        .filter(r -> r == Reason.DependencyNotFound).findFirst().orElse(pending.get(0).reason());
    return condition(ConditionType.BilateralConsent, false, reason.name(),
        count(pending.size(), "one-sided declaration") + " (traffic on them stays denied; "
            + count(consent.agreedEdges(), "edge") + " agreed):\n" + messages(pending));
  }

  private static ServiceStatus.StatusCondition condition(
      ConditionType type, boolean status, String reason, String message) {
    return new ServiceStatus.StatusCondition(type, status ? "True" : "False", reason, message);
  }

  private static List<Diagnostic> only(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).collect(Collectors.toList());
  }

  private static List<Diagnostic> ofCondition(List<Diagnostic> diagnostics, ConditionType type) {
    return diagnostics.stream().filter(d -> d.reason().conditionType() == type).collect(Collectors.toList());
  }

  private static String messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
