package dev.lattice.testkit.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * Registers the third-party kinds the provider reconcilers apply whose upstream CRD is not in {@code ../shared/crds}
 * (their schemas are vendored in {@code vendor-schemas} instead): without them the real API server answers 404 and
 * the provider stays Failed. The schema here is open: the upstream one is checked where the objects are derived
 * ({@code SchemaValidator}); this only lets the API server store the objects, so applies, prunes and the writes
 * they cost can be observed.
 */
final class VendorCrds {
  /** group, kind, plural, version: cluster-scoped kinds. */
  record Kind(String group, String kind, String plural, String version) {}

  static final List<Kind> KINDS = List.of(
      new Kind("policy.sigstore.dev", "ClusterImagePolicy", "clusterimagepolicies", "v1beta1"),
      new Kind("kyverno.io", "ClusterPolicy", "clusterpolicies", "v1"));

  private VendorCrds() {}

  static void install(KubernetesClient client) {
    for (Kind kind : KINDS) {
      String name = kind.plural() + "." + kind.group();
      if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
        continue;
      }
      JSONSchemaProps open = new JSONSchemaProps();
      open.setType("object");
      open.setXKubernetesPreserveUnknownFields(true);
      CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName(name).endMetadata()
          .withNewSpec().withGroup(kind.group()).withScope("Cluster")
          .withNewNames().withKind(kind.kind()).withPlural(kind.plural())
          .withSingular(kind.kind().toLowerCase(java.util.Locale.ROOT)).endNames()
          .addNewVersion().withName(kind.version()).withServed(true).withStorage(true)
          .withNewSchema().withOpenAPIV3Schema(open).endSchema().endVersion()
          .endSpec().build();
      client.apiextensions().v1().customResourceDefinitions().resource(crd)
          .fieldManager("lattice-testkit").serverSideApply();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (Kind kind : KINDS) {
      String name = kind.plural() + "." + kind.group();
      while (!established(client, name)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("CRD " + name + " was not Established within 60s");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
