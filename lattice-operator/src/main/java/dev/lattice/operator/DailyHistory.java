package dev.lattice.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A year of daily fleet figures in one ConfigMap ({@code lattice-system/lattice-fleet-history}, key
 * {@code history.json}), so the dashboard draws trends without a metrics store. One entry per UTC day, written
 * when the day has changed since the last entry: at most one write a day, never one per reconcile.
 */
public final class DailyHistory {
  static final String NAMESPACE = "lattice-system";
  static final String NAME = "lattice-fleet-history";
  static final String KEY = "history.json";
  /** A year and a leap day; the oldest day goes first. */
  static final int MAX_DAYS = 366;

  private static final Logger logger = LoggerFactory.getLogger(DailyHistory.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The figures of one day (shares 0..1, null when nothing was counted); {@code report} holds the adoption figures
   * of the page that day by figure id ({@code services}, {@code firstTrySuccess}, ...), which its trend lines draw.
   */
  public record Day(String date, int services, int ready, int failed, Double firstTryShare, Double autonomyShare,
      Double meanResolveSeconds, int platformActions, int pendingConsents, long oldestPendingSeconds,
      Map<String, Integer> servicesByVersion, Map<String, Double> report) {
    static Day of(LocalDate date, FleetFacts.Figures f, Map<String, Double> report) {
      return new Day(date.toString(), f.services(), f.ready(), f.failed(), finite(f.firstTryShare()),
          finite(f.autonomyShare()), finite(f.meanResolveSeconds()), f.platformActions(), f.pendingConsents(),
          f.oldestPendingSeconds(), new java.util.TreeMap<>(f.servicesByVersion()), new java.util.TreeMap<>(report));
    }

    private static Double finite(double value) {
      return Double.isFinite(value) ? value : null;
    }
  }

  private final KubernetesClient client;
  private final FleetFacts facts;
  private final Clock clock;
  private volatile List<Day> days;

  public DailyHistory(KubernetesClient client, FleetFacts facts, Clock clock) {
    this.client = client;
    this.facts = facts;
    this.clock = clock;
  }

  /**
   * Appends today's figures when the last entry is of an earlier day, and returns whether it wrote. Skipped while
   * this operator knows no service (a replica that is not the leader, or one that has not reconciled yet), so no
   * day of zeros is recorded.
   */
  public synchronized boolean tick() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (days != null && !days.isEmpty() && !LocalDate.parse(days.get(days.size() - 1).date()).isBefore(today)) {
      return false;
    }
    if (facts.services().isEmpty()) {
      return false;
    }
    List<Day> stored = read();
    if (!stored.isEmpty() && !LocalDate.parse(stored.get(stored.size() - 1).date()).isBefore(today)) {
      days = stored;
      return false;
    }
    List<Day> next = append(stored, Day.of(today, facts.figures(clock.instant()),
        Dashboard.figureValues(Dashboard.report(facts, stored, clock.instant()))));
    ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
        .addToLabels("app.kubernetes.io/part-of", "lattice").endMetadata()
        .addToData(KEY, write(next)).build();
    client.configMaps().inNamespace(NAMESPACE).resource(map).createOr(r -> r.update());
    days = next;
    logger.info("fleet history recorded day={} days={}", today, next.size());
    return true;
  }

  /** The recorded days, oldest first (read from the ConfigMap once, then kept). */
  public List<Day> days() {
    List<Day> known = days;
    if (known == null) {
      known = read();
      days = known;
    }
    return known;
  }

  /** The days with {@code today} added (replacing an entry of the same date), the oldest dropped past a year. */
  static List<Day> append(List<Day> days, Day today) {
    List<Day> out = new ArrayList<>(days.stream().filter(d -> !d.date().equals(today.date())).toList());
    out.add(today);
    out.sort(java.util.Comparator.comparing(Day::date));
    return out.size() > MAX_DAYS ? List.copyOf(out.subList(out.size() - MAX_DAYS, out.size())) : List.copyOf(out);
  }

  private List<Day> read() {
    ConfigMap map = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
    String text = map == null || map.getData() == null ? null : map.getData().get(KEY);
    if (text == null || text.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(text, new TypeReference<List<Day>>() { }));
    } catch (JsonProcessingException e) {
      // A hand-edited history is replaced rather than blocking the trend for good.
      logger.warn("{}/{} key {} is not a history ({}); starting a new one", NAMESPACE, NAME, KEY,
          e.getOriginalMessage());
      return List.of();
    }
  }

  static String write(List<Day> days) {
    try {
      return JSON.writeValueAsString(days);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
