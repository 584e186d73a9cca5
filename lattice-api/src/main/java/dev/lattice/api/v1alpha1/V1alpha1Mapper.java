package dev.lattice.api.v1alpha1;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.UnknownField;
import java.util.List;

/** Maps a v1alpha1 document onto the version-independent model: its fields already have the shared shape. */
public final class V1alpha1Mapper {
  private V1alpha1Mapper() {}

  public static MappedIntent map(LatticeService resource) {
    return map(resource, List.of());
  }

  /** Maps with the fields the reader ignored, which the intent keeps and messages about missing fields name. */
  public static MappedIntent map(LatticeService resource, List<UnknownField> unknownFields) {
    LatticeServiceSpec spec = resource.getSpec() == null ? new LatticeServiceSpec() : resource.getSpec();
    return SpecMapper.map(resource, LatticeService.API_VERSION, spec, spec.workload, unknownFields);
  }
}
