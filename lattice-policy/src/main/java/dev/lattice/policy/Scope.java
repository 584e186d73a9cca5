package dev.lattice.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The head of a statement — {@code permit(principal == X, action in [A, B], resource is T)} — in a form that can
 * rule statements out for a request before Cedar sees them. Anything this class does not understand is kept
 * (treated as "may match"), so choosing a slice never changes a decision, only its cost.
 */
public record Scope(Constraint principal, Constraint action, Constraint resource) {

  /** One of the three constraints; {@code matches} answers "could this statement apply to that entity?". */
  public record Constraint(String op, Set<String> uids, Optional<String> entityType) {
    static final Constraint ANY = new Constraint("All", Set.of(), Optional.empty());

    boolean matches(String type, String id) {
      String uid = type + "::\"" + id + "\"";
      return switch (op) {
        case "All" -> true;
        case "==" -> uids.contains(uid);
        case "is" -> entityType.map(type::equals).orElse(true);
        // "in" over actions is a plain list; over other entities it could follow parents, which Lattice's
        // entities do not have, so equality is the whole meaning. Keep any other form.
        case "in" -> uids.isEmpty() || uids.contains(uid);
        default -> true;
      };
    }
  }

  static Scope fromJson(JsonNode json) {
    return new Scope(constraint(json.path("principal")), constraint(json.path("action")),
        constraint(json.path("resource")));
  }

  private static Constraint constraint(JsonNode node) {
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
    if (op.equals("in") && node.has("entity") && !node.path("entity").path("type").asText().endsWith("Action")) {
      return new Constraint("unknown", Set.of(), Optional.empty());
    }
    return new Constraint(op, Set.copyOf(uids), type);
  }

  private static String uid(JsonNode entity) {
    return entity.path("type").asText() + "::\"" + entity.path("id").asText() + "\"";
  }

  public boolean mayMatch(AccessRequest request) {
    return principal.matches(Entities.SERVICE, request.principal().toString())
        && action.matches(Entities.ACTION, request.action().name())
        && resource.matches(request.resource().type(), request.resource().id());
  }
}
