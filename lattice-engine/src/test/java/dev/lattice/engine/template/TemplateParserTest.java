package dev.lattice.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
  private static Template ok(String text, boolean reverse) {
    TemplateParser.Result result = TemplateParser.parse(text, reverse);
    assertThat(result).isInstanceOf(TemplateParser.Ok.class);
    return ((TemplateParser.Ok) result).template();
  }

  private static String malformed(String text, boolean reverse) {
    TemplateParser.Result result = TemplateParser.parse(text, reverse);
    assertThat(result).isInstanceOf(TemplateParser.Malformed.class);
    return ((TemplateParser.Malformed) result).problem();
  }

  @Test
  @DisplayName("text without ${ is one literal, and the empty string has no segments")
  void literalOnly() {
    assertThat(ok("plain $ text {}", false).segments()).containsExactly(new Template.Literal("plain $ text {}"));
    assertThat(ok("", false).segments()).isEmpty();
  }

  @Test
  @DisplayName("${...} becomes a reference between literals, its expression trimmed")
  void references() {
    Template t = ok("postgres://${ resources.db.host }:${resources.db.port}/app", false);
    assertThat(t.segments()).containsExactly(
        new Template.Literal("postgres://"),
        new Template.Reference("resources.db.host"),
        new Template.Literal(":"),
        new Template.Reference("resources.db.port"),
        new Template.Literal("/app"));
    assertThat(t.isSingleReference()).isFalse();
  }

  @Test
  @DisplayName("a value that is exactly one reference is recognised, and secret references are flagged")
  void singleSecretReference() {
    Template t = ok("${secret.db.password}", false);
    assertThat(t.isSingleReference()).isTrue();
    assertThat(t.hasSecretReference()).isTrue();
    assertThat(ok("${metadata.name}", false).hasSecretReference()).isFalse();
  }

  @Test
  @DisplayName("$${ escapes: it writes a literal ${ and starts no reference")
  void dollarDollarEscapes() {
    Template t = ok("echo $${HOME} for ${metadata.name}", false);
    assertThat(t.segments()).containsExactly(
        new Template.Literal("echo ${HOME} for "), new Template.Reference("metadata.name"));
    assertThat(ok("$${", false).segments()).containsExactly(new Template.Literal("${"));
  }

  @Test
  @DisplayName("with reverse expansion ${ stays literal and $${...} is the reference")
  void reverseExpansion() {
    Template t = ok("echo ${HOME} in $${metadata.namespace}; ${UNCLOSED", true);
    assertThat(t.segments()).containsExactly(
        new Template.Literal("echo ${HOME} in "),
        new Template.Reference("metadata.namespace"),
        new Template.Literal("; ${UNCLOSED"));
  }

  @Test
  @DisplayName("an unclosed ${ is malformed, and the problem quotes the broken reference")
  void unclosed() {
    assertThat(malformed("url=${resources.db.url", false))
        .isEqualTo("'${resources.db.url' opens a reference that is never closed");
    assertThat(malformed("$${metadata.name", true)).isEqualTo("'$${metadata.name' opens a reference that is never "
        + "closed");
  }

  @Test
  @DisplayName("an unclosed reference in a long value is abbreviated, so the message stays short")
  void unclosedAbbreviated() {
    String problem = malformed("${" + "x".repeat(100), false);
    // 40 characters of the reference are quoted, then an ellipsis.
    assertThat(problem).isEqualTo("'${" + "x".repeat(38) + "…' opens a reference that is never closed");
  }

  @Test
  @DisplayName("an empty reference ${} or ${  } is malformed")
  void emptyReference() {
    assertThat(malformed("a${}b", false)).isEqualTo("'${}' is an empty reference");
    assertThat(malformed("${  }", false)).isEqualTo("'${  }' is an empty reference");
  }

  @Test
  @DisplayName("Template.literal wraps text without parsing it")
  void literalFactory() {
    assertThat(Template.literal("${x}").segments()).containsExactly(new Template.Literal("${x}"));
    assertThat(Template.literal("").references()).isEqualTo(List.of());
  }
}
