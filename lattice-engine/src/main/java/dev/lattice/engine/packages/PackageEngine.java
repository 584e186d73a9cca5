package dev.lattice.engine.packages;

import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.policy.AccessRequest;
import dev.lattice.policy.Action;
import dev.lattice.policy.Authorizer;
import dev.lattice.policy.Decision;
import dev.lattice.policy.Entities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Derives LatticePackages in two steps around the caller's helm: {@link #plan} validates the spec, asks Cedar for
 * its secrets and resolves the values; the caller renders the chart with those values; {@link #complete} turns the
 * rendered objects into the package's derivation. A package that fails either step derives nothing, so the
 * caller prunes nothing of the version before.
 */
public final class PackageEngine {
  /** Helm's message is quoted up to this many characters: enough for its error, bounded for a status. */
  public static final int HELM_MESSAGE_CHARS = 600;
  /** The label on every object of a package; the operator prunes by it (services' objects carry another). */
  public static final String LABEL = "lattice.dev/package";

  private final PlatformSettings settings;
  private final Authorizer authorizer;
  private final List<ManagedKind> managed;

  /** @param managed the kinds the caller applies and prunes, in apply order */
  public PackageEngine(PlatformSettings settings, Authorizer authorizer, List<ManagedKind> managed) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.managed = List.copyOf(managed);
  }

  /** The first step's outcome: what to render, or why nothing is. */
  public sealed interface Plan permits Render, Stop {}

  /** Render chart {@code intent.chart()} at {@code intent.version()} with {@code values}. */
  public record Render(PackageIntent intent, SortedMap<String, Object> values, int asked) implements Plan {}

  /** The package cannot be rendered; nothing is derived. */
  public record Stop(Derivation.Rejected derivation) implements Plan {}

  public Plan plan(PackageIntent p) {
    List<Diagnostic> problems = new ArrayList<>();
    if (settings.isSystemNamespace(p.namespace())) {
      problems.add(new Diagnostic(Reason.SystemNamespace, "metadata.namespace", "namespace '" + p.namespace()
          + "' is reserved for the platform, so no package may be installed there.",
          "create the LatticePackage in your team's namespace."));
    }
    problems.addAll(ChartRules.check(p));
    problems.addAll(SecretValues.checkDeclarations(p));
    SecretValues.Resolved resolved = SecretValues.resolve(p);
    problems.addAll(resolved.problems());
    List<Diagnostic> denials = authorize(p);
    if (!problems.isEmpty() || !denials.isEmpty()) {
      return new Stop(rejected(p, problems, denials, p.secrets().size()));
    }
    return new Render(p, resolved.values(), p.secrets().size());
  }

  /** The derivation from what helm rendered for {@code plan}. */
  public Derivation complete(Render plan, Rendered rendered) {
    PackageIntent p = plan.intent();
    if (rendered instanceof Rendered.Failed failed) {
      return rejected(p, List.of(renderFailed(p, failed.message())), List.of(), plan.asked());
    }
    PackageObjects.Result result =
        PackageObjects.of(p, ((Rendered.Objects) rendered).documents(), managed, settings.platformContact());
    if (!result.problems().isEmpty()) {
      return rejected(p, result.problems(), List.of(), plan.asked());
    }
    ServiceStatus status = new ServiceStatus(ServiceStatus.Phase.Ready, List.of(
        condition(ConditionType.Validated, true, Reason.SpecValid, "The spec is valid."),
        authorized(plan.asked()),
        condition(ConditionType.Ready, true, Reason.Derived, count(result.objects().size(), "resource")
            + " rendered from chart '" + p.chart() + "' " + p.version() + ".")));
    return new Derivation.Derived(p.ref(), result.objects(), List.of(), status);
  }

  /** Helm's message on one line, cut to {@link #HELM_MESSAGE_CHARS}. */
  static Diagnostic renderFailed(PackageIntent p, String helm) {
    // helm's hint about its own command line does not apply here.
    String line = helm.replace("Use --debug flag to render out invalid YAML", "").strip().replaceAll("\\s+", " ");
    if (!line.endsWith(".")) {
      line += ".";
    }
    if (line.length() > HELM_MESSAGE_CHARS) {
      line = line.substring(0, HELM_MESSAGE_CHARS) + "...";
    }
    return new Diagnostic(Reason.ChartRenderFailed, "spec.chart", "helm could not render chart '" + p.chart()
        + "' " + p.version() + " from " + p.repository() + ": " + line,
        "correct the chart or spec.values (helm template with the same values shows the same error); the objects "
            + "of the version rendered last keep running, and nothing is pruned until the chart renders.");
  }

  /**
   * The Cedar requests of the package's chart half (each declared secret, AccessSecret as principal
   * {@code Lattice::Package}); its mesh section's are the hatch node's ({@link PackageHatch#node}).
   */
  public static List<dev.lattice.engine.authorize.Ask> accessRequests(PackageIntent p) {
    List<dev.lattice.engine.authorize.Ask> out = new ArrayList<>();
    p.secrets().forEach((name, s) -> {
      if (s.id().isEmpty() || s.provider().isEmpty()) {
        return;
      }
      AccessRequest request = new AccessRequest(p.ref(), Action.AccessSecret, Entities.secretPath(s.provider(),
          s.id()), Entities.PACKAGE);
      out.add(new dev.lattice.engine.authorize.Ask(request, "spec.secrets." + name,
          "access secret " + s.provider() + ":" + s.id(), Reason.AccessSecretDenied));
    });
    return out;
  }

  private List<Diagnostic> authorize(PackageIntent p) {
    List<Diagnostic> out = new ArrayList<>();
    for (var ask : accessRequests(p)) {
      Decision decision = authorizer.authorize(ask.request());
      if (!decision.allowed()) {
        out.add(denial(p, ask.fieldPath(), ask.what(), ask.request(), decision));
      }
    }
    return out;
  }

  private Diagnostic denial(PackageIntent p, String path, String what, AccessRequest request, Decision decision) {
    String head = "Package " + p.ref() + " is not permitted to " + what + " (Cedar: principal "
        + request.principalUid() + ", action Lattice::Action::\"" + request.action().name()
        + "\", resource " + request.resource().cedar() + ")";
    String contact = settings.platformContact();
    return switch (decision.outcome()) {
      case FORBIDDEN -> new Diagnostic(Reason.AccessSecretDenied, path, head + ": denied by "
          + decision.deciding().stream().map(st -> st.describe()).collect(Collectors.joining(" and ")) + ".",
          "a forbid always wins over any permit; contact " + contact + " if this package should be exempt from "
              + "it.");
      case ERROR -> new Diagnostic(Reason.AuthorizationError, path, head + ": Cedar could not evaluate the "
          + "request (" + decision.error() + ").", "this is not a problem with your spec; contact " + contact
          + " with this message.");
      default -> new Diagnostic(Reason.AccessSecretDenied, path, head + ": no permit policy matched (Cedar "
          + "denies by default).", "contact " + contact + " to request a CedarPolicy in namespace lattice-system "
          + "with: " + request.permitStatement());
    };
  }

  private static Derivation.Rejected rejected(PackageIntent p, List<Diagnostic> problems, List<Diagnostic> denials,
      int asked) {
    List<Diagnostic> all = new ArrayList<>(problems);
    all.addAll(denials);
    List<Diagnostic> errors = all.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    List<ServiceStatus.StatusCondition> conditions = new ArrayList<>();
    conditions.add(problems.isEmpty()
        ? condition(ConditionType.Validated, true, Reason.SpecValid, "The spec is valid.")
        : condition(ConditionType.Validated, false, problems.get(0).reason(), "The spec has "
            + count(problems.size(), "problem") + ":\n" + messages(problems)));
    conditions.add(denials.isEmpty() ? authorized(asked)
        : condition(ConditionType.PolicyAuthorized, false, denials.get(0).reason(), "Cedar denied "
            + count(denials.size(), "request") + ":\n" + messages(denials)));
    Diagnostic first = errors.get(0);
    conditions.add(condition(ConditionType.Ready, false, first.reason(), "Nothing was rendered or applied; the "
        + "first problem: " + first.message()));
    return new Derivation.Rejected(p.ref(), all, new ServiceStatus(ServiceStatus.Phase.Failed, conditions));
  }

  private static ServiceStatus.StatusCondition authorized(int asked) {
    return condition(ConditionType.PolicyAuthorized, true, Reason.Authorized, asked == 0
        ? "The package asks Cedar for nothing." : "Cedar permitted all " + count(asked, "request") + ".");
  }

  private static ServiceStatus.StatusCondition condition(ConditionType type, boolean ok, Reason reason,
      String message) {
    return new ServiceStatus.StatusCondition(type, ok ? "True" : "False", reason.name(), message);
  }

  private static String messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
