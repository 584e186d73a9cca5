package dev.lattice.cli.io;

import dev.lattice.api.status.Suggestions;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.LatticeService;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Kinds a user meant to be Lattice's but misspelt: any unserved kind in the lattice.dev group, and a kind of any
 * group within a small edit distance of a served one ({@code LaticeService}). Skipping those with a note would
 * drop the service from the run without failing it.
 */
final class ServedKinds {
  private static final String GROUP = "lattice.dev/";
  private static final List<String> SERVED = List.of(LatticeService.KIND, CedarPolicy.KIND,
      dev.lattice.api.v1.SecretProvider.KIND, dev.lattice.api.v1.ImageProvider.KIND,
      dev.lattice.api.hatch.LatticeMeshMember.KIND, dev.lattice.api.v1.LatticePackage.KIND,
      dev.lattice.api.v1.LatticeQuota.KIND);

  private ServedKinds() {}

  /** The input error for a misspelt kind, or empty when the kind is served or belongs to someone else. */
  static Optional<String> mistake(String apiVersion, String kind) {
    if (SERVED.contains(kind)) {
      return Optional.empty();
    }
    String nearest = null;
    int best = Integer.MAX_VALUE;
    for (String served : SERVED) {
      int d = Suggestions.distance(kind.toLowerCase(Locale.ROOT), served.toLowerCase(Locale.ROOT));
      if (d < best) {
        nearest = served;
        best = d;
      }
    }
    boolean close = best <= 2;
    if (!apiVersion.startsWith(GROUP) && !close) {
      return Optional.empty();
    }
    String problem = apiVersion.startsWith(GROUP)
        ? "kind " + kind + " is not served by the lattice.dev group (this release serves " + listed(" and ") + ")"
        : "kind " + kind + " (" + apiVersion + ") is not a kind this release serves";
    String fix = close
        ? "; did you mean " + nearest + "? Fix: write kind: " + nearest + " (apiVersion: "
            + apiVersionOf(nearest) + ")."
        : ". Fix: use kind " + listed(" or ") + " with apiVersion: " + dev.lattice.api.v1.LatticeService.API_VERSION
            + " (CedarPolicy: " + LatticeService.API_VERSION + "), or remove the document.";
    return Optional.of(problem + fix);
  }

  /** {@code A, B and C}: the served kinds. */
  private static String listed(String last) {
    return String.join(", ", SERVED.subList(0, SERVED.size() - 1)) + last + SERVED.get(SERVED.size() - 1);
  }

  /** Where a kind lives now: CedarPolicy only in v1alpha1, every other kind in v1 (LatticeService's storage). */
  private static String apiVersionOf(String kind) {
    return kind.equals(CedarPolicy.KIND) ? LatticeService.API_VERSION : dev.lattice.api.v1.LatticeService.API_VERSION;
  }
}
