package dev.lattice.operator;

import dev.lattice.api.v1.LatticeService;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches LatticeServices for the fleet: every event first updates the {@link FleetView} (so a requeued service is
 * derived against a fleet that already holds the change), then requeues exactly the other services whose
 * derivation the change can alter (the service's own reconcile comes from the controller's event source).
 */
final class FleetEventSource extends InformerEventSource<LatticeService, LatticeService> {
  private static final Logger logger = LoggerFactory.getLogger(FleetEventSource.class);
  private static final Duration SYNC_WAIT = Duration.ofMinutes(2);

  private final FleetView view;

  FleetEventSource(FleetView view, EventSourceContext<LatticeService> context) {
    super(InformerEventSourceConfiguration.from(LatticeService.class, LatticeService.class)
        .withName("fleet")
        // Only spec changes and deletions change the fleet; status writes must not ping-pong between peers.
        .withOnUpdateFilter(FleetEventSource::changesFleet)
        // JOSDK asks more than once per event (for its index and for the event): the view answers from the change.
        .withSecondaryToPrimaryMapper(changed -> view.requeues(changed).stream()
            .map(r -> new ResourceID(r.name(), r.namespace())).collect(Collectors.toSet()))
        .build(), context);
    this.view = view;
  }

  static boolean changesFleet(LatticeService next, LatticeService previous) {
    return !Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
        || !Objects.equals(next.getMetadata().getUid(), previous.getMetadata().getUid())
        || (next.getMetadata().getDeletionTimestamp() == null)
            != (previous.getMetadata().getDeletionTimestamp() == null);
  }

  /**
   * Returns only once the view holds every service of the synced cache. JOSDK starts this source (and waits for
   * it) before the controller's own, but the informer hands the initial list to its handlers asynchronously: a
   * reconcile started before the view caught up would derive against part of the fleet, write objects that are
   * wrong for a moment and write them again (a restart would not be write-free).
   */
  @Override
  @SuppressWarnings("sync-override") // not synchronized: the informer's handlers lock this source to deliver
  public void start() {
    super.start();
    long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
    while (!view.holdsAll(list(s -> true))) {
      if (System.nanoTime() > deadline) {
        logger.warn("fleet: the view has not caught up with the LatticeService cache after {} s; going on",
            SYNC_WAIT.toSeconds());
        view.caughtUp();
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    view.caughtUp();
    logger.info("fleet: {} services in the view", view.size());
  }

  @Override
  public void onAdd(LatticeService resource) {
    view.observe(resource);
    super.onAdd(resource);
  }

  @Override
  public void onUpdate(LatticeService previous, LatticeService next) {
    if (changesFleet(next, previous)) {
      view.observe(next);
    }
    super.onUpdate(previous, next);
  }

  @Override
  public void onDelete(LatticeService resource, boolean deletedFinalStateUnknown) {
    view.deleted(resource);
    super.onDelete(resource, deletedFinalStateUnknown);
  }
}
