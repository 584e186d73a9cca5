package dev.lattice.engine.validate;

import java.util.regex.Pattern;

/** Kubernetes name rules, shared by validation and rendering. */
public final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern HOSTNAME =
      Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Names() {}

  /** A DNS label that starts with a letter (RFC 1035), at most 63 characters. */
  public static boolean isDnsLabel(String value) {
    return value != null && value.length() <= 63 && DNS_LABEL.matcher(value).matches();
  }

  /** A DNS subdomain (RFC 1123), at most 253 characters: the rule for namespaces is the stricter label rule. */
  public static boolean isDnsSubdomain(String value) {
    return value != null && value.length() <= 253 && DNS_SUBDOMAIN.matcher(value).matches();
  }

  /** A name kubelet accepts for an environment variable (others are silently dropped from envFrom). */
  public static boolean isEnvName(String value) {
    return value != null && ENV_NAME.matcher(value).matches();
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
