package dev.lattice.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest(name = "{0} = {1} cores")
  @CsvSource({"100m, 0.1", "1, 1", "0.5, 0.5", "2000m, 2", "0, 0", "1.25, 1.25", "1m, 0.001"})
  @DisplayName("cpu accepts millicores (100m), whole cores (1) and decimal cores (0.5) with their magnitude")
  void cpuForms(String text, String cores) {
    assertThat(Quantities.cpu(text)).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(cores));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"1.5m", "abc", "100x", "-1", "1e3", ".5", "5.", "1 ", " 1", "100M", "0.5Gi", "m"})
  @DisplayName("cpu rejects fractional millicores, units other than m, signs, exponents and stray text")
  void cpuRejects(String text) {
    assertThat(Quantities.cpu(text)).isEmpty();
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({
      "1000000, 1000000", "1k, 1000", "1M, 1000000", "1G, 1000000000", "1T, 1000000000000",
      "1P, 1000000000000000", "1E, 1000000000000000000", "1Ki, 1024", "128Mi, 134217728", "1Gi, 1073741824",
      "1Ti, 1099511627776", "1Pi, 1125899906842624", "1Ei, 1152921504606846976", "0, 0"})
  @DisplayName("memory accepts an integer with a decimal (k..E) or binary (Ki..Ei) unit, or plain bytes")
  void memoryForms(String text, String bytes) {
    assertThat(Quantities.memory(text)).hasValue(new BigDecimal(bytes));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"abc", "128Xi", "256MB", "1K", "1gi", "1m", "1.5Gi", "-1Gi", "Mi", "1 Gi", "1e6"})
  @DisplayName("memory rejects unknown or miscased units, decimals, signs and exponents")
  void memoryRejects(String text) {
    assertThat(Quantities.memory(text)).isEmpty();
  }

  @Test
  @DisplayName("magnitudes compare across forms, so 1000m equals 1 core and 1024Ki equals 1Mi")
  void magnitudesCompare() {
    assertThat(Quantities.cpu("1000m").orElseThrow()).isEqualByComparingTo(Quantities.cpu("1").orElseThrow());
    assertThat(Quantities.memory("1024Ki")).isEqualTo(Quantities.memory("1Mi"));
    assertThat(Quantities.memory("1G").orElseThrow()).isLessThan(Quantities.memory("1Gi").orElseThrow());
  }
}
