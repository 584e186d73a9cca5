package dev.lattice.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The head of a statement — {@code permit(principal == X, action in [A, B], resource is T)} — and the literal
 * equalities its {@code when} conditions require, in a form that can rule statements out for a request before
 * Cedar sees them. Anything this class does not understand is kept ("may match"), so choosing a slice never changes
 * a decision, only its cost. When a statement has no conditions and every constraint is understood exactly,
 * {@link #decidable()} is true: Cedar would match it exactly when {@link #mayMatch} says so.
 *
 * @param required {@code principal.<attr>} or {@code resource.<attr>} to the string every {@code when} requires
 */
public record Scope(
    Constraint principal, Constraint action, Constraint resource, boolean hasConditions,
    Map<String, String> required) {

  public Scope {
    required = Map.copyOf(required);
  }

  /** One of the three constraints; {@code matches} answers "could this statement apply to that entity?". */
  public record Constraint(String op, Set<String> uids, Optional<String> entityType) {
    static final Constraint ANY = new Constraint("All", Set.of(), Optional.empty());

    boolean matches(String type, String id) {
      String uid = type + "::\"" + id + "\"";
      return switch (op) {
        case "All" -> true;
        case "==" -> uids.contains(uid);
        case "is" -> entityType.map(type::equals).orElse(true);
        case "in" -> uids.isEmpty() || uids.contains(uid);
        default -> true;
      };
    }

    /** True when {@link #matches} is exactly Cedar's meaning (entities here have no parents). */
    boolean exact() {
      return op.equals("All") || op.equals("==") || op.equals("is") || op.equals("in");
    }
  }

  /** A statement without conditions whose head is {@code permit|forbid(principal[ == E], action[ == E], resource[ == E]);}. */
  static Scope simple(Optional<String> principal, Optional<String> action, Optional<String> resource) {
    return new Scope(eq(principal), eq(action), eq(resource), false, Map.of());
  }

  private static Constraint eq(Optional<String> uid) {
    return uid.map(u -> new Constraint("==", Set.of(u), Optional.empty())).orElse(Constraint.ANY);
  }

  static Scope fromJson(JsonNode json) {
    Map<String, String> required = new HashMap<>();
    boolean conditions = json.path("conditions").size() > 0;
    for (JsonNode condition : json.path("conditions")) {
      if (condition.path("kind").asText().equals("when")) {
        collectEqualities(condition.path("body"), required);
      }
    }
    return new Scope(constraint(json.path("principal"), false), constraint(json.path("action"), true),
        constraint(json.path("resource"), false), conditions, required);
  }

  /** Conjuncts of the form {@code principal.a == "x"} or {@code resource.a == "x"}; other shapes are ignored. */
  private static void collectEqualities(JsonNode body, Map<String, String> required) {
    if (body.has("&&")) {
      collectEqualities(body.path("&&").path("left"), required);
      collectEqualities(body.path("&&").path("right"), required);
      return;
    }
    if (!body.has("==")) {
      return;
    }
    JsonNode left = body.path("==").path("left");
    JsonNode right = body.path("==").path("right");
    for (List<JsonNode> pair : List.of(List.of(left, right), List.of(right, left))) {
      JsonNode attribute = pair.get(0).path(".");
      JsonNode value = pair.get(1).path("Value");
      String variable = attribute.path("left").path("Var").asText("");
      if ((variable.equals("principal") || variable.equals("resource")) && attribute.path("attr").isTextual()
          && value.isTextual()) {
        String key = variable + "." + attribute.path("attr").asText();
        // Two different required values for one attribute can never both hold; keep both out of the way by
        // recording an impossible marker only when equal, else fall back to "may match".
        if (required.containsKey(key) && !required.get(key).equals(value.asText())) {
          required.remove(key);
        } else {
          required.put(key, value.asText());
        }
        return;
      }
    }
  }

  private static Constraint constraint(JsonNode node, boolean action) {
    String op = node.path("op").asText("All");
    Set<String> uids = new HashSet<>();
    if (node.has("entity")) {
      uids.add(uid(node.path("entity")));
    }
    if (node.has("entities")) {
      node.path("entities").forEach(e -> uids.add(uid(e)));
    }
    Optional<String> type = Optional.ofNullable(node.path("entity_type").textValue());
    if (op.equals("is") && node.has("in")) {
      return new Constraint("unknown", Set.of(), type); // "is T in X": keep it
    }
    if (op.equals("in") && !action) {
      return new Constraint("unknown", Set.of(), Optional.empty()); // hierarchy: leave it to Cedar
    }
    return new Constraint(op, Set.copyOf(uids), type);
  }

  private static String uid(JsonNode entity) {
    return entity.path("type").asText() + "::\"" + entity.path("id").asText() + "\"";
  }

  public boolean mayMatch(AccessRequest request) {
    return mayMatch(request, Entities.serviceAttributes(request.principal()));
  }

  /** {@link #mayMatch(AccessRequest)} with the principal's attributes computed once by the caller. */
  boolean mayMatch(AccessRequest request, Map<String, String> principalAttributes) {
    if (!(principal.matches(Entities.SERVICE, request.principal().toString())
        && action.matches(Entities.ACTION, request.action().name())
        && resource.matches(request.resource().type(), request.resource().id()))) {
      return false;
    }
    for (Map.Entry<String, String> e : required.entrySet()) {
      String actual = e.getKey().startsWith("principal.")
          ? principalAttributes.get(e.getKey().substring("principal.".length()))
          : request.resource().attributes().get(e.getKey().substring("resource.".length()));
      if (actual != null && !actual.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** True when matching this statement needs no Cedar: no conditions, every constraint exact. */
  public boolean decidable() {
    return !hasConditions && principal.exact() && action.exact() && resource.exact();
  }
}
