package dev.lattice.api.hatch;

import dev.lattice.api.model.Sorted;
import java.util.Map;
import java.util.Objects;

/**
 * What makes a fleet node an escape hatch rather than a LatticeService: its kind, its governance, the pods it
 * selects and their mesh section. The engine derives only mesh policy for it, never a workload.
 *
 * @param selector pod labels (matchLabels) choosing the enrolled pods in the hatch's namespace
 */
public record EscapeHatch(Kind kind, Governance governance, Map<String, String> selector, MeshSection mesh) {
  public EscapeHatch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(governance, "governance");
    selector = Sorted.map(selector);
    Objects.requireNonNull(mesh, "mesh");
  }

  public enum Kind {
    MESH_MEMBER("LatticeMeshMember"),
    PACKAGE("LatticePackage");

    private final String kindName;

    Kind(String kindName) {
      this.kindName = kindName;
    }

    /** The Kubernetes kind, e.g. LatticeMeshMember. */
    public String kindName() {
      return kindName;
    }
  }
}
