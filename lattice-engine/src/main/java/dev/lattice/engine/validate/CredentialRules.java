package dev.lattice.engine.validate;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.Container.Probe;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warns about plain values that look like live credentials (well-known token prefixes, private key headers): a
 * plain variable or file goes verbatim into a ConfigMap, a probe header into the Deployment, where anyone who can
 * read those objects can read it. The warning names the field and the kind of token, never the value.
 */
final class CredentialRules {
  private CredentialRules() {}

  /** A kind of credential, recognised by a fixed prefix and enough token characters after it. */
  private record Token(String prefix, int minTail, String kind) {}

  private static final List<Token> TOKENS = List.of(
      new Token("sk_live_", 16, "Stripe secret key"),
      new Token("rk_live_", 16, "Stripe restricted key"),
      new Token("AKIA", 16, "AWS access key id"),
      new Token("ASIA", 16, "AWS temporary access key id"),
      new Token("ghp_", 30, "GitHub personal access token"),
      new Token("gho_", 30, "GitHub OAuth token"),
      new Token("ghs_", 30, "GitHub app token"),
      new Token("github_pat_", 30, "GitHub fine-grained token"),
      new Token("glpat-", 20, "GitLab access token"),
      new Token("xoxb-", 20, "Slack bot token"),
      new Token("xoxp-", 20, "Slack user token"),
      new Token("Bearer ", 20, "bearer token"),
      new Token("-----BEGIN ", -1, "private key"));

  static void check(ServiceContext context, Problems problems) {
    containers(context.intent().spec().containers(), "spec.workload.containers.", problems);
    containers(context.intent().spec().sidecars(), "spec.sidecars.", problems);
  }

  private static void containers(Map<String, Container> containers, String prefix, Problems problems) {
    containers.forEach((name, c) -> {
      String path = prefix + name;
      c.variables().forEach((key, value) -> warn(problems, path + ".variables." + key, value, "variable",
          "the container's ConfigMap"));
      c.files().forEach((file, spec) -> spec.content().ifPresent(content ->
          warn(problems, path + ".files." + file + ".content", content, "file", "the container's ConfigMap")));
      probe(problems, path + ".livenessProbe", c.livenessProbe());
      probe(problems, path + ".readinessProbe", c.readinessProbe());
      probe(problems, path + ".startupProbe", c.startupProbe());
    });
  }

  private static void probe(Problems problems, String path, Optional<Probe> probe) {
    probe.flatMap(Probe::httpGet).ifPresent(get -> get.headers().forEach((header, value) ->
        warn(problems, path + ".httpGet.httpHeaders", value, "probe header '" + Names.printable(header) + "'",
            "the Deployment")));
  }

  private static void warn(Problems problems, String path, String value, String what, String where) {
    if (value.contains("${secret.")) {
      return; // already wired to a secret; the rest of the text is the user's template
    }
    found(value).ifPresent(token -> problems.add(Reason.PlainCredential, path, "the " + what + " looks like a "
        + token.kind() + " (it contains '" + token.prefix().strip() + "...'); a plain value is written as it is "
        + "into " + where + ", which anyone who may read that object can read.",
        "store the value in your secret store, declare it as a resource (type: secret) and write "
            + "${secret.<resource>.<key>} here instead."));
  }

  /**
   * The first token kind the value contains. Linear: after a prefix whose tail is too short, the search goes on
   * after that tail, since a prefix inside it would have a shorter tail still.
   */
  static Optional<Token> found(String value) {
    for (Token token : TOKENS) {
      int at = value.indexOf(token.prefix());
      while (at >= 0) {
        int from = at + token.prefix().length();
        if (token.minTail() < 0) {
          int end = value.indexOf("-----", from);
          if (end < 0) {
            break;
          }
          if (value.startsWith("PRIVATE KEY", end - "PRIVATE KEY".length())) {
            return Optional.of(token);
          }
          at = value.indexOf(token.prefix(), end);
          continue;
        }
        int tail = tail(value, from);
        if (tail >= token.minTail()) {
          return Optional.of(token);
        }
        at = value.indexOf(token.prefix(), from + tail);
      }
    }
    return Optional.empty();
  }

  /** Token characters (letters, digits, '_', '-', '.', '/', '+', '=') from {@code from}. */
  private static int tail(String value, int from) {
    int i = from;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '+' || c == '=')) {
        break;
      }
      i++;
    }
    return i - from;
  }
}
