package dev.lattice.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.api.versions.Decision;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The LatticeService CRD's conversion webhook: answers an {@code apiextensions.k8s.io/v1} ConversionReview by
 * converting every object with {@link Conversions#convert}, the one place that knows the versions' shapes. The API
 * server calls it whenever an object is read or written in a version other than the one it is stored in, so a
 * list may mix source versions. A conversion that needs a decision (v1's missing image ".") fails the whole review
 * with a message naming the field and the choice: the apply that would store it is rejected, nothing is guessed.
 *
 * <p>The review is handled as a Jackson tree on the admission webhook's JDK HttpServer rather than with the JOSDK
 * webhooks framework: the framework hands converters typed objects, and deserializing into a typed class drops what
 * the class does not model, while conversion must be lossless for the whole document; it would also bring a second
 * fabric8 HTTP client (java-stack.md G3) for one endpoint that needs none of its routing.
 */
public class ConversionWebhook {
  /** One ConversionReview's answer: the converted objects, or why none could be. */
  sealed interface Outcome permits Outcome.Success, Outcome.Failure {
    record Success(List<ObjectNode> converted) implements Outcome {}

    record Failure(String message) implements Outcome {}
  }

  /** Answers an {@code apiextensions.k8s.io/v1} ConversionReview. */
  public JsonNode review(JsonNode conversionReview) {
    JsonNode request = conversionReview.path("request");
    ObjectNode response = AdmissionValidator.json().createObjectNode();
    response.put("uid", request.path("uid").asText());
    Outcome outcome = convert(request.path("desiredAPIVersion").asText(), request.path("objects"));
    ObjectNode result = response.putObject("result");
    if (outcome instanceof Outcome.Success success) {
      ArrayNode objects = response.putArray("convertedObjects");
      success.converted().forEach(objects::add);
      result.put("status", "Success");
    } else if (outcome instanceof Outcome.Failure failure) {
      response.putArray("convertedObjects");
      result.put("status", "Failure");
      result.put("message", failure.message());
    }
    ObjectNode review = AdmissionValidator.json().createObjectNode();
    review.put("apiVersion", conversionReview.path("apiVersion").asText("apiextensions.k8s.io/v1"));
    review.put("kind", "ConversionReview");
    review.set("response", response);
    return review;
  }

  /** Converts every object to {@code desiredApiVersion}; the first that cannot be converted fails them all. */
  Outcome convert(String desiredApiVersion, JsonNode objects) {
    Optional<ApiVersion> target = ApiVersion.of(desiredApiVersion);
    if (target.isEmpty()) {
      return new Outcome.Failure("LatticeService cannot be converted to " + desiredApiVersion + ": the served "
          + "versions are " + served());
    }
    List<ObjectNode> converted = new java.util.ArrayList<>();
    for (JsonNode object : objects) {
      if (!object.isObject()) {
        return new Outcome.Failure("the ConversionReview holds an object that is not a JSON object");
      }
      String source = object.path("apiVersion").asText();
      if (ApiVersion.of(source).isEmpty()) {
        return new Outcome.Failure(describe(object) + " is in " + source + ", which is not served; the served "
            + "versions are " + served());
      }
      ConversionResult result = Conversions.convert((ObjectNode) object, target.get());
      if (result instanceof ConversionResult.NeedsDecision needs) {
        return new Outcome.Failure(needsDecision(object, source, target.get(), needs.decisions()));
      }
      converted.add(((ConversionResult.Converted) result).document());
    }
    return new Outcome.Success(converted);
  }

  /**
   * The message kubectl shows when an apply is rejected for a decision, e.g. {@code LatticeService shop/web cannot
   * be stored as lattice.dev/v1 without a decision: spec...image: <problem> Fix: <choice>}, worded like every
   * other Lattice message.
   */
  static String needsDecision(JsonNode object, String source, ApiVersion target, List<Decision> decisions) {
    return describe(object) + " (" + source + ") cannot be stored as " + target.apiVersion()
        + " without a decision" + (decisions.size() == 1 ? "" : " (" + decisions.size() + " decisions)") + ": "
        + decisions.stream().map(d -> d.fieldPath() + ": " + d.problem() + " Fix: " + d.choice())
            .collect(Collectors.joining("; "));
  }

  private static String describe(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return "LatticeService " + metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
  }

  private static String served() {
    return ApiVersion.servedList();
  }
}
