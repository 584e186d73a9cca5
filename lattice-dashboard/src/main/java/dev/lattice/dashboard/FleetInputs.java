package dev.lattice.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Everything the report is computed from. Files give services, hatches and pending consents; the operator adds what
 * it recorded (per service, and the daily history). Time is passed in: the builder never reads a clock.
 *
 * @param origin who built it, shown on the page: {@code files} for lattice report, {@code cluster} for /dashboard
 * @param timesToConsent how long each declaration the operator saw agreed had waited (empty for files)
 * @param now the time the report is for (expiry and waiting times are counted to it)
 */
public record FleetInputs(
    String origin,
    Instant now,
    List<ServiceFacts> services,
    List<EscapeHatch> hatches,
    List<PendingConsent> pending,
    List<Duration> timesToConsent,
    List<DailyFigures> history) {
  public FleetInputs {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(now, "now");
    services = List.copyOf(services);
    hatches = List.copyOf(hatches);
    pending = List.copyOf(pending);
    timesToConsent = List.copyOf(timesToConsent);
    history = List.copyOf(history);
  }

  /** A fleet read from files: no recorded facts, no history. */
  public static FleetInputs fromFiles(LocalDate today, List<ServiceFacts> services, List<EscapeHatch> hatches,
      List<PendingConsent> pending) {
    return new FleetInputs("files", today.atStartOfDay().toInstant(ZoneOffset.UTC), services, hatches, pending,
        List.of(), List.of());
  }

  public LocalDate today() {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }
}
