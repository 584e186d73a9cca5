package dev.lattice.operator;

import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.api.v1alpha1.V1alpha1Mapper;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import java.util.List;
import java.util.stream.Stream;

/** Builds the engine's fleet from the LatticeServices in the informer cache (no API calls). */
final class FleetView {
  private FleetView() {}

  static ServiceInput input(LatticeService resource) {
    MappedIntent mapped = V1alpha1Mapper.map(resource);
    return new ServiceInput(mapped.intent(), mapped.diagnostics());
  }

  static Fleet of(Stream<LatticeService> cached) {
    List<ServiceInput> inputs = cached
        .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
        .map(FleetView::input)
        .toList();
    return Fleet.of(inputs);
  }
}
