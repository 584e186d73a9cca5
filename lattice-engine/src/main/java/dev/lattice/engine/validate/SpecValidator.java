package dev.lattice.engine.validate;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.ServiceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs every rule over one service and returns all problems found, errors and warnings, in a stable order. */
public final class SpecValidator {
  private static final String PORTS = "spec.workload.service.ports";
  private static final String RESOURCES = "spec.workload.resources";
  /** Problems reported at the field that names something, about a block elsewhere that declares nothing. */
  private static final Map<Reason, String> CONCERNS = Map.of(
      Reason.ProbePortUnknown, PORTS,
      Reason.RoutePortUnknown, PORTS,
      Reason.MetricsPortUnknown, PORTS,
      Reason.EnvFromNotASecret, RESOURCES,
      Reason.InvalidVolumeSource, RESOURCES,
      Reason.SecretReferenceUnknownResource, RESOURCES);
  private SpecValidator() {}

  public static List<Diagnostic> validate(ServiceContext context) {
    Problems problems = new Problems();
    ServiceRules.check(context, problems);
    ContainerRules.check(context, problems);
    ResourceRules.check(context, problems);
    IngressRules.check(context, problems);
    TemplateRules.check(context, problems);
    return problems.list().stream().map(d -> withTypo(context, d)).toList();
  }

  /**
   * A rule that fails because a field is absent, when the reader ignored an unknown field that stands for it
   * ({@code comand} for {@code command}), names that field in its message: the typo is the real problem.
   */
  static Diagnostic withTypo(ServiceContext context, Diagnostic d) {
    if (d.severity() != Severity.ERROR) {
      return d;
    }
    return context.intent().unknownFieldFor(d.fieldPath())
        .or(() -> Optional.ofNullable(CONCERNS.get(d.reason())).flatMap(context.intent()::unknownFieldFor))
        .map(u -> new Diagnostic(d.reason(), d.fieldPath(), d.problem() + " " + u.hint(), u.renameFix() + d.fix()))
        .orElse(d);
  }
}
