package dev.lattice.engine;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.versions.WrittenPaths;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.authorize.PolicyCheck;
import dev.lattice.engine.mesh.ConsentReport;
import dev.lattice.engine.mesh.NearestService;
import dev.lattice.engine.render.ServiceRenderer;
import dev.lattice.engine.validate.SpecValidator;
import dev.lattice.policy.Authorizer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The derivation pipeline: validate, authorize (Cedar), check consent, render. Pure and deterministic: the same fleet and settings give
 * the same objects and status, whatever order the services came in.
 */
public final class Engine {
  private static final Comparator<Diagnostic> INTAKE_ORDER =
      Comparator.comparing(Diagnostic::fieldPath)
          .thenComparing(d -> d.reason().name())
          .thenComparing(Diagnostic::problem);

  private final PlatformSettings settings;
  private final Authorizer authorizer;
  /** The caller's date; escape-hatch expiry is judged against it (the engine never reads a clock). */
  private final java.util.Optional<java.time.LocalDate> today;

  /**
   * @param authorizer answers every access a spec asks for; Cedar in production, {@link Authorizer#permitAll()}
   *     only for tools that never grant anything
   */
  public Engine(PlatformSettings settings, Authorizer authorizer) {
    this(settings, authorizer, java.util.Optional.empty());
  }

  private Engine(PlatformSettings settings, Authorizer authorizer, java.util.Optional<java.time.LocalDate> today) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    this.today = Objects.requireNonNull(today, "today");
  }

  /** This engine judging escape-hatch expiry on {@code today} (the CLI's and operator's clock, a test's pin). */
  public Engine on(java.time.LocalDate today) {
    return new Engine(settings, authorizer, java.util.Optional.of(today));
  }

  public java.util.Optional<java.time.LocalDate> today() {
    return today;
  }

  public PlatformSettings settings() {
    return settings;
  }

  /** Derives every service of the fleet, in namespace/name order. */
  public List<Derivation> deriveAll(Fleet fleet) {
    List<Derivation> out = new ArrayList<>(fleet.size());
    for (ServiceInput input : fleet.services()) {
      out.add(derive(input, fleet));
    }
    return out;
  }

  /**
   * The result of changing one service in a derived fleet: the new fleet and the new derivation of every service
   * the change can affect (the service and its graph neighbours before and after the change). Every other service's
   * derivation is unchanged, so callers keep theirs.
   *
   * @param removed services that no longer exist (their derived objects should be deleted)
   */
  public record Change(Fleet fleet, SortedMap<ServiceRef, Derivation> rederived, SortedSet<ServiceRef> removed) {}

  /** Adds or replaces one service and re-derives only what that can affect. */
  public Change apply(Fleet before, ServiceInput changed) {
    Fleet after = before.with(changed);
    return rederive(before, after, changed.intent().ref());
  }

  /** Removes one service and re-derives only its former neighbours. */
  public Change remove(Fleet before, ServiceRef ref) {
    return rederive(before, before.without(ref), ref);
  }

  /**
   * The services whose derivation can differ between {@code before} and {@code after}, two fleets that differ only
   * in {@code ref}: the service itself and its graph neighbours in either fleet (the operator requeues exactly
   * these). Some may exist in neither fleet (a declared but absent peer).
   */
  public static SortedSet<ServiceRef> affected(Fleet before, Fleet after, ServiceRef ref) {
    SortedSet<ServiceRef> affected = new TreeSet<>(before.graph().neighbours(ref));
    affected.addAll(after.graph().neighbours(ref));
    affected.add(ref);
    if (routed(before, ref) || routed(after, ref)) {
      // Routed services of a namespace share its Gateway and are checked against each other (RouteConflict).
      for (ServiceRef other : after.inNamespace(ref.namespace())) {
        if (routed(after, other)) {
          affected.add(other);
        }
      }
    }
    if (before.input(ref).isPresent() != after.input(ref).isPresent()) {
      // A service appearing or disappearing can change what a missing dependency elsewhere is said to mean.
      affected.addAll(after.graph().declaringMissing(missing -> NearestService.couldMean(missing, ref)));
    }
    return affected;
  }

  private static boolean routed(Fleet fleet, ServiceRef ref) {
    return fleet.find(ref).map(intent -> !intent.spec().routes().isEmpty()).orElse(false);
  }

  private Change rederive(Fleet before, Fleet after, ServiceRef ref) {
    SortedMap<ServiceRef, Derivation> rederived = new TreeMap<>();
    SortedSet<ServiceRef> removed = new TreeSet<>();
    SortedSet<ServiceRef> affected = affected(before, after, ref);
    // A quota admits its services in namespace/name order: a change to one can move any other it covers.
    var quotas = settings.providers().quotas();
    var teams = settings.providers().teams();
    quotas.stream().filter(q -> q.selector().covers(ref, teams)).forEach(q -> after.services().stream()
        .map(i -> i.intent().ref()).filter(other -> q.selector().covers(other, teams)).forEach(affected::add));
    for (ServiceRef service : affected) {
      var input = after.input(service);
      if (input.isPresent()) {
        rederived.put(service, derive(input.get(), after));
      } else if (before.input(service).isPresent()) {
        removed.add(service);
      }
    }
    return new Change(after, rederived, removed);
  }

  /** Every access the service's spec asks Cedar for, in spec order (what {@code lattice policy test} compares). */
  public List<dev.lattice.engine.authorize.Ask> accessRequests(ServiceInput input, Fleet fleet) {
    return dev.lattice.engine.authorize.AccessRequests.of(new ServiceContext(input.intent(), fleet, settings, today));
  }

  /** Derives one service against the fleet it lives in (for references to other services and consent). */
  public Derivation derive(ServiceInput input, Fleet fleet) {
    ServiceContext context = new ServiceContext(input.intent(), fleet, settings, today);
    if (input.intent().isHatch()) {
      return HatchDerivation.derive(context, input.intakeDiagnostics(), authorizer);
    }
    // Readers report in the order the document was written; sorting keeps the status independent of key order.
    List<Diagnostic> diagnostics = new ArrayList<>(input.intakeDiagnostics());
    diagnostics.sort(INTAKE_ORDER);
    String written = input.intent().apiVersion();
    ServiceSpec spec = input.intent().spec();
    diagnostics.addAll(written(written, spec, SpecValidator.validate(context)));
    PolicyCheck.Result asked = PolicyCheck.check(context, authorizer);
    PolicyCheck.Result policy = new PolicyCheck.Result(asked.asked(), written(written, spec, asked.denials()));
    diagnostics.addAll(policy.denials());
    // Consent names each side's fields in the version that side wrote (the other side's may differ from ours).
    ConsentReport.Consent consent = ConsentReport.of(context.ref(), context.edgesFrom(), context.edgesTo(),
        missing -> NearestService.of(fleet, missing), fleet::find);
    diagnostics.addAll(consent.diagnostics());
    List<Diagnostic> errors = only(diagnostics, Severity.ERROR);
    if (!errors.isEmpty()) {
      // Nothing half-derived: a denied or invalid service gets no object at all, so no grant can leak.
      return new Derivation.Rejected(context.ref(), diagnostics, rejected(errors, diagnostics, policy, consent));
    }
    List<HasMetadata> resources = ServiceRenderer.render(context);
    return new Derivation.Derived(context.ref(), resources, diagnostics,
        derived(resources.size(), diagnostics, policy, consent));
  }

  /** The rules name model (v1alpha1) paths; a user of another version reads the paths of the version written. */
  static List<Diagnostic> written(String apiVersion, ServiceSpec spec, List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty() || apiVersion.equals(dev.lattice.api.versions.ApiVersion.V1ALPHA1.apiVersion())) {
      return diagnostics;
    }
    return diagnostics.stream().map(d -> WrittenPaths.of(apiVersion, spec, d)).toList();
  }

  static ServiceStatus derived(
      int resourceCount, List<Diagnostic> diagnostics, PolicyCheck.Result policy, ConsentReport.Consent consent) {
    List<Diagnostic> warnings = ofCondition(diagnostics, ConditionType.Validated);
    String validated = warnings.isEmpty()
        ? "The spec is valid."
        : "The spec is valid, with " + count(warnings.size(), "warning") + ":\n" + messages(warnings);
    String ready = count(resourceCount, "resource") + " derived.";
    if (!consent.diagnostics().isEmpty()) {
      ready += " Traffic on " + count(consent.diagnostics().size(), "one-sided declaration")
          + " stays denied until both sides agree (see condition BilateralConsent).";
    }
    return new ServiceStatus(
        ServiceStatus.Phase.Ready,
        List.of(
            condition(ConditionType.Validated, true, Reason.SpecValid.name(), validated),
            policyCondition(policy),
            consentCondition(consent),
            condition(ConditionType.Ready, true, Reason.Derived.name(), ready)));
  }

  static ServiceStatus rejected(
      List<Diagnostic> errors, List<Diagnostic> diagnostics, PolicyCheck.Result policy,
      ConsentReport.Consent consent) {
    List<Diagnostic> invalid = ofCondition(errors, ConditionType.Validated);
    List<Diagnostic> shown = new ArrayList<>(invalid);
    shown.addAll(only(ofCondition(diagnostics, ConditionType.Validated), Severity.WARNING));
    ServiceStatus.StatusCondition validated = invalid.isEmpty()
        ? condition(ConditionType.Validated, true, Reason.SpecValid.name(), shown.isEmpty() ? "The spec is valid."
            : "The spec is valid, with " + count(shown.size(), "warning") + ":\n" + messages(shown))
        : condition(ConditionType.Validated, false, invalid.get(0).reason().name(),
            "The spec has " + count(invalid.size(), "problem") + ":\n" + messages(shown));
    Diagnostic first = errors.get(0);
    String blocking = invalid.isEmpty()
        ? "Nothing was derived because Cedar denied " + count(errors.size(), "request")
            + " (see condition PolicyAuthorized); the first: "
        : "Nothing was derived because the spec has " + count(invalid.size(), "problem")
            + " (see condition Validated); the first: ";
    return new ServiceStatus(
        ServiceStatus.Phase.Failed,
        List.of(
            validated,
            policyCondition(policy),
            consentCondition(consent),
            condition(ConditionType.Ready, false, first.reason().name(), blocking + first.message())));
  }

  private static ServiceStatus.StatusCondition policyCondition(PolicyCheck.Result policy) {
    if (policy.denials().isEmpty()) {
      return condition(ConditionType.PolicyAuthorized, true, Reason.Authorized.name(),
          policy.asked() == 0
              ? "The spec asks for nothing that needs a permit."
              : "Cedar permits all " + count(policy.asked(), "access request") + " of the spec.");
    }
    return condition(ConditionType.PolicyAuthorized, false, policy.denials().get(0).reason().name(),
        "Cedar denied " + policy.denials().size() + " of " + count(policy.asked(), "access request") + ":\n"
            + messages(policy.denials()));
  }

  private static ServiceStatus.StatusCondition consentCondition(ConsentReport.Consent consent) {
    List<Diagnostic> pending = consent.diagnostics();
    if (pending.isEmpty()) {
      return condition(ConditionType.BilateralConsent, true, Reason.ConsentAgreed.name(),
          consent.agreedEdges() == 0
              ? "The service declares no service dependencies or callers."
              : "All " + count(consent.agreedEdges(), "declared edge") + " agreed by both sides.");
    }
    Reason reason = pending.stream().map(Diagnostic::reason)
        .filter(r -> r == Reason.DependencyNotFound).findFirst().orElse(pending.get(0).reason());
    return condition(ConditionType.BilateralConsent, false, reason.name(),
        count(pending.size(), "one-sided declaration") + " (traffic on them stays denied; "
            + count(consent.agreedEdges(), "edge") + " agreed):\n" + messages(pending));
  }

  static ServiceStatus.StatusCondition condition(
      ConditionType type, boolean status, String reason, String message) {
    return new ServiceStatus.StatusCondition(type, status ? "True" : "False", reason, message);
  }

  static List<Diagnostic> only(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).collect(Collectors.toList());
  }

  private static List<Diagnostic> ofCondition(List<Diagnostic> diagnostics, ConditionType type) {
    return diagnostics.stream().filter(d -> d.reason().conditionType() == type).collect(Collectors.toList());
  }

  static String messages(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
