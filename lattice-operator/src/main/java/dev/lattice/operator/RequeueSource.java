package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * An event source that holds nothing: the fleet's informers (in the services' controller) push through it the
 * escape hatches whose derivation a change of another node alters, so a hatch's consent follows its peers.
 */
final class RequeueSource<P extends HasMetadata> extends AbstractEventSource<Void, P> {
  RequeueSource(String name) {
    super(Void.class, name);
  }

  void requeue(Set<ServiceRef> refs) {
    if (!isRunning()) {
      return; // the controller is not started yet: its start-up reconciles every primary anyway
    }
    for (ServiceRef ref : refs) {
      getEventHandler().handleEvent(new Event(new ResourceID(ref.name(), ref.namespace())));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(P primary) {
    return Set.of();
  }
}
