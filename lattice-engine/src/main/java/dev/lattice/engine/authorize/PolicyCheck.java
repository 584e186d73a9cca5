package dev.lattice.engine.authorize;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.engine.ServiceContext;
import dev.lattice.policy.Authorizer;
import dev.lattice.policy.Decision;
import dev.lattice.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Asks every request of a service in one pass and turns each denial into an actionable diagnostic. */
public final class PolicyCheck {
  private PolicyCheck() {}

  /** The number of requests asked, and a diagnostic per denial. */
  public record Result(int asked, List<Diagnostic> denials) {
    public Result {
      denials = List.copyOf(denials);
    }
  }

  public static Result check(ServiceContext context, Authorizer authorizer) {
    List<Ask> asks = AccessRequests.of(context);
    List<Diagnostic> denials = new ArrayList<>();
    for (Ask ask : asks) {
      Decision decision = authorizer.authorize(ask.request());
      if (!decision.allowed()) {
        denials.add(denial(context, ask, decision, authorizer.nearMisses(ask.request())));
      }
    }
    return new Result(asks.size(), denials);
  }

  /** @param nearMisses permits that would grant the request but for a misspelt name (see the authorizer) */
  static Diagnostic denial(ServiceContext context, Ask ask, Decision decision, List<String> nearMisses) {
    var request = ask.request();
    String kind = context.intent().isHatch() ? context.intent().kindName() : "Service";
    String head = kind + " " + request.principal() + " is not permitted to " + ask.what() + " (Cedar: principal "
        + request.principalUid() + ", action Lattice::Action::\"" + request.action().name()
        + "\", resource " + request.resource().cedar() + ")";
    String contact = context.settings().platformContact();
    var typo = context.intent().unknownFieldFor(ask.fieldPath());
    if (typo.isPresent() && decision.outcome() != Decision.Outcome.ERROR) {
      // The spec asks for this access only because a field was misspelt (no command: any binary may run).
      var u = typo.get();
      return new Diagnostic(ask.denial(), ask.fieldPath(),
          head + ": " + (decision.outcome() == Decision.Outcome.FORBIDDEN ? "denied by "
              + forbids(decision.deciding()) : "no permit policy matched") + ". The spec asks for this only "
              + "because no " + u.meant().orElseThrow() + " was given. " + u.hint(),
          "rename '" + u.name() + "' to '" + u.meant().orElseThrow() + "'; the request then goes away.");
    }
    return switch (decision.outcome()) {
      case FORBIDDEN -> new Diagnostic(ask.denial(), ask.fieldPath(),
          head + ": denied by " + forbids(decision.deciding()) + ".",
          "a forbid always wins over any permit; contact " + contact + " if this service should be exempt from it, "
              + "or change the spec so it does not need this access.");
      case ERROR -> new Diagnostic(dev.lattice.api.status.Reason.AuthorizationError, ask.fieldPath(),
          head + ": Cedar could not evaluate the request (" + decision.error() + ").",
          "this is not a problem with your spec; contact " + contact + " with this message.");
      default -> nearMisses.isEmpty()
          ? new Diagnostic(ask.denial(), ask.fieldPath(),
              head + ": no permit policy matched (Cedar denies by default).",
              fixForNoPermit(ask) + "contact " + contact + " to request a CedarPolicy in namespace "
                  + "lattice-system with: " + request.permitStatement())
          : new Diagnostic(ask.denial(), ask.fieldPath(),
              head + ": no permit policy matched (Cedar denies by default). " + String.join(" ", nearMisses),
              "contact " + contact + " to correct the misspelt name in that statement, or to add a CedarPolicy in "
                  + "namespace lattice-system with: " + request.permitStatement());
    };
  }

  private static String fixForNoPermit(Ask ask) {
    return switch (ask.request().action()) {
      case AllowMutableImage -> "pin the image by digest (image@sha256:<digest>), or ";
      case OverrideSecurity -> ask.denial() == dev.lattice.api.status.Reason.SecurityOverrideDenied
          && ask.fieldPath().endsWith(".peerAuthentication")
          ? "set peerAuthentication: strict if every caller speaks mTLS, or "
          : "remove the override if the container can run without it, or ";
      case SkipImageVerification -> "sign the image with an authority of its ImageProvider and remove the "
          + "annotation, or ";
      case ExtendEscapeHatch -> "set an earlier spec.expires, or ";
      default -> "";
    };
  }

  private static String forbids(List<Statement> statements) {
    return statements.stream()
        .map(s -> s.describe() + " `" + s.source().replaceAll("\\s+", " ") + "`")
        .collect(Collectors.joining(" and "));
  }
}
