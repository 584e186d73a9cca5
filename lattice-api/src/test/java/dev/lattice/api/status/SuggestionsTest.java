package dev.lattice.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  @DisplayName("a typo within the distance the length allows finds the name meant")
  void typos() {
    assertThat(Suggestions.nearest("comand", List.of("args", "command", "image"))).hasValue("command");
    assertThat(Suggestions.nearest("AccesSecret", List.of("AccessSecret", "AllowWildcard"))).hasValue("AccessSecret");
    assertThat(Suggestions.nearest("secert", List.of("service", "secret", "volume"))).hasValue("secret");
    assertThat(Suggestions.nearest("api-kye", List.of("api-key"))).hasValue("api-key");
    assertThat(Suggestions.nearest("imag", List.of("image"))).hasValue("image");
  }

  @Test
  @DisplayName("a transposition counts as one edit (Damerau), and case alone is always a match")
  void transpositionAndCase() {
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    assertThat(Suggestions.distance("ordres", "orders")).isEqualTo(1);
    assertThat(Suggestions.nearest("ReplicaS", List.of("replicas"))).hasValue("replicas");
    assertThat(Suggestions.nearest("ab", List.of("AB"))).hasValue("AB");
  }

  @Test
  @DisplayName("names too far away, or too short to guess, get no suggestion")
  void noGuess() {
    assertThat(Suggestions.nearest("zzzzzz", List.of("command", "image"))).isEmpty();
    assertThat(Suggestions.nearest("ab", List.of("ac"))).isEmpty();
    assertThat(Suggestions.nearest("cpuu", List.of("memory"))).isEmpty();
    assertThat(Suggestions.nearest("command", List.of("command"))).isEmpty();
  }

  @Test
  @DisplayName("ties go to the smaller case-sensitive distance, then to sort order, whatever the input order")
  void deterministicTies() {
    assertThat(Suggestions.nearest("ordr", List.of("orde", "ordx"))).hasValue("orde");
    assertThat(Suggestions.nearest("ordr", List.of("ordx", "orde"))).hasValue("orde");
    assertThat(Suggestions.nearest("Port", List.of("port", "Ports"))).hasValue("port");
  }

  @Test
  @DisplayName("when nothing is close, a small set of valid names is listed; a large one is not")
  void listsFewOptions() {
    assertThat(Suggestions.didYouMean("comand", List.of("command"))).isEqualTo("did you mean 'command'?");
    assertThat(Suggestions.didYouMean("zzz", List.of("b", "a"))).isEqualTo("the valid ones are 'a' and 'b'.");
    assertThat(Suggestions.didYouMean("zzz", List.of("a"))).isEqualTo("the only valid one is 'a'.");
    assertThat(Suggestions.didYouMean("zzz", List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9")))
        .isEmpty();
    assertThat(Suggestions.quoted(List.of("c", "a", "b"))).isEqualTo("'a', 'b' and 'c'");
  }
}
