package dev.lattice.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.regex.Pattern;
import org.quicktheories.core.Gen;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  // The rules as regular expressions: the hand-written checks must agree with them on every string.
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

  /** Short strings over the characters the rules care about, so that valid names come up often. */
  private static Gen<String> nameLike() {
    String alphabet = "ab09-._Z ";
    return lists().of(integers().between(0, alphabet.length() - 1)).ofSizeBetween(0, 9)
        .map(indexes -> indexes.stream().map(i -> String.valueOf(alphabet.charAt(i))).reduce("", String::concat));
  }

  @Test
  @DisplayName("the label, subdomain and variable-name checks agree with their regular expressions")
  void sameAsRegularExpressions() {
    for (Gen<String> gen : List.of(nameLike(), strings().betweenCodePoints('-', 'z').ofLengthBetween(0, 6))) {
      qt().withExamples(20_000).forAll(gen).check(s ->
          Names.isDnsLabel(s) == DNS_LABEL.matcher(s).matches()
              && Names.isDnsSubdomain(s) == DNS_SUBDOMAIN.matcher(s).matches()
              && Names.isNamespace(s) == NAMESPACE.matcher(s).matches()
              && Names.isEnvName(s) == ENV_NAME.matcher(s).matches());
    }
  }
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a", "main", "api-v2", "x1", "a-b-c"})
  @DisplayName("a DNS label is lowercase letters, digits and '-', starts with a letter and ends alphanumeric")
  void dnsLabels(String name) {
    assertThat(Names.isDnsLabel(name)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"Main", "1api", "-api", "api-", "my_db", "a.b", "api v2", "ünicode"})
  @DisplayName("uppercase, a leading digit or '-', a trailing '-', '_' and '.' are not DNS labels")
  void notDnsLabels(String name) {
    assertThat(Names.isDnsLabel(name)).isFalse();
  }

  @Test
  @DisplayName("a DNS label has at most 63 characters")
  void dnsLabelLength() {
    assertThat(Names.isDnsLabel("a".repeat(63))).isTrue();
    assertThat(Names.isDnsLabel("a".repeat(64))).isFalse();
  }

  @Test
  @DisplayName("a DNS subdomain allows dots and a leading digit, up to 253 characters")
  void dnsSubdomains() {
    assertThat(Names.isDnsSubdomain("api.example.com")).isTrue();
    assertThat(Names.isDnsSubdomain("1a.b")).isTrue();
    assertThat(Names.isDnsSubdomain("a..b")).isFalse();
    assertThat(Names.isDnsSubdomain("A.b")).isFalse();
    assertThat(Names.isDnsSubdomain(("a".repeat(63) + ".").repeat(4).substring(0, 253))).isTrue();
    assertThat(Names.isDnsSubdomain("a".repeat(254))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"DATABASE_URL", "_private", "a.b-c", "PATH", "x1"})
  @DisplayName("environment variable names kubelet keeps are accepted")
  void envNames(String name) {
    assertThat(Names.isEnvName(name)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"1PORT", "A B", "A=B", "A$"})
  @DisplayName("names starting with a digit or containing spaces, '=' or '$' are not environment variable names")
  void notEnvNames(String name) {
    assertThat(Names.isEnvName(name)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"shop.example.com", "*.example.com", "localhost", "a-1.b"})
  @DisplayName("route hosts are lowercase DNS names with an optional leading wildcard label")
  void hostnames(String host) {
    assertThat(Names.isHostname(host)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"Shop.example.com", "shop_example.com", "a.*.com", "*", "https://shop.example.com",
      "shop.example.com:443"})
  @DisplayName("uppercase, '_', inner wildcards, schemes and ports are not route hosts")
  void notHostnames(String host) {
    assertThat(Names.isHostname(host)).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Log_Shipper, log-shipper", "Api_Service, api-service", "1st-Api, st-api", "orders, orders",
      "HTTP__Alt--, http-alt", "___, fallback", "99, fallback"})
  @DisplayName("labelLike turns a rejected name into the closest DNS label, or the fallback when none is left")
  void labelLike(String name, String expected) {
    assertThat(Names.labelLike(name, 63, "fallback")).isEqualTo(expected);
  }

  @Test
  @DisplayName("labelLike respects the length limit and never ends in '-'")
  void labelLikeLength() {
    assertThat(Names.labelLike("http-alternative", 15, "http")).isEqualTo("http-alternativ");
    assertThat(Names.labelLike("abcdefghijklmn-xyz", 15, "http")).isEqualTo("abcdefghijklmn");
  }

  @Test
  @DisplayName("the rule text used in fixes states the 63-character limit")
  void ruleText() {
    assertThat(Names.DNS_LABEL_RULE).contains("at most 63 characters").contains("starting with a letter");
  }

  @Test
  @DisplayName("a namespace is a DNS-1123 label: it may start with a digit, has at most 63 characters, and no path "
      + "or control character passes")
  void namespaces() {
    assertThat(Names.isNamespace("1team")).isTrue();
    assertThat(Names.isNamespace("n".repeat(63))).isTrue();
    assertThat(Names.isNamespace("n".repeat(64))).isFalse();
    for (String bad : List.of("", "..", ".", "../../etc", "./../x", "/dev/null", "a/b", "a\0b", "a\u001bb",
        "a\uD800", "team-")) {
      assertThat(Names.isNamespace(bad)).as(bad).isFalse();
    }
  }

  @Test
  @DisplayName("printable escapes control characters and surrogates and cuts long values")
  void printable() {
    assertThat(Names.printable("a\0b\u001b[2J\uD800")).isEqualTo("a\\u0000b\\u001B[2J\\uD800");
    assertThat(Names.printable("x".repeat(64))).isEqualTo("x".repeat(64));
    assertThat(Names.printable("x".repeat(65))).isEqualTo("x".repeat(40) + "...");
  }
}
