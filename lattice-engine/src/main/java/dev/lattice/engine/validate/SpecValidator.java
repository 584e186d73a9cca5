package dev.lattice.engine.validate;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.ServiceContext;
import java.util.List;

/** Runs every rule over one service and returns all problems found, errors and warnings, in a stable order. */
public final class SpecValidator {
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
        .map(u -> new Diagnostic(d.reason(), d.fieldPath(), d.problem() + " " + u.hint(), u.renameFix() + d.fix()))
        .orElse(d);
  }
}
