package dev.lattice.engine.validate;

import dev.lattice.api.status.Diagnostic;
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
    return problems.list();
  }
}
