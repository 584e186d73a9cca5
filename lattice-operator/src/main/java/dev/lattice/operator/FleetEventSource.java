package dev.lattice.operator;

import dev.lattice.api.v1.LatticeService;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * Watches one kind of fleet node (LatticeServices, LatticeMeshMembers or LatticePackages) for the services'
 * controller: every event first updates the {@link FleetView} (so a requeued node is derived against a fleet that
 * already holds the change), then requeues exactly the other nodes whose derivation the change can alter: services
 * through this source, escape hatches through their controllers' {@link RequeueSource}s (the changed node's own
 * reconcile comes from its controller's event source).
 */
final class FleetEventSource<R extends HasMetadata> extends InformerEventSource<R, LatticeService> {
  private static final Logger logger = LoggerFactory.getLogger(FleetEventSource.class);
  private static final Duration SYNC_WAIT = Duration.ofMinutes(2);

  private final FleetView view;
  private final FleetView.Kind kind;
  private final Hatches hatches;

  /** Where the escape hatches' controllers take their requeues. */
  record Hatches(RequeueSource<?> members, RequeueSource<?> packages) {
    static final Hatches NONE = new Hatches(null, null);
  }

  FleetEventSource(Class<R> type, FleetView view, Hatches hatches, EventSourceContext<LatticeService> context) {
    super(InformerEventSourceConfiguration.from(type, LatticeService.class)
        .withName(type == LatticeService.class ? "fleet" : "fleet-" + type.getSimpleName().toLowerCase())
        // Only spec changes and deletions change the fleet; status writes must not ping-pong between peers.
        .withOnUpdateFilter(FleetEventSource::changesFleet)
        // JOSDK asks more than once per event (for its index and for the event): the view answers from the change.
        .withSecondaryToPrimaryMapper(changed -> view.requeues(changed).stream()
            .map(r -> new ResourceID(r.name(), r.namespace())).collect(Collectors.toSet()))
        .build(), context);
    this.view = view;
    this.hatches = hatches;
    this.kind = type == LatticeService.class ? FleetView.Kind.SERVICE
        : type == dev.lattice.api.hatch.LatticeMeshMember.class ? FleetView.Kind.MESH_MEMBER : FleetView.Kind.PACKAGE;
    view.expect(kind);
  }

  static boolean changesFleet(HasMetadata next, HasMetadata previous) {
    return !Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
        || !Objects.equals(next.getMetadata().getUid(), previous.getMetadata().getUid())
        || (next.getMetadata().getDeletionTimestamp() == null)
            != (previous.getMetadata().getDeletionTimestamp() == null);
  }

  /**
   * Returns only once the view holds every node of the synced cache. JOSDK starts this source (and waits for
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
        logger.warn("fleet: the view has not caught up with the {} cache after {} s; going on", kind,
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
    view.caughtUp(kind);
    logger.info("fleet: {} nodes in the view after the {} list", view.size(), kind);
  }

  @Override
  public void onAdd(R resource) {
    view.observe(resource);
    requeueHatches(resource);
    super.onAdd(resource);
  }

  @Override
  public void onUpdate(R previous, R next) {
    if (changesFleet(next, previous)) {
      view.observe(next);
      requeueHatches(next);
    }
    super.onUpdate(previous, next);
  }

  @Override
  public void onDelete(R resource, boolean deletedFinalStateUnknown) {
    view.deleted(resource);
    requeueHatches(resource);
    super.onDelete(resource, deletedFinalStateUnknown);
  }

  private void requeueHatches(R resource) {
    if (hatches.members() != null) {
      hatches.members().requeue(view.requeues(resource, FleetView.Kind.MESH_MEMBER));
    }
    if (hatches.packages() != null) {
      hatches.packages().requeue(view.requeues(resource, FleetView.Kind.PACKAGE));
    }
  }
}
