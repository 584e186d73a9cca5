package dev.lattice.engine;

import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.render.ServiceRenderer;
import dev.lattice.engine.validate.SpecValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The derivation pipeline: validate, then render. Pure and deterministic: the same fleet and settings give the
 * same objects and status, whatever order the services came in.
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

  /** Derives one service against the fleet it lives in (for references to other services). */
  public Derivation derive(ServiceInput input, Fleet fleet) {
    ServiceContext context = new ServiceContext(input.intent(), fleet, settings);
    List<Diagnostic> diagnostics = new ArrayList<>(input.intakeDiagnostics());
    diagnostics.addAll(SpecValidator.validate(context));
    List<Diagnostic> errors =
        diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).collect(Collectors.toList());
    List<Diagnostic> warnings =
        diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).collect(Collectors.toList());
    if (!errors.isEmpty()) {
      return new Derivation.Rejected(context.ref(), diagnostics, rejected(errors, warnings));
    }
    List<HasMetadata> resources = ServiceRenderer.render(context);
    return new Derivation.Derived(context.ref(), resources, warnings, derived(resources.size(), warnings));
  }

  private static ServiceStatus derived(int resourceCount, List<Diagnostic> warnings) {
    String validated = warnings.isEmpty()
        ? "The spec is valid."
        : "The spec is valid, with " + count(warnings.size(), "warning") + ":\n" + messages(warnings);
    return new ServiceStatus(
        ServiceStatus.Phase.Ready,
        List.of(
            new ServiceStatus.StatusCondition(
                ConditionType.Validated, "True", Reason.SpecValid.name(), validated),
            new ServiceStatus.StatusCondition(
                ConditionType.Ready, "True", Reason.Derived.name(),
                count(resourceCount, "resource") + " derived.")));
  }

  private static ServiceStatus rejected(List<Diagnostic> errors, List<Diagnostic> warnings) {
    Diagnostic first = errors.get(0);
    List<Diagnostic> shown = new ArrayList<>(errors);
    shown.addAll(warnings);
    return new ServiceStatus(
        ServiceStatus.Phase.Failed,
        List.of(
            new ServiceStatus.StatusCondition(
                ConditionType.Validated, "False", first.reason().name(),
                "The spec has " + count(errors.size(), "problem") + ":\n" + messages(shown)),
            new ServiceStatus.StatusCondition(
                ConditionType.Ready, "False", first.reason().name(),
                "Nothing was derived because the spec has " + count(errors.size(), "problem")
                    + " (see condition Validated); the first: " + first.message())));
  }

  private static String messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
