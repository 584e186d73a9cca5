package dev.lattice.api.hatch;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A governed escape hatch: existing pods, chosen by labels in the member's namespace, join the mesh with the same
 * default-deny policy and bilateral consent as a LatticeService. Lattice derives policy only, never a workload.
 */
@Group(LatticeMeshMember.GROUP)
@Version(value = LatticeMeshMember.VERSION, storage = true, served = true)
@Kind(LatticeMeshMember.KIND)
@Plural("latticemeshmembers")
@Singular("latticemeshmember")
@ShortNames("lmm")
@AdditionalPrinterColumn(name = "Owner", jsonPath = ".spec.owner", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".spec.expires", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Expiring", jsonPath = ".status.conditions[?(@.type==\"Expiring\")].status",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LatticeMeshMember extends CustomResource<LatticeMeshMemberSpec, dev.lattice.api.v1alpha1.LatticeServiceStatus>
    implements Namespaced {
  public static final String GROUP = "lattice.dev";
  public static final String VERSION = "v1";
  public static final String KIND = "LatticeMeshMember";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** The fleet node this member is: its mesh section as ports and service resources, marked as a hatch. */
  public dev.lattice.api.model.ServiceIntent intent() {
    var meta = getMetadata();
    String namespace = meta == null || meta.getNamespace() == null ? "default" : meta.getNamespace();
    String name = meta == null || meta.getName() == null ? "" : meta.getName();
    LatticeMeshMemberSpec spec = getSpec() == null ? new LatticeMeshMemberSpec() : getSpec();
    EscapeHatch hatch = new EscapeHatch(EscapeHatch.Kind.MESH_MEMBER, Governance.of(spec),
        spec.selector, MeshSection.of(spec.mesh));
    return HatchIntents.of(new dev.lattice.api.model.ServiceRef(namespace, name), API_VERSION,
        java.util.Optional.ofNullable(meta == null ? null : meta.getUid()),
        meta == null || meta.getGeneration() == null ? 0 : meta.getGeneration(),
        meta == null ? null : meta.getLabels(), meta == null ? null : meta.getAnnotations(), hatch);
  }
}
