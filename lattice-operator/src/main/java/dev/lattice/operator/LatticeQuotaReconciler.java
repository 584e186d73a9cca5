package dev.lattice.operator;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.v1.LatticeQuota;
import dev.lattice.api.v1.LatticeQuotaStatus;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.quota.QuotaCheck;
import dev.lattice.engine.quota.QuotaReport;
import dev.lattice.engine.quota.Quotas;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes each LatticeQuota's status (issue 17): what the services it admits use, what is left, the services it
 * counts and those it refuses, from one pass of the engine's rule over the operator's fleet view, so the numbers
 * agree with the {@code QuotaExceeded} in the services' statuses. A change to a service it covers re-evaluates it
 * (the fleet view tells it); a status equal to the last writes nothing.
 */
// The periodic resync catches a namespace's team label changing (namespaces are not watched for quotas).
@ControllerConfiguration(name = "latticequota", informer = @Informer(namespaces = Quotas.NAMESPACE),
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class LatticeQuotaReconciler implements Reconciler<LatticeQuota> {
  private final FleetView fleet;
  private final Supplier<SortedMap<String, String>> teams;
  private final SimpleInboundEventSource<LatticeQuota> changes = new SimpleInboundEventSource<>("fleet-changes");
  private volatile IndexedResourceCache<LatticeQuota> cache;

  LatticeQuotaReconciler(FleetView fleet, Supplier<SortedMap<String, String>> teams) {
    this.fleet = fleet;
    this.teams = teams;
    fleet.listen(this::serviceChanged);
  }

  @Override
  public List<EventSource<?, LatticeQuota>> prepareEventSources(EventSourceContext<LatticeQuota> context) {
    cache = context.getPrimaryCache();
    return List.of(changes);
  }

  /** A service changed in the fleet view: the quotas covering it are evaluated again. */
  private void serviceChanged(ServiceRef ref) {
    IndexedResourceCache<LatticeQuota> quotas = cache;
    if (quotas == null || !changes.isRunning()) {
      return; // not started yet: the start-up reconcile of every quota reads the fleet as it is then
    }
    SortedMap<String, String> labels = teams.get();
    quotas.list().forEach(object -> Quotas.of(object).filter(q -> q.selector().covers(ref, labels))
        .ifPresent(q -> changes.propagateEvent(ResourceID.fromResource(object))));
  }

  @Override
  public UpdateControl<LatticeQuota> reconcile(LatticeQuota object, Context<LatticeQuota> context) {
    LatticeQuotaStatus status = status(object);
    LatticeQuotaStatus previous = object.getStatus();
    if (previous != null && same(previous, status)) {
      return UpdateControl.noUpdate();
    }
    object.setStatus(status);
    return UpdateControl.patchStatus(object);
  }

  /** The status {@code object} should have against the fleet view as it is now. */
  LatticeQuotaStatus status(LatticeQuota object) {
    LatticeQuotaStatus status = new LatticeQuotaStatus();
    status.observedGeneration = object.getMetadata().getGeneration();
    var quota = Quotas.of(object);
    if (quota.isEmpty()) {
      // The CRD's rule admits exactly one selector field; this is an object stored before that rule.
      status.phase = "Failed";
      status.message = "spec.selector names none of team, namespace and service, so the quota covers nothing. Fix:"
          + " set exactly one of spec.selector.team, spec.selector.namespace, spec.selector.service.";
      return status;
    }
    var services = fleet.fleet().services().stream().map(ServiceInput::intent).toList();
    QuotaReport report = QuotaReport.of(QuotaCheck.usage(quota.get(), services, teams.get()));
    status.phase = report.phase();
    status.message = report.message();
    status.usage = report.usage();
    status.used = new java.util.LinkedHashMap<>(report.used());
    status.remaining = report.remaining().isEmpty() ? null : new java.util.LinkedHashMap<>(report.remaining());
    // Empty lists are not stored by the API server; null keeps "none" comparable with what it returns.
    status.services = report.services().isEmpty() ? null : report.services();
    status.refused = report.refused().isEmpty() ? null : report.refused();
    return status;
  }

  private static boolean same(LatticeQuotaStatus a, LatticeQuotaStatus b) {
    return Objects.equals(a.phase, b.phase) && Objects.equals(a.message, b.message)
        && Objects.equals(a.usage, b.usage) && Objects.equals(a.used, b.used)
        && Objects.equals(a.remaining, b.remaining) && Objects.equals(a.services, b.services)
        && Objects.equals(a.refused, b.refused) && Objects.equals(a.observedGeneration, b.observedGeneration);
  }
}
