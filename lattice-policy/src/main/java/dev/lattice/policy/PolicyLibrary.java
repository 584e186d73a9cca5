package dev.lattice.policy;

import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.slice.Policy;
import com.cedarpolicy.model.slice.PolicySet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enforced policy set, loaded from CedarPolicy documents. Only documents in the platform namespace count;
 * disabled ones are skipped; each statement is parsed on its own so one typo costs one statement, reported with its
 * line, not the fleet. Statements are indexed by action and principal so a request's slice is found without
 * scanning every statement.
 */
public final class PolicyLibrary {
  /** The only namespace CedarPolicies are read from: policy is the platform team's, not a team's. */
  public static final String PLATFORM_NAMESPACE = "lattice-system";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Statement> statements;
  private final List<PolicySummary> summaries;
  private final String version;
  private final Map<Action, Map<String, List<Statement>>> byPrincipal = new EnumMap<>(Action.class);
  /** Statements for any principal whose {@code when} requires {@code principal.namespace == "<ns>"}, by ns. */
  private final Map<Action, Map<String, List<Statement>>> byNamespace = new EnumMap<>(Action.class);
  private final Map<Action, List<Statement>> anyPrincipal = new EnumMap<>(Action.class);
  private final Map<Statement, Integer> statementOrder = new java.util.IdentityHashMap<>();

  private PolicyLibrary(List<Statement> statements, List<PolicySummary> summaries) {
    this.statements = List.copyOf(statements);
    this.summaries = List.copyOf(summaries);
    this.version = digest(statements);
    for (int i = 0; i < statements.size(); i++) {
      statementOrder.put(statements.get(i), i);
    }
    for (Action action : Action.values()) {
      Map<String, List<Statement>> principals = new HashMap<>();
      Map<String, List<Statement>> namespaces = new HashMap<>();
      List<Statement> any = new ArrayList<>();
      for (Statement s : statements) {
        if (!s.scope().action().matches(Entities.ACTION, action.name())) {
          continue;
        }
        Scope.Constraint principal = s.scope().principal();
        String namespace = s.scope().required().get("principal.namespace");
        if (principal.op().equals("==") && principal.uids().size() == 1) {
          principals.computeIfAbsent(principal.uids().iterator().next(), k -> new ArrayList<>()).add(s);
        } else if (namespace != null) {
          // Namespace-wide grants are common; indexing them keeps a request's lookup independent of fleet size.
          namespaces.computeIfAbsent(namespace, k -> new ArrayList<>()).add(s);
        } else {
          any.add(s);
        }
      }
      byPrincipal.put(action, principals);
      byNamespace.put(action, namespaces);
      anyPrincipal.put(action, any);
    }
  }

  public static PolicyLibrary empty() {
    return new PolicyLibrary(List.of(), List.of());
  }

  public static PolicyLibrary load(List<PolicyDocument> documents) {
    List<PolicyDocument> ordered = new ArrayList<>(documents);
    // Priority has no effect on Cedar's decision (forbid always wins); it only orders statements and reports.
    ordered.sort(Comparator.comparingInt(PolicyDocument::priority).reversed()
        .thenComparing(PolicyDocument::namespace).thenComparing(PolicyDocument::name));
    List<Statement> statements = new ArrayList<>();
    List<PolicySummary> summaries = new ArrayList<>();
    for (PolicyDocument document : ordered) {
      if (!document.namespace().equals(PLATFORM_NAMESPACE)) {
        summaries.add(new PolicySummary(document.name(), document.namespace(), document.enabled(), false, 0, 0,
            List.of(new PolicyProblem(document.name(), 0, "ignored: CedarPolicies are only enforced in namespace "
                + PLATFORM_NAMESPACE + "; ask the platform team to move it there."))));
        continue;
      }
      List<PolicyProblem> problems = new ArrayList<>();
      List<Statement> parsed = parse(document, problems);
      int permits = (int) parsed.stream().filter(s -> s.effect() == Effect.permit).count();
      summaries.add(new PolicySummary(document.name(), document.namespace(), document.enabled(), true, permits,
          parsed.size() - permits, problems));
      if (document.enabled()) {
        statements.addAll(parsed);
      }
    }
    return new PolicyLibrary(statements, summaries);
  }

  /**
   * Parses a document's statements. The whole text is checked by Cedar in one call; when it parses, statements with
   * a plain head and no conditions get their scope read here, and only the others cost a native call for their
   * structure. When it does not parse, each statement is parsed alone so the broken ones are named by line.
   */
  private static List<Statement> parse(PolicyDocument document, List<PolicyProblem> problems) {
    List<StatementSplitter.Chunk> chunks = StatementSplitter.split(document.policies());
    if (chunks.size() > Limits.POLICY_STATEMENTS) {
      problems.add(new PolicyProblem(document.name(), 0, "the CedarPolicy has " + chunks.size() + " statements, "
          + "more than the " + Limits.POLICY_STATEMENTS + " Lattice accepts in one; none of them is loaded. Fix: "
          + "split it into several CedarPolicies."));
      return List.of();
    }
    // Nothing out of bounds may reach native code, not even inside the whole text.
    List<Optional<String>> bounds = chunks.stream().map(c -> StatementBounds.problem(c.text())).toList();
    boolean wholeParses = bounds.stream().allMatch(Optional::isEmpty);
    try {
      wholeParses = wholeParses
          && (chunks.isEmpty() || PolicySet.parsePolicies(document.policies()).policies.size() == chunks.size());
    } catch (InternalException | RuntimeException e) {
      wholeParses = false;
    }
    List<Statement> out = new ArrayList<>();
    int index = 0;
    for (StatementSplitter.Chunk chunk : chunks) {
      index++;
      if (bounds.get(index - 1).isPresent()) {
        problems.add(new PolicyProblem(document.name(), chunk.line(), bounds.get(index - 1).get()));
        continue;
      }
      try {
        Statement statement = wholeParses ? statement(document, index, chunk) : parsedAlone(document, index, chunk);
        out.add(statement);
        for (PolicyNames.Misspelling m : PolicyNames.of(statement)) {
          problems.add(new PolicyProblem(document.name(), chunk.line(), m.message(statement), false));
        }
      } catch (InternalException | RuntimeException | java.io.IOException e) {
        problems.add(new PolicyProblem(document.name(), chunk.line(), cedarMessage(e)));
      }
    }
    return out;
  }

  private static Statement statement(PolicyDocument document, int index, StatementSplitter.Chunk chunk)
      throws InternalException, java.io.IOException {
    java.util.Optional<SimpleHead> head = SimpleHead.parse(chunk.text());
    if (head.isEmpty()) {
      return parsedAlone(document, index, chunk);
    }
    return new Statement(document.name() + "#" + index, document.name(), index, chunk.line(), head.get().effect(),
        chunk.text(), head.get().scope());
  }

  private static Statement parsedAlone(PolicyDocument document, int index, StatementSplitter.Chunk chunk)
      throws InternalException, java.io.IOException {
    Policy policy = Policy.parseStaticPolicy(chunk.text());
    JsonNode json = JSON.readTree(policy.toJson());
    Effect effect = Effect.valueOf(json.path("effect").asText("permit"));
    return new Statement(document.name() + "#" + index, document.name(), index, chunk.line(), effect,
        policy.policySrc, Scope.fromJson(json));
  }

  /** Cedar's parse message without the JNI wrapping. */
  static String cedarMessage(Exception e) {
    String message = String.valueOf(e.getMessage());
    for (String prefix : List.of("Internal error: ", "Internal JNI Error: ")) {
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message.strip();
  }

  /** Every enforced statement, in priority order. */
  public List<Statement> statements() {
    return statements;
  }

  /** One summary per CedarPolicy read, enforced or not, for its status. */
  public List<PolicySummary> summaries() {
    return summaries;
  }

  /** Every problem found while loading. */
  public List<PolicyProblem> problems() {
    return summaries.stream().flatMap(s -> s.problems().stream()).toList();
  }

  /**
   * Why no permit matched, when a permit would match the request but for misspelt names in its head:
   * {@code CedarPolicy x, statement 1 (line 3) names Lattice::Action::"AccesSecret", which does not exist; did you
   * mean Lattice::Action::"AccessSecret"?}. Only asked for denials, so it scans the statements.
   */
  public List<String> nearMisses(AccessRequest request) {
    List<String> out = new ArrayList<>();
    for (Statement s : statements) {
      List<PolicyNames.Misspelling> misspelt = PolicyNames.of(s);
      if (s.effect() != Effect.permit || misspelt.stream().noneMatch(m -> m.meant().isPresent())
          || !PolicyNames.matchesCorrected(s.scope(), request)) {
        continue;
      }
      out.add(s.describe() + " names " + misspelt.stream().filter(m -> m.meant().isPresent())
          .map(m -> m.shown() + ", which does not exist; did you mean " + m.meantShown().orElseThrow() + "?")
          .collect(java.util.stream.Collectors.joining(" It also names ")));
    }
    return out;
  }

  /** A digest of the enforced statements: equal versions decide every request the same way. */
  public String version() {
    return version;
  }

  /** The statements that can apply to {@code request}; only these go into its slice. */
  public List<Statement> candidates(AccessRequest request) {
    String principal = request.principalUid();
    Map<String, String> attributes = Entities.principalAttributes(request);
    List<Statement> out = new ArrayList<>();
    for (List<Statement> group : List.of(
        byPrincipal.get(request.action()).getOrDefault(principal, Collections.emptyList()),
        byNamespace.get(request.action()).getOrDefault(request.principal().namespace(), Collections.emptyList()),
        anyPrincipal.get(request.action()))) {
      for (Statement s : group) {
        if (s.scope().mayMatch(request, attributes)) {
          out.add(s);
        }
      }
    }
    // Keep the slice in the library's statement order whichever index a statement came from.
    out.sort(Comparator.comparingInt(statementOrder::get));
    return out;
  }

  private static String digest(List<Statement> statements) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Statement s : statements) {
        sha.update((s.id() + "\u0000" + s.source() + "\u0000").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
