package dev.lattice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop, labels: {app: api}}
      spec:
        replicas: 2
        selector: {matchLabels: {app: api}}
        strategy:
          type: RollingUpdate
          rollingUpdate: {maxSurge: "25%", maxUnavailable: 0}
        template:
          metadata: {labels: {app: api}}
          spec:
            containers:
              - name: main
                image: ghcr.io/acme/api:1.0.0
                ports: [{name: http, containerPort: 8080}]
                resources: {limits: {cpu: 500m, memory: 256Mi}}
      """;

  private static final String EXTERNAL_SECRET =
      """
      apiVersion: external-secrets.io/v1
      kind: ExternalSecret
      metadata: {name: api-db, namespace: shop}
      spec:
        refreshInterval: 1h
        secretStoreRef: {kind: ClusterSecretStore, name: vault}
        target: {name: api-db, creationPolicy: Owner}
        data:
          - secretKey: password
            remoteRef: {key: shop/db, property: password}
      """;

  private static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("a realistic core manifest (int-or-string both ways, quantities) has no problems")
  void acceptsValidCoreManifest() {
    assertThat(SchemaValidator.problems(yaml(DEPLOYMENT))).isEmpty();
    SchemaValidator.assertValid(yaml(DEPLOYMENT));
  }

  @Test
  @DisplayName("a realistic CRD manifest is checked against its CRD schema and has no problems")
  void acceptsValidCustomResource() {
    assertThat(SchemaValidator.problems(yaml(EXTERNAL_SECRET))).isEmpty();
  }

  @Test
  @DisplayName("a field of the wrong type is reported at exactly that field")
  void reportsWrongTypeAtItsField() {
    ObjectNode manifest = yaml(DEPLOYMENT);
    ((ObjectNode) manifest.get("spec")).put("replicas", "three");
    assertThat(SchemaValidator.problems(manifest)).singleElement().asString().startsWith("/spec/replicas");
  }

  @Test
  @DisplayName("an unknown field is a problem (strict schemas, like kubectl --validate=strict)")
  void reportsUnknownField() {
    ObjectNode manifest = yaml(EXTERNAL_SECRET);
    ((ObjectNode) manifest.get("spec")).put("notAField", true);
    assertThat(SchemaValidator.problems(manifest)).isNotEmpty().anyMatch(p -> p.contains("notAField"));
  }

  @Test
  @DisplayName("a CRD enum is enforced (ESO engineVersion only knows v2)")
  void enforcesEnums() {
    ObjectNode manifest = yaml(EXTERNAL_SECRET);
    manifest.withObject("/spec/target/template").put("engineVersion", "v1");
    assertThat(SchemaValidator.problems(manifest))
        .anyMatch(p -> p.startsWith("/spec/target/template/engineVersion"));
  }

  @Test
  @DisplayName("a kind or version without a schema file fails and names the file that is missing")
  void failsWithoutSchema() {
    ObjectNode manifest = yaml(DEPLOYMENT);
    manifest.put("apiVersion", "apps/v9");
    assertThat(SchemaValidator.problems(manifest))
        .singleElement().asString().contains("no schema for apps/v9 Deployment").contains("deployment-v9.json");
    ObjectNode unknownKind = yaml(EXTERNAL_SECRET);
    unknownKind.put("kind", "SecretStore");
    assertThatThrownBy(() -> SchemaValidator.assertValid(unknownKind))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SecretStore shop/api-db")
        .hasMessageContaining("no schema for external-secrets.io/v1 SecretStore");
  }

  @Test
  @DisplayName("apiVersion, kind, metadata.name and metadata.namespace must be present even where a core schema"
      + " would allow them to be missing")
  void requiresIdentity() {
    ObjectNode noNamespace = yaml(DEPLOYMENT);
    ((ObjectNode) noNamespace.get("metadata")).remove("namespace");
    assertThat(SchemaValidator.problems(noNamespace)).containsExactly("metadata.namespace is missing");

    ObjectNode bare = yaml("spec: {}");
    assertThat(SchemaValidator.problems(bare))
        .containsExactly(
            "apiVersion is missing", "kind is missing", "metadata.name is missing",
            "metadata.namespace is missing");
  }

  @Test
  @DisplayName("a cluster-scoped kind must not carry a namespace")
  void clusterScopedKindsHaveNoNamespace() {
    JsonNode namespace = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}");
    assertThat(SchemaValidator.problems(namespace)).isEmpty();
    ObjectNode namespaced = yaml("{apiVersion: v1, kind: Namespace, metadata: {name: shop, namespace: x}}");
    assertThat(SchemaValidator.problems(namespaced))
        .containsExactly("metadata.namespace is set on cluster-scoped kind Namespace");
  }

  @Test
  @DisplayName("assertValid fails with the object's kind, name and every problem")
  void assertValidNamesObjectAndEveryProblem() {
    ObjectNode manifest = yaml(DEPLOYMENT);
    ((ObjectNode) manifest.get("spec")).put("replicas", "three");
    ((ObjectNode) manifest.get("spec")).put("paused", "yes");
    assertThatThrownBy(() -> SchemaValidator.assertValid(manifest))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Deployment shop/api (apps/v1)")
        .hasMessageContaining("/spec/replicas")
        .hasMessageContaining("/spec/paused");
  }

  @Test
  @DisplayName("schema files are found by group (core for v1), lowercase kind and version")
  void schemaFileNaming() {
    assertThat(SchemaValidator.schemaFile("v1", "ConfigMap"))
        .endsWith(java.nio.file.Path.of("core", "configmap-v1.json"));
    assertThat(SchemaValidator.schemaFile("gateway.networking.k8s.io/v1", "HTTPRoute"))
        .endsWith(java.nio.file.Path.of("gateway.networking.k8s.io", "httproute-v1.json"))
        .exists();
  }
}
