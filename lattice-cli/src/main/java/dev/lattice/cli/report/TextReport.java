package dev.lattice.cli.report;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.cli.io.InputError;
import dev.lattice.cli.io.SkippedDocument;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.validate.Names;
import dev.lattice.policy.PolicySummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report a person reads first: one line per service with its phase, then each problem with its reason code,
 * where it is (file:line and field path), what is wrong and the fix.
 */
public final class TextReport {
  private static final String RED = "31";
  private static final String GREEN = "32";
  private static final String YELLOW = "33";
  private static final Map<ServiceStatus.Phase, String> PHASE_COLOURS =
      Map.of(ServiceStatus.Phase.Ready, GREEN, ServiceStatus.Phase.Failed, RED, ServiceStatus.Phase.Pending, YELLOW);

  private TextReport() {}

  private static String shown(Derivation d) {
    return Names.printable(d.ref().namespace()) + "/" + Names.printable(d.ref().name());
  }

  private static String counts(Map<String, Long> counts) {
    StringBuilder text = new StringBuilder();
    counts.forEach((key, n) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(' ').append(n));
    return text.toString();
  }

  public static void print(DeriveRun run, Optional<String> outputDir, PrintWriter out) {
    print(run, outputDir, ReportStyle.PLAIN, out);
  }

  public static void print(DeriveRun run, Optional<String> outputDir, ReportStyle style, PrintWriter out) {
    List<ServiceOutcome> shown = style.summary()
        ? run.outcomes().stream().filter(run::fails).toList()
        : run.outcomes();
    // Names are printed escaped: an invalid one may hold control characters that would drive the terminal.
    int width = shown.stream().mapToInt(o -> shown(o.derivation()).length()).max().orElse(0);
    for (ServiceOutcome outcome : shown) {
      Derivation d = outcome.derivation();
      String summary = d instanceof Derivation.Derived derived
          ? derived.resources().size() + " resources"
          : "nothing derived";
      String phase = String.format("%-6s", d.status().phase());
      out.printf("%-" + width + "s  %s  %s  (%s)%n", shown(d), style.paint(PHASE_COLOURS.get(d.status().phase()), phase),
          summary, outcome.source().file());
      for (Diagnostic diagnostic : d.diagnostics()) {
        int line = outcome.source().locator().lineOf(diagnostic.fieldPath());
        boolean error = diagnostic.severity() == Severity.ERROR;
        out.printf(
            "  %s %s  %s:%d%n", style.paint(error ? RED : YELLOW, String.format("%-7s", error ? "error" : "warning")),
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
    for (String warning : run.runWarnings()) {
      out.printf("%s %s%n", style.paint(YELLOW, "warning"), warning);
    }
    out.println();
    if (style.summary()) {
      out.println("By phase:  " + counts(run.countByPhase()));
      if (!run.countByReason().isEmpty()) {
        out.println("By reason: " + counts(run.countByReason()));
      }
    }
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
    long warnings = run.warnings();
    if (run.strict() && warnings > 0) {
      summary.append(" Strict: ").append(warnings).append(warnings == 1 ? " warning fails" : " warnings fail")
          .append(" the run.");
    }
    outputDir.ifPresent(dir -> summary.append(" Manifests of Ready services written to ").append(dir).append('.'));
    out.println(run.exitCode() == 0 ? summary : style.paint(RED, summary.toString()));
    boolean withoutUid = run.outcomes().stream()
        .anyMatch(o -> o.derivation() instanceof Derivation.Derived
            && o.source().input().intent().uid().isEmpty());
    if (withoutUid) {
      out.println("Note: derived objects get an owner reference to their LatticeService when the operator derives "
          + "them (it knows the uid); files have no metadata.uid, so the manifests here have none.");
    }
    boolean syncsSecrets = run.outcomes().stream()
        .anyMatch(o -> o.derivation() instanceof Derivation.Derived derived
            && derived.resources().stream().anyMatch(r -> "ExternalSecret".equals(r.getKind())));
    if (syncsSecrets) {
      // Said once per run: lattice derive cannot see Secret data, so its config hashes cover less than the cluster's.
      out.println("Note: the operator folds a digest of the Secrets External Secrets syncs into lattice.dev/config-hash, "
          + "so a rotated secret rolls the pods; lattice derive cannot read Secret data, so the hashes here cover the "
          + "ExternalSecrets only.");
    }
    out.flush();
  }
}
