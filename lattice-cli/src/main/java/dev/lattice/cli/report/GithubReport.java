package dev.lattice.cli.report;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.cli.io.InputError;
import java.io.PrintWriter;

/**
 * The report as GitHub Actions workflow commands: one {@code ::error file=F,line=L,title=T::message} (or
 * {@code ::warning}) per problem, which GitHub shows on the line of the pull request's diff. Under a strict run
 * warnings are errors, since they fail it. Escaped as the runner requires: {@code %}, CR and LF in the message; also
 * {@code :} and {@code ,} in the properties.
 */
public final class GithubReport {
  private GithubReport() {}

  public static void print(DeriveRun run, ReportStyle style, PrintWriter out) {
    for (ServiceOutcome outcome : run.outcomes()) {
      if (style.summary() && !run.fails(outcome)) {
        continue;
      }
      for (Diagnostic d : outcome.derivation().diagnostics()) {
        boolean error = d.severity() == Severity.ERROR || run.strict();
        out.println(command(error ? "error" : "warning", outcome.source().file(),
            outcome.source().locator().lineOf(d.fieldPath()), d.reason() + " (" + outcome.derivation().ref() + ")",
            d.message()));
      }
    }
    for (var policy : run.policies()) {
      for (var problem : policy.problems()) {
        out.println(command(run.strict() ? "error" : "warning", null, 0,
            "CedarPolicy " + policy.namespace() + "/" + policy.name(),
            (problem.line() > 0 ? "line " + problem.line() + ": " : "") + problem.message()
                + " (statement skipped; the rest of the policy applies)"));
      }
    }
    for (InputError error : run.errors()) {
      out.println(command("error", error.file(), error.line(), "input error", error.message()));
    }
    for (String warning : run.runWarnings()) {
      out.println(command(run.strict() ? "error" : "warning", null, 0, "lattice derive", warning));
    }
    long failed = run.failed();
    out.println(run.outcomes().size() + (run.outcomes().size() == 1 ? " service: " : " services: ")
        + (run.outcomes().size() - failed) + " Ready, " + failed + " Failed; " + run.warnings() + " warning"
        + (run.warnings() == 1 ? "" : "s") + (run.strict() ? " (strict: warnings fail the run)" : "") + "; "
        + run.errors().size() + " input error" + (run.errors().size() == 1 ? "" : "s") + ".");
    out.flush();
  }

  /** One workflow command; {@code file} null and {@code line} 0 leave those properties out. */
  static String command(String level, String file, int line, String title, String message) {
    StringBuilder text = new StringBuilder("::").append(level);
    String separator = " ";
    if (file != null) {
      text.append(separator).append("file=").append(property(file));
      separator = ",";
      if (line > 0) {
        text.append(",line=").append(line);
      }
    }
    text.append(separator).append("title=").append(property(title));
    return text.append("::").append(data(message)).toString();
  }

  /** The message of a workflow command. */
  static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value of a workflow command. */
  static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
