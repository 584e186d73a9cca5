package dev.lattice.operator;

import dev.lattice.engine.PlatformSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** Wires the reconciler into a Java Operator SDK operator, with metrics and (optionally) leader election. */
public final class LatticeOperator implements AutoCloseable {
  /** How long start() waits for the informers' first list; after that they keep retrying in the background. */
  public static final java.time.Duration CACHE_SYNC_TIMEOUT = java.time.Duration.ofSeconds(30);
  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private final LatticeServiceReconciler reconciler;
  private final OperatorMetrics metrics;
  private final FleetFacts facts = new FleetFacts();
  private final Clock clock;
  private final Teams teams;
  private final DailyHistory history;
  private final java.util.concurrent.ScheduledExecutorService ticker =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lattice-fleet-history");
        thread.setDaemon(true);
        return thread;
      });

  /** Where and how the operator runs. */
  public record Options(ApplyMode applyMode, boolean leaderElection, String leaseNamespace) {
    public static Options production() {
      return new Options(ApplyMode.SERVER_SIDE_APPLY, true, "lattice-system");
    }

    /** For fabric8's mock API server: no server-side apply, no leases needed. */
    public static Options mockServer() {
      return new Options(ApplyMode.CREATE_OR_UPDATE, false, "lattice-system");
    }
  }

  /**
   * Who competes for the Lease. In a Pod the identity is the host name and losing the Lease ends the process (so no
   * two replicas ever reconcile at once); operators that share a JVM, as in the integration tests, need an
   * identity each and must stop, not exit.
   */
  public record Election(String identity, boolean exitWhenLost) {
    public static final Election POD = new Election(null, true);
  }

  public LatticeOperator(KubernetesClient client, PlatformSettings settings, Options options) {
    this(client, settings, options, Election.POD);
  }

  public LatticeOperator(KubernetesClient client, PlatformSettings settings, Options options, Election election) {
    this(client, settings, options, election, Clock.systemUTC());
  }

  /** With the clock the product facts are recorded at (tests pin it). */
  public LatticeOperator(KubernetesClient client, PlatformSettings settings, Options options, Election election,
      Clock clock) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    boolean ssa = options.applyMode() == ApplyMode.SERVER_SIDE_APPLY;
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(ssa)
          .withSSABasedCreateUpdateMatchForDependentResources(ssa)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
          // A list or watch that fails while the informers start (a 500 after a leader change, a CRD's storage
          // still initialising) is retried with back-off instead of stopping the operator; start() waits at most
          // CACHE_SYNC_TIMEOUT for them and /readyz answers 503 until every informer has synced.
          .withStopOnInformerErrorDuringStartup(false)
          .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT);
      if (options.leaderElection()) {
        o.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration("lattice-operator", options.leaseNamespace(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                election.identity(), null, election.exitWhenLost()));
      }
    });
    this.clock = clock;
    this.metrics = new OperatorMetrics(registry);
    metrics.bindFacts(facts, clock);
    this.teams = Teams.watch(client);
    this.history = new DailyHistory(client, facts, clock);
    // One fleet for the services and the escape hatches: consent between them is two-sided in both controllers.
    FleetView fleet = new FleetView();
    var packages = new LatticePackageReconciler(client, settings, options.applyMode(), metrics,
        Clock.systemUTC(), java.nio.file.Path.of(""), fleet);
    var members = new LatticeMeshMemberReconciler(client, settings, options.applyMode(), metrics, clock, fleet);
    this.reconciler = new LatticeServiceReconciler(client, settings, options.applyMode(), metrics, clock, teams,
        facts, fleet, new FleetEventSource.Hatches(members.requeues(), packages.requeues()));
    operator.register(reconciler);
    operator.register(new CedarPolicyReconciler());
    operator.register(new SecretProviderReconciler(client, settings.providers(), options.applyMode()));
    operator.register(new ImageProviderReconciler(client, settings.imageVerification(), options.applyMode()));
    operator.register(new LatticeQuotaReconciler(reconciler.fleetView(),
        QuotaWatch.teams(teams)));
    operator.register(packages);
    operator.register(members);
  }

  public void start() {
    operator.start();
    // The first look waits for the start-up reconciles; after that a look every 10 minutes finds the day change.
    ticker.scheduleWithFixedDelay(this::tick, 2, 10, java.util.concurrent.TimeUnit.MINUTES);
  }

  private void tick() {
    try {
      history.tick();
    } catch (RuntimeException e) {
      // The next tick tries again; the history is a convenience, never worth stopping the operator for.
      org.slf4j.LoggerFactory.getLogger(LatticeOperator.class).warn("fleet history not recorded: {}",
          e.getMessage());
    }
  }

  /** The recorded facts of every service, as of its last reconcile. */
  public FleetFacts facts() {
    return facts;
  }

  /** The fleet report page of the live fleet and the recorded facts, its assets under /dashboard/assets. */
  public String dashboard() {
    return Dashboard.html(facts, history.days(), clock.instant());
  }

  /** Adds {@code /dashboard} and its assets (from the lattice-dashboard jar) to the operator's HTTP server. */
  public HealthServer serveDashboard(HealthServer server) {
    return server.page(Dashboard.PATH, this::dashboard).assets(Dashboard.ASSETS + "/", name ->
        dev.lattice.dashboard.ReportRenderer.asset(name).map(a -> new HealthServer.Asset(a.contentType(), a.bytes())));
  }

  /** The daily figures in lattice-system/lattice-fleet-history. */
  public DailyHistory history() {
    return history;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * True once every informer is running, has synced its first list and is watching (readiness): false while a
   * failed start-up list or watch is being retried.
   */
  public boolean ready() {
    return operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    operator.stop();
    teams.close();
  }
}
