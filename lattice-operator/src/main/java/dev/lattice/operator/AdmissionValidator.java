package dev.lattice.operator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1.LatticePackage;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.api.versions.ServedTypes;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageHatch;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.operator.packages.PackageDeriver;
import dev.lattice.engine.validate.Names;
import dev.lattice.policy.Authorizer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validating admission webhook's decision: the engine's own validation, so {@code kubectl apply} of a bad spec
 * fails at once with exactly the messages {@code lattice derive} prints. Only the spec itself is judged: problems
 * that depend on other services (a dependency not applied yet) or on policy are left to the reconcile and its
 * status, so applying a folder in any order works.
 */
public final class AdmissionValidator {
  /** Reasons about other objects in the cluster, not about the submitted spec. */
  private static final String KIND = "LatticeService";

  /** The escape-hatch kinds judged too, in lattice.dev/v1 only. */
  static final List<String> HATCHES = List.of(LatticeMeshMember.KIND, LatticePackage.KIND);

  static final Set<Reason> FLEET_DEPENDENT = EnumSet.of(Reason.DependencyPortUnknown);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Warnings returned to kubectl at most; the rest are counted. */
  static final int MAX_WARNINGS = 20;

  /** The identity the operator runs as in deploy/operator (its ServiceAccount). */
  public static final String OPERATOR_ACCOUNT = "system:serviceaccount:lattice-system:lattice-operator";

  private final Engine engine;
  private final PackageEngine packages;
  private final Set<String> statusWriters;

  public AdmissionValidator(PlatformSettings settings) {
    this(settings, Set.of(OPERATOR_ACCOUNT));
  }

  /**
   * @param statusWriters the users who may write an escape hatch's status (the operator): anyone else could hide
   *     its expiry or its one-sided consent from {@code kubectl get}
   */
  public AdmissionValidator(PlatformSettings settings, Set<String> statusWriters) {
    // Authorization is not judged at admission (policies change independently); permit-all keeps it out.
    this.engine = new Engine(settings, Authorizer.permitAll());
    this.packages = new PackageEngine(settings, Authorizer.permitAll(), PackageDeriver.KINDS);
    this.statusWriters = Set.copyOf(statusWriters);
  }

  /** The same validator, letting {@code user} write hatch statuses too (the operator's own identity). */
  public AdmissionValidator withStatusWriter(String user) {
    Set<String> writers = new java.util.TreeSet<>(statusWriters);
    writers.add(user);
    return new AdmissionValidator(this, writers);
  }

  private AdmissionValidator(AdmissionValidator other, Set<String> statusWriters) {
    this.engine = other.engine;
    this.packages = other.packages;
    this.statusWriters = Set.copyOf(statusWriters);
  }

  /** What the webhook says about one object: rejected with a message, and warnings kubectl shows either way. */
  public record Verdict(boolean allowed, String message, List<String> warnings) {}

  /** Judges a LatticeService of any served version, with field paths as written in that version. */
  public Verdict judge(HasMetadata service) {
    var input = FleetView.input(service);
    var derivation = engine.derive(input, Fleet.of(input));
    return verdict(KIND, input.intent().ref(), derivation.diagnostics());
  }

  /**
   * Judges a LatticeMeshMember as {@code lattice derive} does: governance (owner, reason, expiry format and the
   * platform's maximum lifetime are judged, not the date: admission has none) and the mesh section's rules.
   */
  public Verdict judge(LatticeMeshMember member) {
    var input = ServiceInput.of(member.intent());
    return verdict(LatticeMeshMember.KIND, input.intent().ref(), engine.derive(input, Fleet.of(input)).diagnostics());
  }

  /**
   * Judges a LatticePackage's spec as {@code lattice derive} does (governance, mesh section, chart reference and
   * exact version, secret references) without rendering its chart: a chart that fails to render is the reconcile's
   * {@code ChartRenderFailed}, as the chart may not be reachable from here.
   */
  public Verdict judge(LatticePackage resource, String namespace) {
    PackageIntent intent = PackageIntent.of(resource, namespace);
    var node = PackageHatch.node(intent);
    List<Diagnostic> diagnostics = new java.util.ArrayList<>(engine.derive(node, Fleet.of(node)).diagnostics());
    if (packages.plan(intent) instanceof PackageEngine.Stop stop) {
      stop.derivation().diagnostics().stream().filter(d -> !diagnostics.contains(d)).forEach(diagnostics::add);
    }
    return verdict(LatticePackage.KIND, intent.ref(), diagnostics);
  }

  private static Verdict verdict(String kind, dev.lattice.api.model.ServiceRef ref, List<Diagnostic> diagnostics) {
    List<Diagnostic> validation = diagnostics.stream()
        .filter(d -> d.reason().conditionType() == ConditionType.Validated)
        .filter(d -> !FLEET_DEPENDENT.contains(d.reason()))
        .toList();
    List<Diagnostic> errors = validation.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    List<String> warnings = validation.stream().filter(d -> d.severity() == Severity.WARNING)
        .map(d -> d.reason() + ": " + d.message()).toList();
    if (errors.isEmpty()) {
      return new Verdict(true, "", warnings);
    }
    String message = kind + " " + ref + " is invalid (" + errors.size()
        + (errors.size() == 1 ? " problem" : " problems") + "):\n"
        + errors.stream().map(d -> d.reason() + ": " + d.message()).collect(Collectors.joining("\n"));
    return new Verdict(false, message, warnings);
  }

  /**
   * Answers an {@code admission.k8s.io/v1} AdmissionReview. Whatever it holds (no request, another kind, fields of
   * the wrong type), the answer is a verdict: a webhook that throws fails every write (failurePolicy: Fail).
   */
  public JsonNode review(JsonNode admissionReview) {
    JsonNode request = admissionReview.path("request");
    ObjectNode response = JSON.createObjectNode();
    response.put("uid", request.path("uid").asText());
    JsonNode object = request.path("object");
    Verdict verdict;
    if (request.path("operation").asText().equals("DELETE")) {
      verdict = new Verdict(true, "", List.of());
    } else if (request.path("subResource").asText().equals("status")) {
      verdict = statusWrite(request);
    } else if (!object.isObject()) {
      verdict = new Verdict(false, "the AdmissionReview has no request.object to judge; this webhook answers "
          + "admission.k8s.io/v1 AdmissionReviews for LatticeServices.", List.of());
    } else if (object.path("kind").asText().equals(dev.lattice.api.v1.LatticeQuota.KIND)
        && object.path("apiVersion").asText().equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      verdict = quota(object, request.path("namespace").asText(""));
    } else if (HATCHES.contains(object.path("kind").asText())
        && object.path("apiVersion").asText().equals(LatticeMeshMember.API_VERSION)) {
      verdict = hatch(object, request.path("namespace").asText(""));
    } else if (!object.path("kind").asText().equals(KIND) || ApiVersion.of(object.path("apiVersion").asText())
        .filter(v -> v.apiVersion().equals(object.path("apiVersion").asText())).isEmpty()) {
      verdict = new Verdict(false, "this webhook judges " + KIND + " objects of " + ApiVersion.servedList()
          + ", and " + String.join(" and ", HATCHES) + " objects of " + LatticeMeshMember.API_VERSION + " only, not '" + Names.printable(object.path("apiVersion").asText()) + " "
          + Names.printable(object.path("kind").asText()) + "'; check the webhook's rules.", List.of());
    } else {
      var decision = decisionNeeded(object);
      if (decision.isPresent()) {
        verdict = new Verdict(false, decision.get(), List.of());
      } else {
        try {
          verdict = bounded(judge(read(object)));
        } catch (JsonMappingException e) {
          verdict = new Verdict(false, "LatticeService could not be read: " + path(e) + " does not have the type "
              + "the CRD's schema gives it. Fix: see `kubectl explain latticeservice." + path(e).replaceAll(
                  "\\[\\d+]", "") + "`.", List.of());
        } catch (Exception e) {
          verdict = new Verdict(false, "LatticeService could not be read (" + e.getClass().getSimpleName() + "); "
              + "this is not a problem with your spec: report it to the platform team.", List.of());
        }
      }
    }
    response.put("allowed", verdict.allowed());
    if (!verdict.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", 422);
      status.put("reason", "Invalid");
      status.put("message", verdict.message());
    }
    List<String> warnings = new java.util.ArrayList<>(verdict.warnings());
    if (verdict.allowed()) {
      migrationWarning(request).ifPresent(warnings::add);
    }
    if (!warnings.isEmpty()) {
      var array = response.putArray("warnings");
      warnings.forEach(array::add);
    }
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    review.set("response", response);
    return review;
  }

  /**
   * A LatticeQuota: the CRD's schema checks its fields; what it cannot check is where it lives, refused with
   * {@code lattice derive}'s words. A quota that limits nothing is allowed with a warning.
   */
  static Verdict quota(JsonNode object, String requestNamespace) {
    String name = object.path("metadata").path("name").asText("");
    String namespace = object.path("metadata").path("namespace").asText(requestNamespace);
    if (!namespace.equals(dev.lattice.engine.quota.Quotas.NAMESPACE)) {
      return new Verdict(false, dev.lattice.engine.quota.Quotas.outsidePlatform(Names.printable(name),
          Names.printable(namespace)), List.of());
    }
    JsonNode spec = object.path("spec");
    boolean limits = spec.path("limits").size() > 0 || spec.path("perWorkload").size() > 0;
    return new Verdict(true, "", limits ? List.of() : List.of("the LatticeQuota " + Names.printable(name)
        + " limits nothing: it has no spec.limits and no spec.perWorkload. Fix: set spec.limits (e.g. cpu: \"8\")."));
  }

  /**
   * A write of the status subresource: an escape hatch's status is its governance record (Expiring, expired,
   * one-sided consent), so only the operator writes it. The spec is not judged again: an expired hatch's status
   * must still be written. Other kinds' statuses are not this webhook's business.
   */
  private Verdict statusWrite(JsonNode request) {
    String kind = request.path("kind").path("kind").asText(request.path("object").path("kind").asText());
    if (!HATCHES.contains(kind)) {
      return new Verdict(true, "", List.of());
    }
    String user = request.path("userInfo").path("username").asText();
    if (statusWriters.contains(user)) {
      return new Verdict(true, "", List.of());
    }
    String ref = request.path("namespace").asText() + "/" + request.path("name").asText();
    Diagnostic d = new Diagnostic(Reason.HatchStatusWriteDenied, "status", "the status of " + kind + " " + ref
        + " records its expiry and consent, and only the Lattice operator writes it; " + Names.printable(user)
        + " may not.", "change the spec (owner, reason, expires, mesh) instead: the operator rewrites the status "
            + "from it.");
    return new Verdict(false, d.reason() + ": " + d.fieldPath() + ": " + d.problem() + " Fix: " + d.fix(),
        List.of());
  }

  /** A LatticeMeshMember or LatticePackage (lattice.dev/v1, their only version). */
  private Verdict hatch(JsonNode object, String requestNamespace) {
    String kind = object.path("kind").asText();
    try {
      ObjectNode copy = ((ObjectNode) object).deepCopy();
      JsonNode metadata = copy.path("metadata");
      if (metadata.isObject() && metadata.path("namespace").asText("").isEmpty() && !requestNamespace.isEmpty()) {
        ((ObjectNode) metadata).put("namespace", requestNamespace);
      }
      return bounded(kind.equals(LatticeMeshMember.KIND)
          ? judge(JSON.treeToValue(copy, LatticeMeshMember.class))
          : judge(JSON.treeToValue(copy, LatticePackage.class), requestNamespace.isEmpty() ? "default"
              : requestNamespace));
    } catch (JsonMappingException e) {
      return new Verdict(false, kind + " could not be read: " + path(e) + " does not have the type the CRD's "
          + "schema gives it. Fix: see `kubectl explain " + kind.toLowerCase(java.util.Locale.ROOT) + "."
          + path(e).replaceAll("\\[\\d+]", "") + "`.", List.of());
    } catch (Exception e) {
      return new Verdict(false, kind + " could not be read (" + e.getClass().getSimpleName() + "); this is not a "
          + "problem with your spec: report it to the platform team.", List.of());
    }
  }

  /** At most {@link #MAX_WARNINGS} warnings; the API server would truncate a longer list itself. */
  private static Verdict bounded(Verdict verdict) {
    if (verdict.warnings().size() <= MAX_WARNINGS) {
      return verdict;
    }
    List<String> warnings = new java.util.ArrayList<>(verdict.warnings().subList(0, MAX_WARNINGS));
    warnings.add("... and " + (verdict.warnings().size() - MAX_WARNINGS) + " more warnings (lattice validate lists "
        + "them all).");
    return new Verdict(verdict.allowed(), verdict.message(), warnings);
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() > 0 ? "." : "").append(Names.printable(reference.getFieldName()));
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the object" : path.toString();
  }

  /** The object in the version it was written in (the webhook is registered for every served version). */
  static HasMetadata read(JsonNode object) throws java.io.IOException {
    String written = object.path("apiVersion").asText();
    var version = ApiVersion.of(written).filter(v -> v.apiVersion().equals(written));
    if (version.isEmpty()) {
      throw new java.io.IOException("apiVersion '" + written + "' is not served; the served versions are "
          + ApiVersion.servedList());
    }
    return JSON.treeToValue(object, ServedTypes.type(version.get()));
  }

  /**
   * The undecidable case first: a spec the storage version cannot hold without a team's choice (v1's missing image
   * ".") is rejected with the conversion webhook's own message, naming the field and the choice, rather than with
   * what the engine would say about the field in the old version.
   */
  static java.util.Optional<String> decisionNeeded(JsonNode object) {
    var version = ApiVersion.of(object.path("apiVersion").asText());
    if (version.isEmpty() || version.get() == ApiVersion.STORAGE) {
      return java.util.Optional.empty();
    }
    ConversionResult result = Conversions.convert(((ObjectNode) object).deepCopy(), ApiVersion.STORAGE);
    return result instanceof ConversionResult.NeedsDecision needs
        ? java.util.Optional.of(ConversionWebhook.needsDecision(object, version.get().apiVersion(),
            ApiVersion.STORAGE, needs.decisions()))
        : java.util.Optional.empty();
  }

  /**
   * Migration at apply: a spec written in a deprecated version is stored in the storage version by the API
   * server's conversion; kubectl prints this next to the CRD's own deprecation warning. The file name is not known
   * server-side, so the command names it FILE.
   */
  static java.util.Optional<String> migrationWarning(JsonNode request) {
    if (request.path("operation").asText().equals("DELETE") || !request.path("object").isObject()) {
      return java.util.Optional.empty();
    }
    JsonNode object = request.path("object");
    String written = object.path("apiVersion").asText();
    if (written.isEmpty()) {
      JsonNode kind = request.path("requestKind");
      written = kind.path("group").asText() + "/" + kind.path("version").asText();
    }
    var version = ApiVersion.of(written);
    if (version.isEmpty() || !version.get().deprecated()) {
      return java.util.Optional.empty();
    }
    String name = object.path("metadata").path("name").asText(request.path("name").asText());
    String namespace = object.path("metadata").path("namespace").asText(request.path("namespace").asText());
    return java.util.Optional.of(namespace + "/" + name + " was applied as " + version.get().apiVersion()
        + " and stored as " + ApiVersion.STORAGE.apiVersion() + "; review it with kubectl get latticeservice "
        + name + " -n " + namespace + " -o yaml, or run lattice migrate --to " + ApiVersion.STORAGE.version()
        + " FILE (the file you applied)");
  }

  static ObjectMapper json() {
    return JSON;
  }
}
