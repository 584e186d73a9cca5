package dev.lattice.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.versions.ApiVersion;
import dev.lattice.testkit.SpecGenerators;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Generated specs (valid and broken), written the ways people and tools write YAML, always migrate: the rewrite
 * never disagrees with the conversion (which the run-time check would report as a bug). {@code -DQT_EXAMPLES=5000}
 * searches harder; a failure prints its seed for {@code -DQT_SEED}.
 */
class MigratePropertiesTest {
  private static int examples(int usual) {
    return Integer.getInteger("QT_EXAMPLES", usual);
  }

  /** Jackson's block style with every string quoted, SnakeYAML's mixed style, and flow style inside block. */
  private static String written(Map<String, Object> document, int style) {
    if (style == 0) {
      return SpecGenerators.yaml(document);
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(style == 1 ? DumperOptions.FlowStyle.AUTO : DumperOptions.FlowStyle.BLOCK);
    options.setIndent(style == 1 ? 2 : 4);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(options).dump(document);
  }

  private static boolean readable(String text) {
    try {
      new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(text);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  @DisplayName("every generated spec, in every style, migrates to v1beta1 and v1 or lists a decision; never a bug")
  void rewriteAgreesWithConversion() {
    AtomicInteger changed = new AtomicInteger();
    qt().withExamples(examples(200))
        .forAll(Generate.oneOf(SpecGenerators.services(0), SpecGenerators.services(10)), Generate.range(0, 2))
        .checkAssert((document, style) -> {
          String text = written(document, style);
          if (!readable(text)) {
            return; // SnakeYAML writes NaN as .NaN, which the Lattice reader (Jackson) refuses as well
          }
          for (ApiVersion target : new ApiVersion[] {ApiVersion.V1BETA1, ApiVersion.V1}) {
            FileMigrator.Result result = DocumentRewriteTest.migrate(target, text);
            assertThat(result).as("%s in style %d to %s", text, style, target)
                .isInstanceOfAny(FileMigrator.Changed.class, FileMigrator.Undecided.class);
            if (result instanceof FileMigrator.Changed) {
              changed.incrementAndGet();
            }
          }
        });
    assertThat(changed.get()).isGreaterThan(examples(200));
  }
}
