package dev.lattice.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.v1alpha1.ServiceFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The product facts of one service ({@code status.facts}) as a function of what was recorded before and what one
 * reconcile observed, at a time the caller passes in (the operator's clock; tests pin it). A reconcile that observes
 * nothing new returns facts equal to the previous ones, so the zero-write guarantee holds.
 */
final class Facts {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Facts() {}

  /** A one-sided declaration: {@code waitsFor} is the side that has not declared it. */
  record Edge(String caller, String callee, String waitsFor) {
    String key() {
      return caller + ">" + callee;
    }
  }

  /**
   * What one reconcile saw.
   *
   * @param policyDigest digest of the CedarPolicies in force (a change between failure and recovery is a
   *     platform-team action)
   * @param pending one-sided declarations this service made
   * @param active "caller>callee" of the agreed edges this service is part of
   */
  record Observation(long generation, String phase, String reason, boolean policyDenied, String policyDigest,
      List<Edge> pending, Set<String> active, Instant now) {}

  /** The new facts and the transitions that happened on the way, for counters and histograms (each may be null). */
  record Step(ServiceFacts facts, ServiceFacts.GenerationOutcome firstOutcome, ServiceFacts.ResolvedFailure resolved,
      List<ServiceFacts.AgreedConsent> agreed, Duration timeToFirstReady) {}

  static Step next(ServiceFacts previous, Observation o) {
    ServiceFacts facts = previous == null ? new ServiceFacts() : MAPPER.convertValue(previous, ServiceFacts.class);
    String now = o.now().toString();
    boolean ready = "Ready".equals(o.phase());
    boolean failed = "Failed".equals(o.phase());
    if (facts.firstSeen == null) {
      facts.firstSeen = now;
    }
    Duration timeToFirstReady = null;
    if (ready && facts.firstReady == null) {
      facts.firstReady = now;
      timeToFirstReady = between(facts.firstSeen, o.now());
    }

    ServiceFacts.GenerationOutcome firstOutcome = null;
    if ((ready || failed) && !recorded(facts.generations, o.generation())) {
      firstOutcome = new ServiceFacts.GenerationOutcome();
      firstOutcome.generation = o.generation();
      firstOutcome.at = now;
      firstOutcome.outcome = ready ? "Ready" : "Failed";
      firstOutcome.reason = failed ? o.reason() : null;
      facts.generations = capped(facts.generations, firstOutcome);
    }

    ServiceFacts.ResolvedFailure resolved = null;
    if (failed && facts.failure == null) {
      facts.failure = new ServiceFacts.OpenFailure();
      facts.failure.since = now;
      facts.failure.reason = o.reason();
      facts.failure.policyDenied = o.policyDenied();
      facts.failure.policyDigest = o.policyDigest();
    } else if (failed && o.policyDenied() && !Boolean.TRUE.equals(facts.failure.policyDenied)) {
      // A failure that turns into a denial (the spec was fixed, then Cedar said no) waits on the platform from now.
      facts.failure.policyDenied = true;
      facts.failure.policyDigest = o.policyDigest();
    } else if (ready && facts.failure != null) {
      resolved = new ServiceFacts.ResolvedFailure();
      resolved.began = facts.failure.since;
      resolved.ended = now;
      resolved.reason = facts.failure.reason;
      resolved.seconds = between(facts.failure.since, o.now()).getSeconds();
      resolved.neededPlatformTeam = Boolean.TRUE.equals(facts.failure.policyDenied)
          && !Objects.equals(facts.failure.policyDigest, o.policyDigest());
      facts.failure = null;
      facts.resolved = capped(facts.resolved, resolved);
      facts.resolvedTotal = (facts.resolvedTotal == null ? 0 : facts.resolvedTotal) + 1;
      if (resolved.neededPlatformTeam) {
        facts.platformActionsTotal = (facts.platformActionsTotal == null ? 0 : facts.platformActionsTotal) + 1;
      }
    }

    List<ServiceFacts.AgreedConsent> agreed = new ArrayList<>();
    Map<String, ServiceFacts.PendingConsent> before = new LinkedHashMap<>();
    if (facts.pendingConsent != null) {
      facts.pendingConsent.forEach(p -> before.put(p.caller + ">" + p.callee, p));
    }
    List<ServiceFacts.PendingConsent> pending = new ArrayList<>();
    for (Edge edge : o.pending()) {
      ServiceFacts.PendingConsent known = before.remove(edge.key());
      ServiceFacts.PendingConsent entry = new ServiceFacts.PendingConsent();
      entry.caller = edge.caller();
      entry.callee = edge.callee();
      entry.waitsFor = edge.waitsFor();
      entry.since = known == null ? now : known.since;
      pending.add(entry);
    }
    for (ServiceFacts.PendingConsent gone : before.values()) {
      if (o.active().contains(gone.caller + ">" + gone.callee)) {
        ServiceFacts.AgreedConsent entry = new ServiceFacts.AgreedConsent();
        entry.caller = gone.caller;
        entry.callee = gone.callee;
        entry.since = gone.since;
        entry.agreed = now;
        entry.seconds = between(gone.since, o.now()).getSeconds();
        agreed.add(entry);
        facts.agreedConsent = capped(facts.agreedConsent, entry);
      }
      // A declaration withdrawn before the other side agreed just leaves the ledger.
    }
    facts.pendingConsent = pending.isEmpty() ? null : pending;
    return new Step(facts, firstOutcome, resolved, List.copyOf(agreed), timeToFirstReady);
  }

  private static boolean recorded(List<ServiceFacts.GenerationOutcome> generations, long generation) {
    return generations != null && generations.stream().anyMatch(g -> g.generation != null && g.generation >= generation);
  }

  private static <T> List<T> capped(List<T> list, T added) {
    List<T> out = new ArrayList<>(list == null ? List.of() : list);
    out.add(added);
    return out.size() > ServiceFacts.MAX_ENTRIES
        ? new ArrayList<>(out.subList(out.size() - ServiceFacts.MAX_ENTRIES, out.size())) : out;
  }

  private static Duration between(String since, Instant now) {
    Duration d = Duration.between(Instant.parse(since), now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** True when both would serialise the same (what a status write would change). */
  static boolean same(ServiceFacts a, ServiceFacts b) {
    return Objects.equals(MAPPER.valueToTree(a), MAPPER.valueToTree(b));
  }
}
