package dev.lattice.dashboard;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One day of the operator's bounded history: the value of each adoption figure that day, by figure id
 * ({@link FleetReport.Figure#id()}, e.g. {@code services}, {@code firstTrySuccess}). The page draws a line from them.
 */
public record DailyFigures(LocalDate day, Map<String, Double> values) {
  public DailyFigures {
    Objects.requireNonNull(day, "day");
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }
}
