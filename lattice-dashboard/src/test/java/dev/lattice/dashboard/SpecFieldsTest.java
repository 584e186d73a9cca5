package dev.lattice.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec fields are named in v1 whatever version the spec is written in. */
class SpecFieldsTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String ALPHA = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: api, namespace: shop}
      spec:
        replicas: 2
        workload:
          containers:
            main:
              image: ghcr.io/acme/api:1.0@sha256:a99f33579e19a6a985a99e1277ee29bf9829921d88faa59d9b7182571177a278
              variables: {A: b}
              resources: {limits: {cpu: "1", memory: 1Gi}}
          service:
            ports: {http: {port: 80}}
          resources:
            orders: {type: service, direction: outbound}
        autoscaling: {max: 4, metrics: [{metric: cpu, target: 70}]}
        bogus: 1
      """;

  @Test
  @DisplayName("a v1alpha1 spec is counted under v1's field names, map keys as *, list elements as [*]")
  void alphaInV1Terms() throws Exception {
    JsonNode document = YAML.readTree(ALPHA);
    assertThat(SpecFields.ofDocument(document)).containsExactly(
        "spec.autoscaling", "spec.autoscaling.max", "spec.autoscaling.metrics",
        "spec.autoscaling.metrics[*].metric", "spec.autoscaling.metrics[*].target",
        "spec.containers", "spec.containers.*.image", "spec.containers.*.resources",
        "spec.containers.*.resources.limits", "spec.containers.*.resources.limits.cpu",
        "spec.containers.*.resources.limits.memory", "spec.containers.*.variables",
        "spec.dependencies", "spec.dependencies.outbound", "spec.dependencies.outbound.*.type",
        "spec.ports", "spec.ports.*.port", "spec.replicas");
  }

  @Test
  @DisplayName("the same spec written in v1 gives the same fields")
  void sameInV1() throws Exception {
    JsonNode alpha = YAML.readTree(ALPHA);
    var converted = dev.lattice.api.versions.Conversions.convert((com.fasterxml.jackson.databind.node.ObjectNode)
        alpha, dev.lattice.api.versions.ApiVersion.V1);
    JsonNode v1 = ((dev.lattice.api.versions.ConversionResult.Converted) converted).document();
    assertThat(SpecFields.ofV1Spec(v1.path("spec"))).isEqualTo(SpecFields.ofDocument(alpha));
  }
}
