package dev.lattice.dashboard;

import dev.lattice.dashboard.FleetReport.Figure;
import dev.lattice.dashboard.FleetReport.Point;
import dev.lattice.dashboard.RecordedFacts.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The product figures: services on the platform, time from first spec to Ready, first-try success, mean time to
 * resolve a failure and the share of services that needed no platform-team action. All but the first need what the
 * operator recorded; from files they are shown as unknown, with the reason.
 */
final class AdoptionFigures {
  static final String RECORDED = "recorded by the operator: see /dashboard on the live fleet";
  /** First-try success below this is an alarm (the PrometheusRule uses the same target). */
  static final double FIRST_TRY_TARGET = 0.90;

  private AdoptionFigures() {}

  static List<Figure> of(FleetInputs in, List<ServiceFacts> services) {
    List<Figure> figures = new ArrayList<>();
    List<String> all = services.stream().map(s -> s.ref().toString()).toList();
    figures.add(new Figure("services", "Services on the platform", "count", Optional.of((double) all.size()),
        Optional.empty(), false, teams(services) + " teams", "all services", all, trend(in, "services")));

    List<ServiceFacts> live = services.stream().filter(s -> s.recorded().isPresent()).toList();
    boolean known = !live.isEmpty();

    List<String> timed = new ArrayList<>();
    List<Duration> toReady = new ArrayList<>();
    for (ServiceFacts s : live) {
      s.recorded().get().timeToReady().ifPresent(d -> {
        timed.add(s.ref().toString());
        toReady.add(d);
      });
    }
    figures.add(new Figure("timeToReady", "Median time from first spec to Ready", "hours",
        median(toReady).map(AdoptionFigures::hours), Optional.empty(), false,
        known ? toReady.size() + " services became Ready" : RECORDED, "services that became Ready", timed,
        trend(in, "timeToReady")));

    int generations = 0;
    int firstTry = 0;
    List<String> missed = new ArrayList<>();
    for (ServiceFacts s : live) {
      RecordedFacts r = s.recorded().get();
      generations += r.generations();
      firstTry += r.readyFirstTry();
      if (r.readyFirstTry() < r.generations()) {
        missed.add(s.ref().toString());
      }
    }
    Optional<Double> success = generations == 0 ? Optional.empty() : Optional.of((double) firstTry / generations);
    figures.add(new Figure("firstTrySuccess", "Spec generations Ready on the first try", "share", success,
        Optional.of(FIRST_TRY_TARGET), success.map(v -> v < FIRST_TRY_TARGET).orElse(false),
        known ? firstTry + " of " + generations + " generations" : RECORDED, "services with a generation that "
            + "failed first", missed, trend(in, "firstTrySuccess")));

    List<Duration> resolve = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int open = 0;
    for (ServiceFacts s : live) {
      List<Failure> failures = s.recorded().get().failures();
      if (!failures.isEmpty()) {
        failed.add(s.ref().toString());
      }
      for (Failure f : failures) {
        f.timeToResolve().ifPresent(resolve::add);
        open += f.ended().isEmpty() ? 1 : 0;
      }
    }
    Optional<Double> mttr = resolve.isEmpty() ? Optional.empty()
        : Optional.of(hours(Duration.ofSeconds((long) resolve.stream().mapToLong(Duration::toSeconds).average()
            .orElse(0))));
    figures.add(new Figure("meanTimeToResolve", "Mean time to resolve a derivation failure", "hours", mttr,
        Optional.empty(), false, known ? resolve.size() + " failures resolved, " + open + " open" : RECORDED,
        "services that failed", failed, trend(in, "meanTimeToResolve")));

    List<String> ready = new ArrayList<>();
    List<String> helped = new ArrayList<>();
    for (ServiceFacts s : live) {
      RecordedFacts r = s.recorded().get();
      if (r.firstReady().isPresent()) {
        ready.add(s.ref().toString());
        if (r.failures().stream().anyMatch(f -> f.neededPlatformTeam() && f.ended().isPresent())) {
          helped.add(s.ref().toString());
        }
      }
    }
    Optional<Double> autonomy = ready.isEmpty() ? Optional.empty()
        : Optional.of((double) (ready.size() - helped.size()) / ready.size());
    figures.add(new Figure("autonomy", "Deployments that needed no platform-team action", "share", autonomy,
        Optional.empty(), false, known ? (ready.size() - helped.size()) + " of " + ready.size()
            + " Ready services" : RECORDED, "services that needed the platform team", helped,
        trend(in, "autonomy")));
    return figures;
  }

  /** The history's values of one figure, oldest first. */
  static List<Point> trend(FleetInputs in, String id) {
    return in.history().stream().filter(d -> d.values().containsKey(id))
        .sorted(Comparator.comparing(DailyFigures::day))
        .map(d -> new Point(d.day(), d.values().get(id))).toList();
  }

  private static long teams(List<ServiceFacts> services) {
    return services.stream().map(ServiceFacts::team).distinct().count();
  }

  private static Optional<Duration> median(List<Duration> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return Optional.of(sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid))
        .dividedBy(2));
  }

  private static double hours(Duration d) {
    return d.toSeconds() / 3600.0;
  }
}
