package dev.lattice.cli.release;

import java.util.regex.Pattern;

/**
 * One declared change of {@code release/expected-changes.yaml}.
 *
 * @param kind the object kind ({@code Deployment}), or {@code Phase} / {@code Access} for those changes, or *
 * @param path a pattern over the group's field path: {@code *} within one field, {@code **} across fields,
 *     {@code [*]} literally (list elements)
 * @param change added, removed or changed (gained or lost for an Access)
 * @param services an optional pattern over {@code namespace/name}; every service when null
 * @param changelog the CHANGELOG.md line that announces the change
 */
public record Expectation(String kind, String path, String change, String services, String changelog) {
  public boolean matches(GroupKey group, String service) {
    return (kind.equals("*") || kind.equals(group.kind()))
        && change.equals(group.change())
        && glob(path).matcher(group.pattern()).matches()
        && (services == null || glob(services).matcher(service).matches());
  }

  /** "kind path change [services]": how the check names the declaration. */
  public String describe() {
    return kind + " " + path + " " + change + (services == null ? "" : " (services " + services + ")");
  }

  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.startsWith("[*]", i)) {
        regex.append("\\[\\*\\]");
        i += 2;
      } else if (pattern.startsWith("**", i)) {
        regex.append(".*");
        i++;
      } else if (pattern.charAt(i) == '*') {
        regex.append("[^.]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
