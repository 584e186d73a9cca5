package dev.lattice.engine.validate;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.api.status.Suggestions;
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
    if (!LimitRules.check(context, problems)) {
      return problems.list();
    }
    ServiceRules.check(context, problems);
    ContainerRules.check(context, problems);
    ResourceRules.check(context, problems);
    ProviderRules.imagePullSecrets(context, problems);
    IngressRules.check(context, problems);
    RouteConflicts.check(context, problems);
    QuotaRules.check(context, problems);
    TemplateRules.check(context, problems);
    CredentialRules.check(context, problems);
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
        .or(() -> paramTypo(context, d.fieldPath()))
        .map(u -> new Diagnostic(d.reason(), d.fieldPath(), d.problem() + " " + u.hint(), u.renameFix() + d.fix()))
        .orElse(d);
  }

  /**
   * Params are free-form, so the reader cannot call a key unknown; a missing {@code params.provider} next to a
   * {@code params.provder} is the same typo all the same.
   */
  private static Optional<UnknownField> paramTypo(ServiceContext context, String fieldPath) {
    String prefix = RESOURCES + ".";
    int params = fieldPath.indexOf(".params.", prefix.length());
    if (!fieldPath.startsWith(prefix) || params < 0) {
      return Optional.empty();
    }
    Resource resource = context.intent().spec().resources().get(fieldPath.substring(prefix.length(), params));
    String rest = fieldPath.substring(params + ".params.".length());
    String key = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    if (resource == null || resource.params().containsKey(key)) {
      return Optional.empty();
    }
    List<String> written = resource.params().keySet().stream().filter(k -> Suggestions.nearest(k, List.of(key))
        .isPresent()).sorted().toList();
    return written.isEmpty() ? Optional.empty() : Optional.of(new UnknownField(
        fieldPath.substring(0, params + ".params".length()), written.get(0), Optional.of(key)));
  }
}
