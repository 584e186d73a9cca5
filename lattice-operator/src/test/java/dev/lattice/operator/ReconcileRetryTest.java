package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.PlatformSettings;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The retry JOSDK resolves for the LatticeService controller: never gives up, backs off to at most 30 s. */
class ReconcileRetryTest {
  @Test
  void aFailedReconcileIsRetriedWithoutLimitAndAtMostEvery30Seconds() {
    var reconciler = new LatticeServiceReconciler(null, PlatformSettings.defaults(), ApplyMode.SERVER_SIDE_APPLY,
        new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), Clock.systemUTC());
    RetryExecution retry = new BaseConfigurationService().getConfigurationFor(reconciler).getRetry()
        .initExecution();
    long last = 0;
    // JOSDK's default gave up after 5 attempts; 1,000 failures in a row still get a next attempt.
    for (int attempt = 1; attempt <= 1_000; attempt++) {
      Optional<Long> delay = retry.nextDelay();
      assertThat(delay).as("a next attempt after failure %d", attempt).isPresent();
      last = delay.get();
    }
    assertThat(retry.nextDelay()).hasValue(30_000L);
    assertThat(last).isEqualTo(30_000L);
  }
}
