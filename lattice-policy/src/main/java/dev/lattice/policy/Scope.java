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
    Map<String, String> required, Map<String, java.util.regex.Pattern> likes, boolean conditionsUnderstood) {

  public Scope {
    required = Map.copyOf(required);
    likes = Map.copyOf(likes);
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
    return new Scope(eq(principal), eq(action), eq(resource), false, Map.of(), Map.of(), true);
  }

  private static Constraint eq(Optional<String> uid) {
    return uid.map(u -> new Constraint("==", Set.of(u), Optional.empty())).orElse(Constraint.ANY);
  }

  static Scope fromJson(JsonNode json) {
    Map<String, String> required = new HashMap<>();
    Map<String, java.util.regex.Pattern> likes = new HashMap<>();
    boolean conditions = json.path("conditions").size() > 0;
    boolean understood = true;
    for (JsonNode condition : json.path("conditions")) {
      if (condition.path("kind").asText().equals("when")) {
        understood &= collect(condition.path("body"), required, likes);
      } else {
        understood = false; // unless: left to Cedar
      }
    }
    return new Scope(constraint(json.path("principal"), false), constraint(json.path("action"), true),
        constraint(json.path("resource"), false), conditions, required, likes, understood);
  }

  /**
   * Collects conjuncts of the form {@code principal.a == "x"}, {@code resource.a == "x"} and
   * {@code resource.a like "x*"}. Returns false when the body holds anything else (or contradicts itself), so the
   * statement is never decided without Cedar; what was collected still narrows slices.
   */
  private static boolean collect(
      JsonNode body, Map<String, String> required, Map<String, java.util.regex.Pattern> likes) {
    if (body.has("&&")) {
      boolean left = collect(body.path("&&").path("left"), required, likes);
      boolean right = collect(body.path("&&").path("right"), required, likes);
      return left && right;
    }
    if (body.has("like")) {
      String key = attributeKey(body.path("like").path("left"));
      JsonNode pattern = body.path("like").path("pattern");
      java.util.Optional<java.util.regex.Pattern> regex = pattern.isTextual()
          ? likePattern(pattern.asText()) : java.util.Optional.empty();
      if (key == null || regex.isEmpty() || likes.containsKey(key)) {
        return false;
      }
      likes.put(key, regex.get());
      return true;
    }
    if (!body.has("==")) {
      return false;
    }
    JsonNode left = body.path("==").path("left");
    JsonNode right = body.path("==").path("right");
    for (List<JsonNode> pair : List.of(List.of(left, right), List.of(right, left))) {
      String key = attributeKey(pair.get(0));
      JsonNode value = pair.get(1).path("Value");
      if (key != null && value.isTextual()) {
        if (required.containsKey(key) && !required.get(key).equals(value.asText())) {
          required.remove(key); // contradictory: never decided here
          return false;
        }
        required.put(key, value.asText());
        return true;
      }
    }
    return false;
  }

  private static String attributeKey(JsonNode node) {
    JsonNode attribute = node.path(".");
    String variable = attribute.path("left").path("Var").asText("");
    if ((variable.equals("principal") || variable.equals("resource")) && attribute.path("attr").isTextual()) {
      return variable + "." + attribute.path("attr").asText();
    }
    return null;
  }

  /** Cedar's {@code like}: {@code *} matches any text, {@code \*} a literal star; other escapes go to Cedar. */
  static java.util.Optional<java.util.regex.Pattern> likePattern(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          literal.append('*');
          i++;
          continue;
        }
        return java.util.Optional.empty();
      }
      if (c == '*') {
        regex.append(java.util.regex.Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(java.util.regex.Pattern.quote(literal.toString()));
    return java.util.Optional.of(java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL));
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
    return mayMatch(request, Entities.principalAttributes(request));
  }

  /** {@link #mayMatch(AccessRequest)} with the principal's attributes computed once by the caller. */
  boolean mayMatch(AccessRequest request, Map<String, String> principalAttributes) {
    if (!(principal.matches(request.principalType(), request.principal().toString())
        && action.matches(Entities.ACTION, request.action().name())
        && resource.matches(request.resource().type(), request.resource().id()))) {
      return false;
    }
    for (Map.Entry<String, String> e : required.entrySet()) {
      String actual = attribute(e.getKey(), request, principalAttributes);
      if (actual != null && !actual.equals(e.getValue())) {
        return false;
      }
    }
    for (Map.Entry<String, java.util.regex.Pattern> e : likes.entrySet()) {
      String actual = attribute(e.getKey(), request, principalAttributes);
      if (actual != null && !e.getValue().matcher(actual).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * For a statement whose conditions are all understood: true exactly when Cedar would find them true (a missing
   * attribute is an evaluation error in Cedar, and a statement in error does not apply).
   */
  boolean conditionsHold(AccessRequest request, Map<String, String> principalAttributes) {
    for (Map.Entry<String, String> e : required.entrySet()) {
      if (!e.getValue().equals(attribute(e.getKey(), request, principalAttributes))) {
        return false;
      }
    }
    for (Map.Entry<String, java.util.regex.Pattern> e : likes.entrySet()) {
      String actual = attribute(e.getKey(), request, principalAttributes);
      if (actual == null || !e.getValue().matcher(actual).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String attribute(String key, AccessRequest request, Map<String, String> principalAttributes) {
    return key.startsWith("principal.")
        ? principalAttributes.get(key.substring("principal.".length()))
        : request.resource().attributes().get(key.substring("resource.".length()));
  }

  /**
   * True when matching this statement needs no Cedar: every constraint exact, and no conditions or only
   * conditions this class evaluates exactly ({@code ==} and {@code like} on attributes, joined by {@code &&}).
   */
  public boolean decidable() {
    return (!hasConditions || conditionsUnderstood) && principal.exact() && action.exact() && resource.exact();
  }
}
