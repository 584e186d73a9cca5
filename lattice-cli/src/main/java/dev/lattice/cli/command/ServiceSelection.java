package dev.lattice.cli.command;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The services named by {@code --service NS/NAME}, resolved against the fleet read from PATH. A name that matches
 * no service is an error that names the nearest existing one.
 *
 * @param refs the services to derive; empty means all of them
 * @param problems one message per {@code --service} value that names no service
 */
record ServiceSelection(Set<ServiceRef> refs, List<String> problems) {
  static ServiceSelection resolve(List<String> names, Fleet fleet) {
    Set<ServiceRef> refs = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (String name : names) {
      int slash = name.indexOf('/');
      if (slash <= 0 || slash != name.lastIndexOf('/') || slash == name.length() - 1) {
        problems.add("--service " + name + ": expected NAMESPACE/NAME, e.g. commerce/payments.");
        continue;
      }
      ServiceRef ref = new ServiceRef(name.substring(0, slash), name.substring(slash + 1));
      if (fleet.find(ref).isPresent()) {
        refs.add(ref);
        continue;
      }
      problems.add("--service " + name + ": no LatticeService " + name + " in PATH ("
          + fleet.size() + (fleet.size() == 1 ? " service" : " services") + " read). "
          + nearest(name, fleet).map(n -> "Did you mean " + n + "? ").orElse("")
          + "Fix: name a service of PATH as NAMESPACE/NAME; lattice derive PATH lists them.");
    }
    return new ServiceSelection(refs, problems);
  }

  boolean includes(ServiceRef ref) {
    return refs.isEmpty() || refs.contains(ref);
  }

  /** The existing service whose NS/NAME is closest (ties: the first alphabetically), when close enough to be a typo. */
  private static Optional<String> nearest(String name, Fleet fleet) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (var service : fleet.services()) {
      String candidate = service.intent().ref().toString();
      int d = distance(name, candidate);
      if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
