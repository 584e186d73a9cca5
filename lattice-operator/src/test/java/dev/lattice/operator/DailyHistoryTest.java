package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DailyHistoryTest {
  static DailyHistory.Day day(LocalDate date, int services) {
    return new DailyHistory.Day(date.toString(), services, services, 0, 1.0, 1.0, null, 0, 0, 0,
        Map.of("v1", services), Map.of("services", (double) services));
  }

  @Test
  @DisplayName("the history keeps a year and a day of daily figures, oldest dropped first, one entry per date")
  void bounded() {
    List<DailyHistory.Day> days = new ArrayList<>();
    LocalDate start = LocalDate.parse("2025-01-01");
    for (int i = 0; i < 400; i++) {
      days = DailyHistory.append(days, day(start.plusDays(i), i));
    }
    assertThat(days).hasSize(DailyHistory.MAX_DAYS);
    assertThat(days.get(0).date()).isEqualTo(start.plusDays(400 - DailyHistory.MAX_DAYS).toString());
    assertThat(DailyHistory.append(days, day(start.plusDays(399), 7))).hasSize(DailyHistory.MAX_DAYS)
        .last().satisfies(d -> assertThat(d.services()).isEqualTo(7));
    assertThat(DailyHistory.write(days).length()).as("fits a ConfigMap (1 MiB)").isLessThan(200_000);
  }
}
