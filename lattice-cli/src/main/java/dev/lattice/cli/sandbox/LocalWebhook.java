package dev.lattice.cli.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Registers the ValidatingWebhookConfiguration of deploy/operator for an operator that runs on this machine, not
 * in a Pod: the clientConfig names the webhook's local URL instead of the lattice-operator Service, with the CA
 * that signed its certificate. Rules, failure policy and timeouts stay exactly as shipped.
 */
public final class LocalWebhook {
  private LocalWebhook() {}

  public static void register(KubernetesClient client, Path webhookYaml, String caPem, int port) {
    try (InputStream in = Files.newInputStream(webhookYaml)) {
      for (HasMetadata object : client.load(in).items()) {
        if (object instanceof ValidatingWebhookConfiguration configuration) {
          String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
          configuration.getWebhooks().forEach(webhook -> {
            String path = webhook.getClientConfig().getService().getPath();
            WebhookClientConfig config = new WebhookClientConfig();
            config.setUrl("https://127.0.0.1:" + port + path);
            config.setCaBundle(ca);
            webhook.setClientConfig(config);
          });
          // cert-manager injects the CA in a cluster; here it is set directly.
          configuration.getMetadata().setAnnotations(null);
          client.resource(configuration).fieldManager("lattice-sandbox").forceConflicts().serverSideApply();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Applies deploy/operator's conversion patch to the LatticeService CRD for a conversion webhook on this machine:
   * the local URL and the CA instead of the Service and cert-manager's injection, as {@link #register} does.
   */
  public static void registerConversion(KubernetesClient client, Path conversionPatch, String caPem, int port) {
    try {
      ObjectNode patch = (ObjectNode) new YAMLMapper().readTree(conversionPatch.toFile());
      ObjectNode webhook = (ObjectNode) patch.path("spec").path("conversion").path("webhook");
      String path = webhook.path("clientConfig").path("service").path("path").asText();
      ObjectNode config = webhook.putObject("clientConfig");
      config.put("url", "https://127.0.0.1:" + port + path);
      config.put("caBundle", Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
      ((ObjectNode) patch.path("metadata")).remove("annotations");
      client.apiextensions().v1().customResourceDefinitions()
          .withName(patch.path("metadata").path("name").asText())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
