package dev.lattice.engine.validate;

import java.util.regex.Pattern;

/** Kubernetes name rules, shared by validation and rendering. */
public final class Names {
  // Label, subdomain and variable names are checked by hand: they run for every name of every service, and the
  // matchers of regular expressions were a twentieth of a fleet's allocation. NamesTest checks them against
  // [a-z]([-a-z0-9]*[a-z0-9])?, [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)* and
  // [-._a-zA-Z][-._a-zA-Z0-9]*.
  private static final Pattern HOSTNAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Names() {}

  /** A DNS label that starts with a letter (RFC 1035), at most 63 characters. */
  public static boolean isDnsLabel(String value) {
    return value != null && value.length() <= 63 && !value.isEmpty() && isLower(value.charAt(0))
        && labelBody(value, 0, value.length());
  }

  /** A namespace name: a DNS-1123 label (it may start with a digit), at most 63 characters. */
  public static boolean isNamespace(String value) {
    return value != null && value.length() <= 63 && !value.isEmpty() && isLowerOrDigit(value.charAt(0))
        && labelBody(value, 0, value.length());
  }

  /**
   * {@code value} as messages quote it: control characters and surrogates escaped ({@code \u0000}), and a long
   * value cut to its first 40 characters, so that a hostile name can neither drive a terminal nor flood a report.
   */
  public static String printable(String value) {
    String shown = value.length() > 64 ? value.substring(0, 40) : value;
    StringBuilder out = new StringBuilder(shown.length() + 16);
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return shown.length() < value.length() ? out.append("...").toString() : out.toString();
  }

  /** A DNS subdomain (RFC 1123), at most 253 characters: the rule for namespaces is the stricter label rule. */
  public static boolean isDnsSubdomain(String value) {
    if (value == null || value.length() > 253) {
      return false;
    }
    int start = 0;
    while (true) {
      int dot = value.indexOf('.', start);
      int end = dot < 0 ? value.length() : dot;
      if (end == start || !isLowerOrDigit(value.charAt(start)) || !labelBody(value, start, end)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  /** A name kubelet accepts for an environment variable (others are silently dropped from envFrom). */
  public static boolean isEnvName(String value) {
    if (value == null || value.isEmpty() || isDigit(value.charAt(0))) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** value[start, end) is lowercase letters, digits and '-', and does not end with '-' (its first char is checked). */
  private static boolean labelBody(String value, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (!isLowerOrDigit(c) && c != '-') {
        return false;
      }
    }
    return value.charAt(end - 1) != '-';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLowerOrDigit(char c) {
    return isLower(c) || isDigit(c);
  }

  /** A hostname a Gateway route accepts, optionally with a leading wildcard label. */
  public static boolean isHostname(String value) {
    return value != null && value.length() <= 253 && HOSTNAME.matcher(value).matches();
  }

  /**
   * The closest DNS label of at most {@code max} characters to {@code value} ({@code Log_Shipper} gives
   * {@code log-shipper}), or {@code fallback} when nothing usable is left. Fixes quote it so that the user sees a
   * name that would pass.
   */
  public static String labelLike(String value, int max, String fallback) {
    String label = (value == null ? "" : value)
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("-{2,}", "-")
        .replaceAll("^[^a-z]+", "");
    if (label.length() > max) {
      label = label.substring(0, max);
    }
    label = label.replaceAll("-+$", "");
    return isDnsLabel(label) ? label : fallback;
  }

  /** The rule text shown in fixes. */
  public static final String DNS_LABEL_RULE =
      "lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 "
          + "characters";
}
