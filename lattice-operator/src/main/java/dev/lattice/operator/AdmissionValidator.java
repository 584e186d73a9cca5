package dev.lattice.operator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Severity;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.validate.Names;
import dev.lattice.policy.Authorizer;
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
  static final Set<Reason> FLEET_DEPENDENT = EnumSet.of(Reason.DependencyPortUnknown);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Warnings returned to kubectl at most; the rest are counted. */
  static final int MAX_WARNINGS = 20;

  private final Engine engine;

  public AdmissionValidator(PlatformSettings settings) {
    // Authorization is not judged at admission (policies change independently); permit-all keeps it out.
    this.engine = new Engine(settings, Authorizer.permitAll());
  }

  /** What the webhook says about one object: rejected with a message, and warnings kubectl shows either way. */
  public record Verdict(boolean allowed, String message, List<String> warnings) {}

  public Verdict judge(LatticeService service) {
    var input = FleetView.input(service);
    var derivation = engine.derive(input, Fleet.of(input));
    List<Diagnostic> validation = derivation.diagnostics().stream()
        .filter(d -> d.reason().conditionType() == ConditionType.Validated)
        .filter(d -> !FLEET_DEPENDENT.contains(d.reason()))
        .toList();
    List<Diagnostic> errors = validation.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    List<String> warnings = validation.stream().filter(d -> d.severity() == Severity.WARNING)
        .map(d -> d.reason() + ": " + d.message()).toList();
    if (errors.isEmpty()) {
      return new Verdict(true, "", warnings);
    }
    String message = "LatticeService " + input.intent().ref() + " is invalid (" + errors.size()
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
    } else if (!object.isObject()) {
      verdict = new Verdict(false, "the AdmissionReview has no request.object to judge; this webhook answers "
          + "admission.k8s.io/v1 AdmissionReviews for LatticeServices.", List.of());
    } else if (!object.path("kind").asText().equals(LatticeService.KIND)
        || !object.path("apiVersion").asText().equals(LatticeService.API_VERSION)) {
      verdict = new Verdict(false, "this webhook judges " + LatticeService.API_VERSION + " " + LatticeService.KIND
          + " objects only, not '" + Names.printable(object.path("apiVersion").asText()) + " "
          + Names.printable(object.path("kind").asText()) + "'; check the webhook's rules.", List.of());
    } else {
      try {
        verdict = bounded(judge(JSON.treeToValue(object, LatticeService.class)));
      } catch (JsonMappingException e) {
        verdict = new Verdict(false, "LatticeService could not be read: " + path(e) + " does not have the type "
            + "the CRD's schema gives it. Fix: see `kubectl explain latticeservice." + path(e).replaceAll(
                "\\[\\d+]", "") + "`.", List.of());
      } catch (Exception e) {
        verdict = new Verdict(false, "LatticeService could not be read (" + e.getClass().getSimpleName() + "); "
            + "this is not a problem with your spec: report it to the platform team.", List.of());
      }
    }
    response.put("allowed", verdict.allowed());
    if (!verdict.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", 422);
      status.put("reason", "Invalid");
      status.put("message", verdict.message());
    }
    if (!verdict.warnings().isEmpty()) {
      var warnings = response.putArray("warnings");
      verdict.warnings().forEach(warnings::add);
    }
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    review.set("response", response);
    return review;
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

  static ObjectMapper json() {
    return JSON;
  }
}
