package dev.lattice.engine.validate;

import dev.lattice.api.model.Container;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.template.Resolution;
import dev.lattice.engine.template.Template;
import dev.lattice.engine.template.TemplateParser;
import dev.lattice.engine.template.TemplateResolver;
import java.util.Set;
import java.util.TreeSet;

/** Every template of the service must parse and resolve, so that rendering never meets a broken one. */
final class TemplateRules {
  private TemplateRules() {}

  static void check(ServiceContext context, Problems problems) {
    TemplateResolver resolver = new TemplateResolver(context);
    for (Container c : context.intent().spec().containers().values()) {
      String path = "spec.workload.containers." + c.name();
      c.variables().forEach(
          (name, value) -> {
            String p = path + ".variables." + name;
            parse(value, false, p, problems).ifPresent(t -> resolve(t, resolver, p, problems));
          });
      c.files().forEach(
          (filePath, file) -> {
            if (file.noExpand() || file.content().isEmpty()) {
              return;
            }
            String p = path + ".files." + filePath + ".content";
            parse(file.content().get(), file.reverseExpand(), p, problems)
                .ifPresent(t -> resolve(t, resolver, p, problems));
          });
    }
  }

  private static java.util.Optional<Template> parse(String text, boolean reverse, String path, Problems problems) {
    TemplateParser.Result result = TemplateParser.parse(text, reverse);
    if (result instanceof TemplateParser.Malformed malformed) {
      problems.add(
          Reason.TemplateSyntax, path, malformed.problem() + ".",
          reverse
              ? "close every $${ with } (with reverseExpand, $${...} is a reference and ${ stays literal)."
              : "close every ${ with }, or write $${ for a literal ${.");
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(((TemplateParser.Ok) result).template());
  }

  private static void resolve(
      Template template, TemplateResolver resolver, String path, Problems problems) {
    Set<String> providers = new TreeSet<>();
    for (Template.Reference reference : template.references()) {
      Resolution resolution = resolver.resolve(reference);
      if (resolution instanceof Resolution.Unresolved u) {
        problems.add(u.reason(), path, u.problem(), u.fix());
      } else if (resolution instanceof Resolution.SecretKey key) {
        providers.add(key.provider());
      }
    }
    if (providers.size() > 1) {
      problems.add(
          Reason.SecretReferenceNotAllowed, path,
          "one value mixes secrets from several providers " + providers + "; a value is assembled by one secret "
              + "store.",
          "split the value into one variable or file per provider.");
    }
  }
}
