package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1alpha1.ServiceFacts;
import dev.lattice.dashboard.DailyFigures;
import dev.lattice.dashboard.FleetInputs;
import dev.lattice.dashboard.FleetReport;
import dev.lattice.dashboard.PendingConsent;
import dev.lattice.dashboard.RecordedFacts;
import dev.lattice.dashboard.ReportRenderer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /dashboard}: the live fleet and what the operator recorded ({@link FleetFacts}, {@link DailyHistory}),
 * turned into the inputs of the one fleet report and rendered by its one renderer (lattice-dashboard), with the
 * page's assets served from the jar under {@link #ASSETS}.
 */
final class Dashboard {
  static final String PATH = "/dashboard";
  static final String ASSETS = "/dashboard/assets";

  private Dashboard() {}

  static String html(FleetFacts facts, List<DailyHistory.Day> days, Instant now) {
    return ReportRenderer.html(report(facts, days, now), ASSETS);
  }

  static FleetReport report(FleetFacts facts, List<DailyHistory.Day> days, Instant now) {
    return FleetReport.build(inputs(facts, days, now));
  }

  static FleetInputs inputs(FleetFacts facts, List<DailyHistory.Day> days, Instant now) {
    List<dev.lattice.dashboard.ServiceFacts> services = new ArrayList<>();
    List<PendingConsent> pending = new ArrayList<>();
    List<Duration> timesToConsent = new ArrayList<>();
    for (FleetFacts.Service s : facts.services()) {
      ServiceFacts f = s.facts() == null ? new ServiceFacts() : s.facts();
      // Before a version is known (an API server without managedFields) the service counts in the stored one.
      String apiVersion = "unknown".equals(s.version()) ? "lattice.dev/v1" : "lattice.dev/" + s.version();
      services.add(dev.lattice.dashboard.ServiceFacts.live(s.ref(), s.team(), apiVersion, s.fields(), recorded(f)));
      for (ServiceFacts.PendingConsent p : f.pendingConsent == null ? List.<ServiceFacts.PendingConsent>of()
          : f.pendingConsent) {
        pending.add(pending(p));
      }
      if (f.agreedConsent != null) {
        f.agreedConsent.forEach(a -> timesToConsent.add(Duration.ofSeconds(a.seconds == null ? 0 : a.seconds)));
      }
    }
    List<DailyFigures> history = days.stream().filter(d -> d.report() != null)
        .map(d -> new DailyFigures(LocalDate.parse(d.date()), d.report())).toList();
    // Escape hatches are LatticeMeshMember/LatticePackage objects, which this operator does not read yet.
    return new FleetInputs("cluster", now, services, List.of(), pending, timesToConsent, history);
  }

  static RecordedFacts recorded(ServiceFacts f) {
    List<ServiceFacts.GenerationOutcome> generations = f.generations == null ? List.of() : f.generations;
    int readyFirst = (int) generations.stream().filter(g -> "Ready".equals(g.outcome)).count();
    List<RecordedFacts.Failure> failures = new ArrayList<>();
    if (f.resolved != null) {
      for (ServiceFacts.ResolvedFailure r : f.resolved) {
        failures.add(new RecordedFacts.Failure(r.reason, Instant.parse(r.began),
            Optional.of(Instant.parse(r.ended)), Boolean.TRUE.equals(r.neededPlatformTeam)));
      }
    }
    if (f.failure != null) {
      failures.add(new RecordedFacts.Failure(f.failure.reason, Instant.parse(f.failure.since), Optional.empty(),
          false));
    }
    return new RecordedFacts(Optional.ofNullable(f.firstSeen).map(Instant::parse),
        Optional.ofNullable(f.firstReady).map(Instant::parse), generations.size(), readyFirst, failures);
  }

  /** The side that has not declared the edge adds it: the callee accepts the caller, or the caller declares it. */
  static PendingConsent pending(ServiceFacts.PendingConsent p) {
    ServiceRef caller = ref(p.caller);
    ServiceRef callee = ref(p.callee);
    ServiceRef waiting = ref(p.waitsFor);
    boolean calleeAdds = waiting.equals(callee);
    ServiceRef other = calleeAdds ? caller : callee;
    String key = other.namespace().equals(waiting.namespace()) ? other.name() : other.namespace() + "-" + other.name();
    String entry = waiting + " adds resources." + key + ": {type: service, direction: "
        + (calleeAdds ? "inbound" : "outbound")
        + (other.namespace().equals(waiting.namespace()) ? "" : ", id: " + other) + "}";
    return new PendingConsent(caller, callee, waiting, Optional.ofNullable(p.since).map(Instant::parse), entry);
  }

  private static ServiceRef ref(String text) {
    int slash = text.indexOf('/');
    return new ServiceRef(text.substring(0, slash), text.substring(slash + 1));
  }

  /** Each adoption figure's value by id, for the day's history entry. */
  static Map<String, Double> figureValues(FleetReport report) {
    Map<String, Double> out = new TreeMap<>();
    report.adoption().forEach(f -> f.value().ifPresent(v -> out.put(f.id(), v)));
    return out;
  }
}
