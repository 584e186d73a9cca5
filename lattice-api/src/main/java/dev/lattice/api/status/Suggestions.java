package dev.lattice.api.status;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * "Did you mean …?" for every name a user writes that matches nothing: fields, resource types, resources and
 * secret keys in references, services, Cedar actions and entity types. One rule everywhere: the nearest known name
 * by Damerau-Levenshtein distance (optimal string alignment, case-insensitive), accepted when the distance is small
 * for the length written; ties go to the smaller case-sensitive distance, then to the name first in sort order, so
 * the same input always gets the same suggestion.
 */
public final class Suggestions {
  /** Up to this many valid names are listed when none is close. */
  public static final int LISTED = 8;

  private Suggestions() {}

  /** The known name the user most likely meant by {@code written}, if one is close enough to be a typo. */
  public static Optional<String> nearest(String written, Collection<String> known) {
    String lower = written.toLowerCase(Locale.ROOT);
    int limit = maxDistance(written.length());
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestExact = Integer.MAX_VALUE;
    for (String name : new TreeSet<>(known)) {
      if (name.equals(written) || Math.abs(name.length() - written.length()) > Math.max(limit, 1)) {
        continue;
      }
      int d = distance(lower, name.toLowerCase(Locale.ROOT));
      int exact = d == 0 ? 1 : distance(written, name);
      if (d < bestDistance || (d == bestDistance && exact < bestExact)) {
        best = name;
        bestDistance = d;
        bestExact = exact;
      }
    }
    // A name that differs only in case is always meant; otherwise the distance must fit the length.
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * {@code did you mean 'x'?} when a name is close; otherwise, when there are few, the valid names ({@code the
   * valid ones are 'a', 'b' and 'c'.}); otherwise empty.
   */
  public static String didYouMean(String written, Collection<String> known) {
    Optional<String> meant = nearest(written, known);
    if (meant.isPresent()) {
      return "did you mean '" + meant.get() + "'?";
    }
    if (known.isEmpty() || new TreeSet<>(known).size() > LISTED) {
      return "";
    }
    List<String> names = new TreeSet<>(known).stream().toList();
    return names.size() == 1 ? "the only valid one is '" + names.get(0) + "'."
        : "the valid ones are " + quoted(names) + ".";
  }

  /** {@code 'a', 'b' and 'c'}, sorted. */
  public static String quoted(Collection<String> names) {
    List<String> sorted = new TreeSet<>(names).stream().map(n -> "'" + n + "'").toList();
    if (sorted.size() <= 1) {
      return String.join("", sorted);
    }
    return String.join(", ", sorted.subList(0, sorted.size() - 1)) + " and " + sorted.get(sorted.size() - 1);
  }

  /** 0 for one or two characters (too short to guess), 1 up to four, 2 up to eleven, a quarter beyond. */
  static int maxDistance(int length) {
    if (length <= 2) {
      return 0;
    }
    if (length <= 4) {
      return 1;
    }
    return length < 12 ? 2 : length / 4;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, d[i - 2][j - 2] + 1);
        }
        d[i][j] = value;
      }
    }
    return d[a.length()][b.length()];
  }
}
