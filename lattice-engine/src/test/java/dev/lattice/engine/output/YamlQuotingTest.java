package dev.lattice.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class YamlQuotingTest {
  /** The pattern Jackson's ALWAYS_QUOTE_NUMBERS_AS_STRINGS applies to every string. */
  private static final Pattern JACKSON_PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");

  @Test
  @DisplayName("the hand-written number check agrees with Jackson's pattern on every string")
  void sameAsJacksonPattern() {
    // Strings over the characters that matter (signs, digits, dot) plus a few that must break a match.
    qt().withExamples(20_000).forAll(strings().betweenCodePoints('+', '9').ofLengthBetween(0, 8))
        .check(s -> YamlQuoting.plainNumber(s) == JACKSON_PLAIN_NUMBER.matcher(s).matches());
    for (String s : List.of("", "+", "-", ".", "+.", "8080", "-1.5", "1.", ".5", "1e3", "0x1F", "1.2.3", "++1", "1-")) {
      assertThat(YamlQuoting.plainNumber(s)).as(s).isEqualTo(JACKSON_PLAIN_NUMBER.matcher(s).matches());
    }
  }

  @Test
  @DisplayName("strings that read as numbers or YAML 1.1 words stay quoted, so they stay strings")
  void numbersAndWordsStayStrings() throws Exception {
    Map<String, String> data = new TreeMap<>();
    for (String value : List.of("8080", "1.5", "-3", "true", "yes", "on", "null", "~", "plain", "a: b", "x # y")) {
      data.put("k" + data.size(), value);
    }
    ConfigMap map = new ConfigMap();
    ObjectMeta meta = new ObjectMeta();
    meta.setName("m");
    map.setMetadata(meta);
    map.setData(data);
    String yaml = Manifests.yaml(List.of(map));
    assertThat(yaml).contains("k0: \"8080\"", "k1: \"1.5\"", "k2: \"-3\"", "k3: \"true\"", "k4: \"yes\"",
        "k5: \"on\"", "k6: \"null\"", "k7: \"~\"", "k8: plain", "k9: \"a: b\"");
    ConfigMap back = new YAMLMapper().readValue(yaml, ConfigMap.class);
    assertThat(back.getData()).isEqualTo(data);
  }

  @Test
  @DisplayName("a stream of objects is one document per object, each starting with ---")
  void oneDocumentPerObject() {
    ConfigMap map = new ConfigMap();
    map.setMetadata(new ObjectMeta());
    map.getMetadata().setName("a");
    Service service = new Service();
    service.setMetadata(new ObjectMeta());
    service.getMetadata().setName("b");
    String yaml = Manifests.yaml(List.of(map, service));
    assertThat(yaml).isEqualTo("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
        + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n");
  }
}
