package dev.lattice.api.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts one whole LatticeService document (apiVersion, kind, metadata, spec, status) between served versions.
 *
 * <p>Conversion works on the spec tree one step at a time (v1alpha1 - v1beta1 - v1, {@link AlphaBeta},
 * {@link BetaV1}). It is lossless: when the target cannot express everything the source wrote (an explicit
 * {@code direction: outbound}, an empty {@code workload: {}}, two v1beta1 entries of one name), the operations
 * that restore the source are kept in the annotation {@value #ANNOTATION}, with the version they restore and a
 * digest of the spec they apply to. Converting back applies them only while the spec is unchanged (an edited spec
 * is converted as it now is) and removes the annotation, so source, target, source gives back an identical tree.
 * Deterministic, and it never throws on user input.
 */
public final class Conversions {
  /** Keeps what the target version cannot express. */
  public static final String ANNOTATION = "lattice.dev/conversion-data";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Conversions() {}

  public static ConversionResult convert(ObjectNode document, ApiVersion target) {
    String written = document.path("apiVersion").asText("");
    var source = ApiVersion.of(written).filter(v -> v.apiVersion().equals(written));
    if (source.isEmpty()) {
      return new ConversionResult.NeedsDecision(List.of(new Decision("apiVersion",
          "'" + written + "' is not a served version of LatticeService.",
          "write one of " + ApiVersion.servedList() + ".")));
    }
    if (!"LatticeService".equals(document.path("kind").asText(""))) {
      return new ConversionResult.NeedsDecision(List.of(new Decision("kind",
          "only LatticeService documents convert between versions; this is '" + document.path("kind").asText("")
              + "'.",
          "convert LatticeService documents only; other kinds stay as they are.")));
    }
    ApiVersion from = source.get();
    JsonNode spec = document.get("spec");
    if (target == ApiVersion.V1 && from != ApiVersion.V1 && spec != null) {
      List<Decision> decisions = RuntimeImages.decisions(spec, from);
      if (!decisions.isEmpty()) {
        return new ConversionResult.NeedsDecision(decisions);
      }
    }
    ObjectNode out = document.deepCopy();
    out.put("apiVersion", target.apiVersion());
    if (spec == null) {
      return new ConversionResult.Converted(out);
    }
    ObjectNode metadata = document.get("metadata") instanceof ObjectNode m ? m : null;
    Kept kept = Kept.read(metadata, spec);
    ApiVersion origin = kept == null ? from : kept.origin;
    JsonNode originSpec = kept == null ? spec : TreePatch.apply(step(spec, from, origin), kept.restore);
    // Canonical origin: the version nearest the target that still says everything the original said, so the
    // annotation depends only on what was written and the target, never on the path taken to get there.
    while (origin != target) {
      ApiVersion next = ApiVersion.values()[origin.ordinal() + (target.ordinal() > origin.ordinal() ? 1 : -1)];
      if (next == target) {
        break;
      }
      JsonNode there = step(originSpec, origin, next);
      if (!step(there, next, origin).equals(originSpec)) {
        break;
      }
      originSpec = there;
      origin = next;
    }
    JsonNode converted = step(originSpec, origin, target);
    ArrayNode restore = TreePatch.diff(step(converted, target, origin), originSpec);
    out.set("spec", converted);
    annotate(out, restore.isEmpty() ? null : new Kept(origin, TreePatch.digest(converted), restore,
        kept == null ? metadata != null && metadata.get("annotations") instanceof ObjectNode a && a.isEmpty()
            : kept.emptyAnnotations));
    return new ConversionResult.Converted(out);
  }

  /** The spec converted one step at a time from one version to another (no annotation involved). */
  static JsonNode step(JsonNode spec, ApiVersion from, ApiVersion to) {
    JsonNode at = spec;
    int i = from.ordinal();
    while (i < to.ordinal()) {
      at = i == 0 ? AlphaBeta.up(at) : BetaV1.up(at);
      i++;
    }
    while (i > to.ordinal()) {
      at = i == 2 ? BetaV1.down(at) : AlphaBeta.down(at);
      i--;
    }
    return at == spec ? spec.deepCopy() : at;
  }

  private static void annotate(ObjectNode document, Kept kept) {
    JsonNode metadataNode = document.get("metadata");
    if (kept == null) {
      if (metadataNode instanceof ObjectNode metadata && metadata.get("annotations") instanceof ObjectNode a
          && a.has(ANNOTATION)) {
        boolean keepEmpty = Kept.emptyFlag(a.get(ANNOTATION));
        a.remove(ANNOTATION);
        if (a.isEmpty() && !keepEmpty) {
          metadata.remove("annotations");
        }
      }
      return;
    }
    ObjectNode metadata;
    if (metadataNode instanceof ObjectNode m) {
      metadata = m;
    } else if (metadataNode == null) {
      metadata = document.putObject("metadata");
    } else {
      return; // metadata that is not an object cannot hold the annotation; the reader reports it anyway
    }
    ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode a ? a : metadata.putObject(
        "annotations");
    annotations.put(ANNOTATION, kept.json());
  }

  /** The annotation's content: which version the operations restore, the spec they apply to, the operations. */
  private record Kept(ApiVersion origin, String digest, ArrayNode restore, boolean emptyAnnotations) {
    static Kept read(ObjectNode metadata, JsonNode spec) {
      if (metadata == null || !(metadata.get("annotations") instanceof ObjectNode annotations)
          || !annotations.path(ANNOTATION).isTextual()) {
        return null;
      }
      try {
        JsonNode data = JSON.readTree(annotations.get(ANNOTATION).asText());
        var origin = ApiVersion.of(data.path("version").asText(""));
        if (origin.isEmpty() || !data.path("restore").isArray()
            || !data.path("spec").asText("").equals(TreePatch.digest(spec))) {
          return null; // edited since it was converted, or not ours: convert the spec as it now is
        }
        return new Kept(origin.get(), data.path("spec").asText(), (ArrayNode) data.get("restore"),
            data.path("emptyAnnotations").asBoolean(false));
      } catch (JsonProcessingException e) {
        return null;
      }
    }

    static boolean emptyFlag(JsonNode annotation) {
      try {
        return annotation.isTextual() && JSON.readTree(annotation.asText()).path("emptyAnnotations").asBoolean();
      } catch (JsonProcessingException e) {
        return false;
      }
    }

    String json() {
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("version", origin.apiVersion());
      data.put("spec", digest);
      if (emptyAnnotations) {
        data.put("emptyAnnotations", true);
      }
      data.set("restore", restore);
      return data.toString();
    }
  }

  /** What only the team can decide on the way to v1: an image for ".", and where an invalid direction goes. */
  static final class RuntimeImages {
    private RuntimeImages() {}

    static List<Decision> decisions(JsonNode spec, ApiVersion from) {
      List<Decision> out = new ArrayList<>();
      String containers = from == ApiVersion.V1ALPHA1 ? "spec.workload.containers" : "spec.containers";
      JsonNode main = from == ApiVersion.V1ALPHA1 ? spec.path("workload").path("containers")
          : spec.path("containers");
      check(main, containers, out);
      check(spec.path("sidecars"), "spec.sidecars", out);
      directions(spec, from, out);
      return out;
    }

    /** v1 says a direction by the map an entry is in, so a direction that is none of the three has no place. */
    private static void directions(JsonNode spec, ApiVersion from, List<Decision> out) {
      String path = from == ApiVersion.V1ALPHA1 ? "spec.workload.resources" : "spec.dependencies";
      JsonNode entries = from == ApiVersion.V1ALPHA1 ? spec.path("workload").path("resources")
          : spec.path("dependencies");
      if (!(entries instanceof ObjectNode map)) {
        return;
      }
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        JsonNode direction = e.getValue().get("direction");
        boolean dependency = from != ApiVersion.V1ALPHA1 || AlphaBeta.section(e.getValue()).equals("dependencies");
        if (dependency && direction != null && !(direction.isTextual()
            && List.of(BetaV1.OUTBOUND, BetaV1.INBOUND, BetaV1.BOTH).contains(direction.asText()))) {
          String field = path + "." + e.getKey() + ".direction";
          out.add(new Decision(field,
              "'" + direction.asText(direction.toString()) + "' is not a direction, and lattice.dev/v1 writes a "
                  + "direction as the map an entry is in, so there is nowhere to put it.",
              "write direction: outbound (this service calls it), inbound (it calls this service) or both at "
                  + field + ", then convert again."));
        }
      }
    }

    private static void check(JsonNode containers, String path, List<Decision> out) {
      if (!(containers instanceof ObjectNode map)) {
        return;
      }
      for (Map.Entry<String, JsonNode> c : map.properties()) {
        if (c.getValue().path("image").isTextual() && c.getValue().path("image").asText().equals(".")) {
          String field = path + "." + c.getKey() + ".image";
          out.add(new Decision(field,
              "image '.' asks the runtime to supply the image at deploy time, which lattice.dev/v1 does not "
                  + "allow, and no conversion can know which image you deploy.",
              "choose the image to run and write it at " + field
                  + ", e.g. image: ghcr.io/acme/app:1.4.2@sha256:<digest>, then convert again."));
        }
      }
    }
  }
}
