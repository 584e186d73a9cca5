package dev.lattice.cli.report;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.SkippedDocument;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.validate.Names;
import dev.lattice.policy.PolicySummary;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * The report a person reads first: one line per service with its phase, then each problem with its reason code,
 * where it is (file:line and field path), what is wrong and the fix.
 */
public final class TextReport {
  private TextReport() {}

  private static String shown(Derivation d) {
    return Names.printable(d.ref().namespace()) + "/" + Names.printable(d.ref().name());
  }

  public static void print(DeriveRun run, Optional<String> outputDir, PrintWriter out) {
    // Names are printed escaped: an invalid one may hold control characters that would drive the terminal.
    int width = run.outcomes().stream().mapToInt(o -> shown(o.derivation()).length()).max().orElse(0);
    for (ServiceOutcome outcome : run.outcomes()) {
      Derivation d = outcome.derivation();
      String summary = d instanceof Derivation.Derived derived
          ? derived.resources().size() + " resources"
          : "nothing derived";
      out.printf("%-" + width + "s  %-6s  %s  (%s)%n", shown(d), d.status().phase(), summary, outcome.source().file());
      for (Diagnostic diagnostic : d.diagnostics()) {
        int line = outcome.source().locator().lineOf(diagnostic.fieldPath());
        out.printf(
            "  %-7s %s  %s:%d%n", diagnostic.severity() == Severity.ERROR ? "error" : "warning",
            diagnostic.reason(), outcome.source().file(), line);
        out.printf("          %s: %s%n", diagnostic.fieldPath(), TypoLines.of(diagnostic.problem(), outcome));
        out.printf("          Fix: %s%n", diagnostic.fix());
      }
    }
    for (PolicySummary policy : run.policies()) {
      for (var problem : policy.problems()) {
        out.printf("policy  CedarPolicy %s/%s%s: %s%n", policy.namespace(), policy.name(),
            problem.line() > 0 ? " line " + problem.line() : "", problem.message()
                + (policy.enforced() && problem.skipped() ? " (statement skipped; the rest of the policy applies)" : ""));
      }
    }
    for (SkippedDocument skipped : run.skipped()) {
      out.printf(
          "skipped %s:%d  %s %s%s: %s%n", skipped.file(), skipped.line(), skipped.apiVersion(), skipped.kind(),
          skipped.name().isEmpty() ? "" : " " + skipped.name(), skipped.note());
    }
    for (InputError error : run.errors()) {
      out.printf("error   %s%n", error);
    }
    out.println();
    long failed = run.failed();
    StringBuilder summary = new StringBuilder();
    summary.append(run.outcomes().size()).append(run.outcomes().size() == 1 ? " service: " : " services: ")
        .append(run.outcomes().size() - failed).append(" Ready, ").append(failed).append(" Failed");
    long statements = run.policies().stream().filter(p -> p.enforced() && p.enabled())
        .mapToLong(p -> p.permits() + p.forbids()).sum();
    if (!run.policies().isEmpty()) {
      summary.append("; ").append(statements).append(" Cedar statement").append(statements == 1 ? "" : "s")
          .append(" enforced");
    }
    if (!run.skipped().isEmpty()) {
      summary.append("; ").append(run.skipped().size()).append(" other document")
          .append(run.skipped().size() == 1 ? "" : "s").append(" skipped");
    }
    if (!run.errors().isEmpty()) {
      summary.append("; ").append(run.errors().size()).append(" input error")
          .append(run.errors().size() == 1 ? "" : "s");
    }
    summary.append('.');
    outputDir.ifPresent(dir -> summary.append(" Manifests of Ready services written to ").append(dir).append('.'));
    out.println(summary);
    boolean withoutUid = run.outcomes().stream()
        .anyMatch(o -> o.derivation() instanceof Derivation.Derived
            && o.source().input().intent().uid().isEmpty());
    if (withoutUid) {
      out.println("Note: derived objects get an owner reference to their LatticeService when the operator derives "
          + "them (it knows the uid); files have no metadata.uid, so the manifests here have none.");
    }
    out.flush();
  }
}
