package dev.lattice.api.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The one step between v1beta1 and v1, on spec trees. v1 replaces the per-entry {@code direction} of
 * {@code spec.dependencies} with two explicit maps, {@code spec.dependencies.outbound} (what this service calls)
 * and {@code spec.dependencies.inbound} (what may call it); a v1beta1 {@code direction: both} becomes one entry in
 * each. Everything else is copied unchanged. A direction that is not one of the three stays on its (outbound)
 * entry for the v1 reader to report.
 */
final class BetaV1 {
  static final String OUTBOUND = "outbound";
  static final String INBOUND = "inbound";
  static final String BOTH = "both";

  private BetaV1() {}

  static JsonNode up(JsonNode spec) {
    if (!(spec instanceof ObjectNode in) || !(in.get("dependencies") instanceof ObjectNode dependencies)) {
      return spec.deepCopy();
    }
    ObjectNode out = in.deepCopy();
    ObjectNode split = JsonNodeFactory.instance.objectNode();
    ObjectNode outbound = JsonNodeFactory.instance.objectNode();
    ObjectNode inbound = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> d : dependencies.properties()) {
      if (!(d.getValue() instanceof ObjectNode entry)) {
        outbound.set(d.getKey(), d.getValue().deepCopy());
        continue;
      }
      JsonNode direction = entry.get("direction");
      String written = direction == null ? OUTBOUND : direction.isTextual() ? direction.asText() : "";
      ObjectNode plain = entry.deepCopy();
      plain.remove("direction");
      switch (written) {
        case OUTBOUND -> outbound.set(d.getKey(), plain);
        case INBOUND -> inbound.set(d.getKey(), plain);
        case BOTH -> {
          outbound.set(d.getKey(), plain);
          inbound.set(d.getKey(), plain.deepCopy());
        }
        default -> outbound.set(d.getKey(), entry.deepCopy());
      }
    }
    if (!outbound.isEmpty() || inbound.isEmpty()) {
      split.set(OUTBOUND, outbound);
    }
    if (!inbound.isEmpty()) {
      split.set(INBOUND, inbound);
    }
    out.set("dependencies", split);
    return out;
  }

  static JsonNode down(JsonNode spec) {
    if (!(spec instanceof ObjectNode in) || !(in.get("dependencies") instanceof ObjectNode dependencies)) {
      return spec.deepCopy();
    }
    ObjectNode out = in.deepCopy();
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    ObjectNode outbound = dependencies.get(OUTBOUND) instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    ObjectNode inbound = dependencies.get(INBOUND) instanceof ObjectNode i ? i : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> d : outbound.properties()) {
      JsonNode entry = d.getValue();
      JsonNode reverse = inbound.get(d.getKey());
      if (reverse == null) {
        merged.set(d.getKey(), entry.deepCopy());
      } else {
        // Both directions: one v1beta1 entry. Should the two v1 entries differ, the inbound one is restored from
        // the annotation on the way back.
        ObjectNode both = entry instanceof ObjectNode fields ? fields.deepCopy()
            : JsonNodeFactory.instance.objectNode();
        both.put("direction", BOTH);
        merged.set(d.getKey(), both);
      }
    }
    for (Map.Entry<String, JsonNode> d : inbound.properties()) {
      if (outbound.has(d.getKey())) {
        continue;
      }
      ObjectNode entry = d.getValue() instanceof ObjectNode fields ? fields.deepCopy()
          : JsonNodeFactory.instance.objectNode();
      entry.put("direction", INBOUND);
      merged.set(d.getKey(), entry);
    }
    out.set("dependencies", merged);
    return out;
  }
}
