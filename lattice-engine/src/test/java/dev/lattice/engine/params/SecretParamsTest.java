package dev.lattice.engine.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class SecretParamsTest {
  private static final Pattern INTERVAL = Pattern.compile("(\\d+[hms])+");

  /** Short strings over the characters the rule cares about, so that valid durations come up often. */
  private static Gen<String> durationLike() {
    String alphabet = "019hmsd ";
    return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, 8)
        .map(indexes -> indexes.stream().map(i -> String.valueOf(alphabet.charAt(i))).reduce("", String::concat));
  }

  @Test
  @DisplayName("the refresh-interval check agrees with (\\d+[hms])+ on every short string")
  void sameAsRegularExpression() {
    qt().withExamples(20_000).forAll(durationLike())
        .check(s -> SecretParams.isInterval(s) == INTERVAL.matcher(s).matches());
  }

  @Test
  @DisplayName("a 10,000-fold repeated duration is checked without a StackOverflowError (issue 18)")
  void longRepetition() {
    assertThat(SecretParams.isInterval("1h".repeat(10_000))).isTrue();
    assertThat(SecretParams.isInterval("1h".repeat(10_000) + "x")).isFalse();
  }
}
