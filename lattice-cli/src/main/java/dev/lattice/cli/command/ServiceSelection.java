package dev.lattice.cli.command;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Suggestions;
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

  /** The existing service whose NS/NAME is closest, when close enough to be a typo (the shared rule). */
  private static Optional<String> nearest(String name, Fleet fleet) {
    List<String> names = fleet.services().stream().map(service -> service.intent().ref().toString()).toList();
    return Suggestions.nearest(name, names);
  }
}
