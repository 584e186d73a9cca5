package dev.lattice.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the scope of the commonest statement shape without a native call:
 * {@code permit|forbid(principal[ == T::"id"], action[ == T::"id"], resource[ == T::"id"]);} with nothing else (no
 * annotations, no conditions). Only used on text Cedar has already accepted; any other shape goes to Cedar.
 */
record SimpleHead(Effect effect, Scope scope) {
  private static final String ENTITY = "([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*::\"[^\"\\\\]*\")";
  private static final Pattern HEAD = Pattern.compile(
      "\\s*(permit|forbid)\\s*\\(\\s*principal\\s*(?:==\\s*" + ENTITY + "\\s*)?,\\s*action\\s*(?:==\\s*" + ENTITY
          + "\\s*)?,\\s*resource\\s*(?:==\\s*" + ENTITY + "\\s*)?\\)\\s*;\\s*");

  static Optional<SimpleHead> parse(String text) {
    Matcher m = HEAD.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SimpleHead(Effect.valueOf(m.group(1)),
        Scope.simple(normalise(m.group(2)), normalise(m.group(3)), normalise(m.group(4)))));
  }

  /** {@code Lattice :: Service::"x"} and {@code Lattice::Service::"x"} are the same uid. */
  private static Optional<String> normalise(String uid) {
    return Optional.ofNullable(uid).map(u -> u.replaceAll("\\s+", ""));
  }
}
