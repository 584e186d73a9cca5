package dev.lattice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;

/**
 * Validates a derived manifest against the upstream JSON schema of its own apiVersion and kind (see
 * {@code shared/schemas/README.md}). A kind without a schema file is a failure, never a skip, so that no new kind
 * reaches a cluster unchecked.
 *
 * <p>Tests hand in the manifest as a Jackson tree (the engine's {@code Manifests.tree(obj)}): the testkit cannot
 * depend on the engine, which uses the testkit in its own tests.
 */
public final class SchemaValidator {
  /** Where the schemas are; set by the root pom's surefire configuration. */
  public static final String SCHEMAS_DIR_PROPERTY = "lattice.schemas.dir";

  /** OpenAPI and Kubernetes extension keywords: annotations only, so they must neither warn nor fail. */
  private static final List<String> KUBERNETES_KEYWORDS =
      List.of(
          "x-kubernetes-group-version-kind", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
          "x-kubernetes-embedded-resource", "x-kubernetes-validations", "x-kubernetes-list-type",
          "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-patch-strategy",
          "x-kubernetes-patch-merge-key", "x-kubernetes-unions", "nullable");

  /**
   * Kinds that live outside namespaces; every other kind must carry metadata.namespace. The engine derives only
   * namespaced objects today, but a cluster-scoped object with a namespace is just as wrong.
   */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
          "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "CiliumClusterwideNetworkPolicy",
          "TracingPolicy", "PersistentVolume", "StorageClass", "ClusterSecretStore", "ClusterImagePolicy",
          "ClusterPolicy", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");

  private static final JsonSchemaFactory FACTORY = factory();
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

  /** Loaded schemas by file, once per JVM: Deployment's alone is 0.7 MB and takes ~100 ms to build. */
  private static final Map<Path, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private SchemaValidator() {}

  private static JsonSchemaFactory factory() {
    // yannh's core files declare the unversioned "schema#", the CRD files draft-04; both are draft-04 here.
    return JsonSchemaFactory.getInstance(
        SpecVersion.VersionFlag.V4,
        builder -> builder
            .metaSchema(draft4Like("http://json-schema.org/schema#"))
            .metaSchema(draft4Like("http://json-schema.org/draft-04/schema#")));
  }

  private static JsonMetaSchema draft4Like(String iri) {
    return JsonMetaSchema.builder(iri, JsonMetaSchema.getV4())
        .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).collect(Collectors.toList()))
        .build();
  }

  /** The schema directory: {@value #SCHEMAS_DIR_PROPERTY}, else {@code shared/schemas} beside the checkout. */
  public static Path schemasDir() {
    String configured = System.getProperty(SCHEMAS_DIR_PROPERTY);
    Path dir = configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Specs.repoRoot().resolve("../shared/schemas");
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "no schema directory at " + dir + "; set -D" + SCHEMAS_DIR_PROPERTY + " to the shared/schemas folder");
    }
    return dir;
  }

  /**
   * The schema file for {@code apiVersion} and {@code kind}: {@code <group or core>/<kind>-<version>.json},
   * whether or not it exists.
   */
  public static Path schemaFile(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    Path file = Path.of(group, kind.toLowerCase(Locale.ROOT) + "-" + version + ".json");
    Path shared = schemasDir().resolve(file);
    // Kinds added after ../shared/schemas was gathered: converted the same way (vendor-schemas/README.md).
    Path vendored = Specs.repoRoot().resolve("lattice-testkit/src/main/resources/vendor-schemas").resolve(file);
    return Files.exists(shared) || !Files.exists(vendored) ? shared : vendored;
  }

  /**
   * Every problem of {@code manifest}: missing identity fields, a kind without a schema, and each schema
   * violation as {@code <json pointer>: <message>}, sorted. Empty means valid.
   */
  public static List<String> problems(JsonNode manifest) {
    List<String> problems = new ArrayList<>();
    String apiVersion = text(manifest, "apiVersion");
    String kind = text(manifest, "kind");
    JsonNode metadata = manifest == null ? null : manifest.get("metadata");
    String name = text(metadata, "name");
    String namespace = text(metadata, "namespace");
    if (apiVersion == null) {
      problems.add("apiVersion is missing");
    }
    if (kind == null) {
      problems.add("kind is missing");
    }
    if (name == null) {
      problems.add("metadata.name is missing");
    }
    if (kind != null && CLUSTER_SCOPED.contains(kind)) {
      if (namespace != null) {
        problems.add("metadata.namespace is set on cluster-scoped kind " + kind);
      }
    } else if (namespace == null) {
      problems.add("metadata.namespace is missing");
    }
    if (apiVersion == null || kind == null) {
      return problems;
    }
    Optional<JsonSchema> schema = schema(apiVersion, kind);
    if (schema.isEmpty()) {
      problems.add(
          "no schema for " + apiVersion + " " + kind + " (expected " + schemaFile(apiVersion, kind)
              + "); add the upstream schema before deriving this kind");
      return problems;
    }
    schema.get().validate(manifest).stream()
        .map(SchemaValidator::describe)
        .sorted()
        .forEach(problems::add);
    return problems;
  }

  /** Fails with the object's kind and name and every problem when {@code manifest} is not valid. */
  public static void assertValid(JsonNode manifest) {
    List<String> problems = problems(manifest);
    if (!problems.isEmpty()) {
      Assertions.fail(identify(manifest) + " does not match its upstream schema:\n  - "
          + String.join("\n  - ", problems) + "\nmanifest: " + manifest);
    }
  }

  /** {@code Kind namespace/name (apiVersion)}, for messages. */
  public static String identify(JsonNode manifest) {
    JsonNode metadata = manifest == null ? null : manifest.get("metadata");
    return text(manifest, "kind") + " " + text(metadata, "namespace") + "/" + text(metadata, "name") + " ("
        + text(manifest, "apiVersion") + ")";
  }

  private static Optional<JsonSchema> schema(String apiVersion, String kind) {
    Path file = schemaFile(apiVersion, kind);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(CACHE.computeIfAbsent(file, SchemaValidator::load));
  }

  private static JsonSchema load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      JsonSchema schema = FACTORY.getSchema(in, CONFIG);
      schema.initializeValidators(); // a broken schema fails here, not halfway through a test
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + file, e);
    }
  }

  private static String describe(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String text = message.getMessage();
    // networknt already starts most messages with the location; do not say it twice.
    return text.startsWith(location) ? text : location + ": " + text;
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.hasNonNull(field) || !node.get(field).isTextual()) {
      return null;
    }
    String value = node.get(field).asText();
    return value.isEmpty() ? null : value;
  }
}
