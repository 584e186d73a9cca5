package dev.lattice.cli.command;

import dev.lattice.cli.ExitCodes;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.operator.AdmissionValidator;
import dev.lattice.operator.ApplyMode;
import dev.lattice.operator.ConversionWebhook;
import dev.lattice.operator.HealthServer;
import dev.lattice.operator.LatticeOperator;
import dev.lattice.operator.WebhookServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lattice operator}: reconcile LatticeServices in the cluster of the current kubeconfig. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the Lattice operator against the cluster of the current kubeconfig.",
      "In a pod it uses the in-cluster service account. It derives every LatticeService with the same engine as "
          + "lattice derive, applies the objects with server-side apply, prunes what is no longer derived and "
          + "writes status and events."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice operator           # what the Deployment in deploy/operator runs",
      "  lattice operator --metrics-port 9090 --no-leader-election",
    })
public final class OperatorCommand implements Callable<Integer> {
  /** Apply modes as users type them. */
  public enum Mode { ssa, create_update }

  @Spec CommandSpec spec;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port for /metrics, /healthz, /readyz and /dashboard (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--apply", paramLabel = "MODE", defaultValue = "ssa",
      description = "How objects are written: ssa (server-side apply, default) or create_update (API servers "
          + "without server-side apply).")
  Mode mode;

  @Option(names = "--no-leader-election", description = "Run without the Lease (only one replica may run).")
  boolean noLeaderElection;

  @Option(names = "--webhook-port", paramLabel = "PORT", defaultValue = "8443",
      description = "HTTPS port of the admission and conversion webhooks (default: ${DEFAULT-VALUE}).")
  int webhookPort;

  @Option(names = "--webhook-cert-dir", paramLabel = "DIR",
      description = "Directory with tls.crt and tls.key for the webhooks; without it they are off.")
  java.nio.file.Path webhookCertDir;

  @Override
  public Integer call() throws Exception {
    KubernetesClient client = new KubernetesClientBuilder().build();
    PlatformSettings settings = settings(client);
    LatticeOperator.Options options = new LatticeOperator.Options(
        mode == Mode.ssa ? ApplyMode.SERVER_SIDE_APPLY : ApplyMode.CREATE_OR_UPDATE, !noLeaderElection,
        "lattice-system");
    // The webhooks first: objects stored in an older version reach the informers through the conversion webhook.
    try (AutoCloseable webhook = webhookCertDir == null ? () -> { }
            : new WebhookServer(webhookPort, webhookCertDir, dev.lattice.operator.OperatorIdentity.of(client)
                .map(new AdmissionValidator(settings)::withStatusWriter)
                .orElseGet(() -> new AdmissionValidator(settings)),
                new ConversionWebhook());
        LatticeOperator operator = new LatticeOperator(client, settings, options);
        HealthServer health = new HealthServer(metricsPort, () -> operator.registry().scrape(), operator::ready)) {
      operator.serveDashboard(health);
      operator.start();
      spec.commandLine().getErr().println("lattice operator: running against " + client.getMasterUrl()
          + "; metrics on :" + health.port() + "/metrics, the fleet report on :" + health.port() + "/dashboard");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    } finally {
      client.close();
    }
    return ExitCodes.OK;
  }

  /** Platform settings from the ConfigMap lattice-system/lattice-platform, when it exists. */
  public static PlatformSettings settings(KubernetesClient client) {
    ConfigMap map = client.configMaps().inNamespace("lattice-system").withName("lattice-platform").get();
    Map<String, String> data = map == null || map.getData() == null ? Map.of() : map.getData();
    return PlatformSettings.defaults().withOverrides(data);
  }
}
