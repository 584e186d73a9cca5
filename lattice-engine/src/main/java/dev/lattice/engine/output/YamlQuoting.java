package dev.lattice.engine.output;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * Jackson's quoting rules for string values, plus the quoting of strings that read as numbers ("8080", "1.5"), which
 * {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS} would decide with a regular expression on every string written. Checked by
 * hand here because that regular expression was a tenth of the YAML writing time; the result is the same.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || plainNumber(value);
  }

  /** True when the whole text matches {@code [+-]?[0-9]*(\.[0-9]*)?}, Jackson's "plain number" pattern. */
  static boolean plainNumber(String text) {
    int i = 0;
    int end = text.length();
    if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    while (i < end && isDigit(text.charAt(i))) {
      i++;
    }
    if (i < end && text.charAt(i) == '.') {
      i++;
      while (i < end && isDigit(text.charAt(i))) {
        i++;
      }
    }
    return i == end;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
