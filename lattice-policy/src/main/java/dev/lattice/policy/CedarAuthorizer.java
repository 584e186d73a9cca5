package dev.lattice.policy;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.slice.BasicSlice;
import com.cedarpolicy.model.slice.Entity;
import com.cedarpolicy.model.slice.Policy;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks Cedar, one minimal slice per request: the statements whose scope can match plus the principal and resource
 * entities. cedar-java 3.3.0 re-parses the slice's policy text on every call, so slice size is the cost; a request
 * no statement can match is decided without a call, and every decision is cached by (slice, request).
 */
public final class CedarAuthorizer implements Authorizer {
  private static final String DEFAULT_PERMIT_ID = "lattice-default-permit";
  private static final String DEFAULT_PERMIT = "permit(principal, action, resource);";

  private final PolicyLibrary library;
  private final DecisionCache cache;
  private final BasicAuthorizationEngine cedar = new BasicAuthorizationEngine();

  /**
   * False only in the differential test: then every request goes to Cedar with the whole policy set, the
   * reference the optimised path must agree with.
   */
  private final boolean optimised;

  public CedarAuthorizer(PolicyLibrary library, DecisionCache cache) {
    this(library, cache, true);
  }

  CedarAuthorizer(PolicyLibrary library, DecisionCache cache, boolean optimised) {
    this.library = library;
    this.cache = cache;
    this.optimised = optimised;
  }

  public CedarAuthorizer(PolicyLibrary library) {
    this(library, new DecisionCache());
  }

  public PolicyLibrary library() {
    return library;
  }

  public DecisionCache cache() {
    return cache;
  }

  @Override
  public List<String> nearMisses(AccessRequest request) {
    return library.nearMisses(request);
  }

  @Override
  public Decision authorize(AccessRequest request) {
    List<Statement> slice = optimised ? library.candidates(request) : library.statements();
    if (slice.isEmpty() && optimised) {
      return new Decision(request,
          request.action().permittedByDefault() ? Decision.Outcome.ALLOWED : Decision.Outcome.NO_PERMIT, List.of(),
          "");
    }
    if (optimised && slice.stream().allMatch(st -> st.scope().decidable())) {
      return decideWithoutCedar(request, slice);
    }
    String key = sliceKey(slice) + "\u0000" + request.key();
    DecisionCache.Entry cached = cache.get(key);
    if (cached == null) {
      cached = evaluate(request, slice);
      cache.put(key, cached);
    }
    return new Decision(request, cached.outcome(), cached.deciding(), cached.error());
  }

  /**
   * Every statement of the slice has an exact scope and conditions evaluated here, so whether each applies is
   * known: Cedar's rules give the answer directly (any forbid denies; else any permit allows; else default).
   */
  private static Decision decideWithoutCedar(AccessRequest request, List<Statement> candidates) {
    Map<String, String> principal = Entities.principalAttributes(request);
    List<Statement> slice = candidates.stream().filter(st -> st.scope().conditionsHold(request, principal)).toList();
    List<Statement> forbids = slice.stream().filter(st -> st.effect() == Effect.forbid).toList();
    if (!forbids.isEmpty()) {
      return new Decision(request, Decision.Outcome.FORBIDDEN, sorted(forbids), "");
    }
    List<Statement> permits = slice.stream().filter(st -> st.effect() == Effect.permit).toList();
    if (!permits.isEmpty() || request.action().permittedByDefault()) {
      return new Decision(request, Decision.Outcome.ALLOWED, sorted(permits), "");
    }
    return new Decision(request, Decision.Outcome.NO_PERMIT, List.of(), "");
  }

  private static List<Statement> sorted(List<Statement> statements) {
    return statements.stream().sorted(java.util.Comparator.comparing(Statement::id)).toList();
  }

  private DecisionCache.Entry evaluate(AccessRequest request, List<Statement> slice) {
    cache.countEvaluation();
    Map<String, Statement> byId = new HashMap<>();
    Set<Policy> policies = new HashSet<>();
    for (Statement s : slice) {
      byId.put(s.id(), s);
      policies.add(new Policy(s.source(), s.id()));
    }
    if (request.action().permittedByDefault()) {
      policies.add(new Policy(DEFAULT_PERMIT, DEFAULT_PERMIT_ID));
    }
    EntityUID principal = uid(request.principalType(), request.principal().toString());
    EntityUID resource = uid(request.resource().type(), request.resource().id());
    Set<Entity> entities = Set.of(
        new Entity(principal, strings(Entities.principalAttributes(request)), Set.of()),
        new Entity(resource, strings(request.resource().attributes()), Set.of()));
    try {
      AuthorizationResponse response = cedar.isAuthorized(
          new AuthorizationRequest(principal, uid(Entities.ACTION, request.action().name()), resource, Map.of()),
          new BasicSlice(policies, entities));
      List<Statement> deciding = new ArrayList<>();
      for (String id : response.getReasons()) {
        if (byId.containsKey(id)) {
          deciding.add(byId.get(id));
        }
      }
      deciding.sort(java.util.Comparator.comparing(Statement::id));
      if (response.isAllowed()) {
        return new DecisionCache.Entry(Decision.Outcome.ALLOWED, deciding, "");
      }
      return new DecisionCache.Entry(
          deciding.isEmpty() ? Decision.Outcome.NO_PERMIT : Decision.Outcome.FORBIDDEN, deciding, "");
    } catch (AuthException | RuntimeException e) {
      return new DecisionCache.Entry(Decision.Outcome.ERROR, List.of(), PolicyLibrary.cedarMessage(e));
    }
  }

  /** Parsing a type name is a native call; there are only a handful, so each is parsed once. */
  private static final Map<String, EntityTypeName> TYPES = new java.util.concurrent.ConcurrentHashMap<>();

  private static EntityUID uid(String type, String id) {
    return TYPES.computeIfAbsent(type, t -> EntityTypeName.parse(t).orElseThrow()).of(id);
  }

  private static Map<String, Value> strings(Map<String, String> attributes) {
    Map<String, Value> out = new HashMap<>();
    attributes.forEach((k, v) -> out.put(k, new PrimString(v)));
    return out;
  }

  private static String sliceKey(List<Statement> slice) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Statement s : slice) {
        sha.update((s.id() + "\u0000" + s.source() + "\u0000").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
