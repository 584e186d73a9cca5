package dev.lattice.policy;

import dev.lattice.api.status.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Names in a statement's head that Lattice never uses: an action it never asks about
 * ({@code Lattice::Action::"AccesSecret"}) or an entity type it never sends ({@code Lattice::Servce}). Cedar accepts
 * them, and the statement then silently matches nothing; loading reports each with the nearest real name.
 */
final class PolicyNames {
  static final List<String> ACTIONS = Arrays.stream(Action.values()).map(Action::name).toList();
  static final List<String> TYPES = List.of(Entities.SERVICE, Entities.SECRET_PATH, Entities.EXTERNAL_ENDPOINT,
      Entities.SECURITY_OVERRIDE, Entities.IMAGE_REF, Entities.MESH, Entities.ESCAPE_HATCH,
      Entities.GPU_MODEL, Entities.MESH_MEMBER, Entities.PACKAGE);

  /** One unknown name: what was written, how to show it, and the name most likely meant. */
  record Misspelling(String written, String shown, Optional<String> meant, Optional<String> meantShown) {
    String message(Statement s) {
      String what = shown.startsWith(Entities.ACTION + "::") ? "action" : "entity type";
      return "statement " + s.index() + " names " + what + " " + shown + ", which Lattice never uses, so the "
          + "statement can never match it; " + meantShown.map(m -> "did you mean " + m + "?")
              .orElse("the " + (what.equals("action") ? "actions are " + String.join(", ", ACTIONS)
                  : "entity types are " + String.join(", ", TYPES)) + ".");
    }
  }

  private PolicyNames() {}

  static List<Misspelling> of(Statement s) {
    List<Misspelling> out = new ArrayList<>();
    for (String uid : new TreeSet<>(s.scope().action().uids())) {
      String type = typeOf(uid);
      String id = idOf(uid);
      if (!type.equals(Entities.ACTION)) {
        type(type, out);
      } else if (!ACTIONS.contains(id)) {
        Optional<String> meant = Suggestions.nearest(id, ACTIONS);
        out.add(new Misspelling(id, uid, meant, meant.map(m -> Entities.ACTION + "::" + Entities.quote(m))));
      }
    }
    for (Scope.Constraint c : List.of(s.scope().principal(), s.scope().resource())) {
      new TreeSet<>(c.uids()).forEach(uid -> type(typeOf(uid), out));
      c.entityType().ifPresent(t -> type(t, out));
    }
    return out;
  }

  /** True when the head, with every misspelt name replaced by the one meant, matches the request. */
  static boolean matchesCorrected(Scope scope, AccessRequest request) {
    return matches(scope.principal(), request.principalType(), request.principal().toString())
        && matches(scope.action(), Entities.ACTION, request.action().name())
        && matches(scope.resource(), request.resource().type(), request.resource().id());
  }

  private static boolean matches(Scope.Constraint c, String type, String id) {
    if (c.matches(type, id)) {
      return true;
    }
    String uid = type + "::\"" + id + "\"";
    return switch (c.op()) {
      case "==", "in" -> c.uids().stream().anyMatch(u -> corrected(u).equals(uid));
      case "is" -> c.entityType().map(t -> TYPES.contains(t) ? t : Suggestions.nearest(t, TYPES).orElse(t))
          .filter(type::equals).isPresent();
      default -> false;
    };
  }

  /** The uid with a misspelt type, and a misspelt action name, replaced by the nearest real one. */
  private static String corrected(String uid) {
    String type = typeOf(uid);
    String id = idOf(uid);
    List<String> types = new ArrayList<>(TYPES);
    types.add(Entities.ACTION);
    String realType = types.contains(type) ? type : Suggestions.nearest(type, types).orElse(type);
    String realId = realType.equals(Entities.ACTION) && !ACTIONS.contains(id)
        ? Suggestions.nearest(id, ACTIONS).orElse(id) : id;
    return realType + "::\"" + realId + "\"";
  }

  private static void type(String type, List<Misspelling> out) {
    if (!TYPES.contains(type) && out.stream().noneMatch(m -> m.written().equals(type))) {
      Optional<String> meant = Suggestions.nearest(type, TYPES);
      out.add(new Misspelling(type, type, meant, meant));
    }
  }

  private static String typeOf(String uid) {
    int quote = uid.indexOf("::\"");
    return quote < 0 ? uid : uid.substring(0, quote);
  }

  private static String idOf(String uid) {
    int quote = uid.indexOf("::\"");
    return quote < 0 ? "" : uid.substring(quote + 3, uid.length() - 1);
  }
}
