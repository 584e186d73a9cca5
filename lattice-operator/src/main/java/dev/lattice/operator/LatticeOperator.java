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
  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private final LatticeServiceReconciler reconciler;
  private final OperatorMetrics metrics;

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
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    boolean ssa = options.applyMode() == ApplyMode.SERVER_SIDE_APPLY;
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(ssa)
          .withSSABasedCreateUpdateMatchForDependentResources(ssa)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (options.leaderElection()) {
        o.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration("lattice-operator", options.leaseNamespace(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                election.identity(), null, election.exitWhenLost()));
      }
    });
    this.metrics = new OperatorMetrics(registry);
    this.reconciler = new LatticeServiceReconciler(client, settings, options.applyMode(), metrics,
        Clock.systemUTC());
    operator.register(reconciler);
    operator.register(new CedarPolicyReconciler());
    operator.register(new LatticePackageReconciler(client, settings, options.applyMode(), metrics,
        Clock.systemUTC(), java.nio.file.Path.of("")));
  }

  public void start() {
    operator.start();
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** True once the operator's informers have synced (readiness). */
  public boolean ready() {
    return operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
