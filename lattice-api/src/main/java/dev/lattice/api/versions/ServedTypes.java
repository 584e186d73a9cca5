package dev.lattice.api.versions;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.v1.V1Mapper;
import dev.lattice.api.v1beta1.V1beta1Mapper;
import dev.lattice.api.v1alpha1.V1alpha1Mapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The wire type and the mapper of each served version: the readers' one entry point onto the model. */
public final class ServedTypes {
  private ServedTypes() {}

  /** The class a document of {@code version} is read into. */
  public static Class<? extends HasMetadata> type(ApiVersion version) {
    return switch (version) {
      case V1ALPHA1 -> dev.lattice.api.v1alpha1.LatticeService.class;
      case V1BETA1 -> dev.lattice.api.v1beta1.LatticeService.class;
      case V1 -> dev.lattice.api.v1.LatticeService.class;
    };
  }

  /** Maps a LatticeService of any served version onto the model, by that version's mapper. */
  public static MappedIntent map(HasMetadata resource, List<UnknownField> unknownFields) {
    if (resource instanceof dev.lattice.api.v1.LatticeService v1) {
      return V1Mapper.map(v1, unknownFields);
    }
    if (resource instanceof dev.lattice.api.v1beta1.LatticeService beta) {
      return V1beta1Mapper.map(beta, unknownFields);
    }
    if (resource instanceof dev.lattice.api.v1alpha1.LatticeService alpha) {
      return V1alpha1Mapper.map(alpha, unknownFields);
    }
    throw new IllegalArgumentException("not a LatticeService: " + resource.getClass().getName());
  }

  public static MappedIntent map(HasMetadata resource) {
    return map(resource, List.of());
  }
}
