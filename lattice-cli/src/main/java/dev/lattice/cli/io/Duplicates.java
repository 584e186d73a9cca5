package dev.lattice.cli.io;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects given twice across the inputs: only the whole merged read can see them, so they are removed after the
 * files are merged in path order (the first one stays) and each later one becomes an input error.
 */
final class Duplicates {
  private Duplicates() {}

  static void rejectProviders(List<? extends HasMetadata> providers, List<InputError> errors) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (var provider : List.copyOf(providers)) {
      if (!seen.add(provider.getMetadata().getName())) {
        providers.remove(provider);
        errors.add(new InputError("", 0, provider.getKind() + " " + provider.getMetadata().getName() + " is given twice; "
            + "the cluster holds one object per name. Fix: remove one of them."));
      }
    }
  }

  static void rejectServices(List<SourcedService> services, List<InputError> errors) {
    Map<Object, SourcedService> seen = new HashMap<>();
    List<SourcedService> duplicates = new ArrayList<>();
    for (SourcedService service : services) {
      SourcedService first = seen.putIfAbsent(service.input().intent().ref(), service);
      if (first != null) {
        duplicates.add(service);
        errors.add(new InputError(service.file(), service.locator().documentLine(),
            service.input().intent().kindName() + " "
            + service.input().intent().ref() + " is also defined in " + first.file() + ":"
            + first.locator().documentLine() + "; each service must be defined once."));
      }
    }
    services.removeAll(duplicates);
  }
}
