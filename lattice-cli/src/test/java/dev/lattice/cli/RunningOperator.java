package dev.lattice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.cli.command.OperatorCommand;
import dev.lattice.cli.sandbox.LocalWebhook;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.operator.AdmissionValidator;
import dev.lattice.operator.ConversionWebhook;
import dev.lattice.operator.LatticeOperator;
import dev.lattice.operator.WebhookServer;
import dev.lattice.testkit.cluster.LocalCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The operator as {@code lattice operator} runs it (server-side apply, leader election on, settings from the
 * lattice-platform ConfigMap), in the test JVM with a client of its own, plus its admission webhook on a local
 * port with a certificate from the cluster's CA.
 */
final class RunningOperator implements AutoCloseable {
  private final KubernetesClient client;
  private final LatticeOperator operator;
  private final WebhookServer webhook;
  private boolean closed;
  private LocalCluster registeredWith;

  private RunningOperator(KubernetesClient client, LatticeOperator operator, WebhookServer webhook) {
    this.client = client;
    this.operator = operator;
    this.webhook = webhook;
  }

  /** The run's conversion webhook, registered in the CRD once: see {@link #ensureConversion}. */
  private static WebhookServer conversion;
  /** The ConversionReviews it answered, in order, for tests that assert how the API server called it. */
  static final List<JsonNode> CONVERSION_REVIEWS = new CopyOnWriteArrayList<>();

  /**
   * The lattice-system namespace (Leases, policies), the platform settings of the commerce example and the CRD's
   * conversion webhook.
   */
  static void preparePlatform(LocalCluster cluster) throws Exception {
    ensureConversion(cluster);
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("lattice-system")
        .endMetadata().build()).fieldManager("lattice-it").serverSideApply();
    // Where External Secrets runs: a SecretProvider's egress policy goes there (a missing one leaves it Failed).
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("external-secrets")
        .endMetadata().build()).fieldManager("lattice-it").serverSideApply();
    cluster.kubectl("apply", "-f", "examples/commerce/platform.yaml").assertOk();
  }

  /**
   * Registers deploy/operator's conversion patch in the CRD for a conversion webhook that serves the whole test run
   * (the same {@link WebhookServer} as the operator's; conversion is a pure function). Conversion is install-time:
   * every LatticeService read or written in a version other than the stored one needs it, whichever operator
   * instance runs, so tying it to one instance would break applies between two and make a restart write the CRD.
   */
  static synchronized void ensureConversion(LocalCluster cluster) throws Exception {
    if (conversion != null) {
      return;
    }
    Path certs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "conversion-");
    cluster.plane().pki().serving("lattice-operator", List.of("lattice-operator.lattice-system.svc")).write(certs);
    conversion = new WebhookServer(0, certs, new AdmissionValidator(PlatformSettings.defaults()),
        new ConversionWebhook() {
          @Override
          public JsonNode review(JsonNode review) {
            CONVERSION_REVIEWS.add(review);
            return super.review(review);
          }
        });
    LocalWebhook.registerConversion(cluster.client(),
        cluster.repoRoot().resolve("deploy/operator/patches/latticeservices-conversion.yaml"), cluster.plane().pki().caPem(),
        conversion.port());
  }

  static RunningOperator start(LocalCluster cluster, String identity) throws Exception {
    ensureConversion(cluster);
    KubernetesClient client = cluster.newClient();
    PlatformSettings settings = OperatorCommand.settings(client);
    LatticeOperator operator = new LatticeOperator(client, settings, LatticeOperator.Options.production(),
        new LatticeOperator.Election(identity, false));
    operator.start();
    Path certs = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "webhook-");
    cluster.plane().pki().serving("lattice-operator", List.of("lattice-operator.lattice-system.svc")).write(certs);
    // The operator's own identity (the test cluster's admin) may write the hatches' statuses through the webhook.
    AdmissionValidator validator = dev.lattice.operator.OperatorIdentity.of(client)
        .map(new AdmissionValidator(settings)::withStatusWriter).orElseGet(() -> new AdmissionValidator(settings));
    WebhookServer webhook = new WebhookServer(0, certs, validator);
    return new RunningOperator(client, operator, webhook);
  }

  LatticeOperator operator() {
    return operator;
  }

  int webhookPort() {
    return webhook.port();
  }

  /** Registers deploy/operator's ValidatingWebhookConfiguration for this webhook (see LocalWebhook). */
  void registerWebhook(LocalCluster cluster) {
    registeredWith = cluster;
    LocalWebhook.register(cluster.client(), cluster.repoRoot().resolve("deploy/operator/webhook.yaml"),
        cluster.plane().pki().caPem(), webhook.port());
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (registeredWith != null) {
      // The configuration fails closed: left behind, it would reject every later LatticeService write.
      registeredWith.client().admissionRegistration().v1().validatingWebhookConfigurations()
          .withName("lattice-validate-latticeservice").delete();
    }
    webhook.close();
    operator.close();
    client.close();
  }
}
