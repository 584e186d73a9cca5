package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.lattice.cli.schema.Crds;
import dev.lattice.cli.schema.JsonSchemas;
import dev.lattice.testkit.Golden;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The editor schemas: published under deploy/schemas exactly as {@code lattice schema} prints them (so they never
 * drift from the CRDs), accepting every example and fixture, and flagging typos and wrong types.
 */
class SchemaCommandTest {
  private static final Path SCHEMAS = Specs.repoRoot().resolve("deploy/schemas");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("deploy/schemas holds the schema of every served kind and version, as lattice schema prints it")
  void publishedSchemasAreCurrent() throws IOException {
    List<String> expected = new ArrayList<>();
    for (Crds.Crd crd : Crds.all()) {
      for (Crds.Version version : crd.versions()) {
        String file = JsonSchemas.fileName(crd, version);
        expected.add(file);
        CliRun run = CliRun.of("schema", crd.kind(), "--api-version", version.name());
        assertThat(run.exitCode()).isZero();
        Golden.assertMatches(SCHEMAS.resolve(file), run.out());
      }
    }
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")))
          .as("schema files of kinds or versions no longer served").containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @DisplayName("every LatticeService, CedarPolicy and escape hatch in the examples and fixtures matches its schema")
  void examplesMatch() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("examples", "lattice-engine/src/test/resources/fixtures")) {
      try (Stream<Path> walk = Files.walk(Specs.repoRoot().resolve(dir))) {
        walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    int checked = 0;
    int hatches = 0;
    for (Path file : files) {
      for (JsonNode document : new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile()).readAll()
          .stream().map(JsonNode.class::cast).toList()) {
        String kind = document.path("kind").asText();
        if (kind.equals("LatticeService") || kind.equals("CedarPolicy")) {
          assertThat(problems(kind, document)).as(file + " " + document.path("metadata").path("name")).isEmpty();
          checked++;
        } else if (kind.equals("LatticeMeshMember") || kind.equals("LatticePackage")) {
          assertThat(problems(kind, document)).as(file + " " + document.path("metadata").path("name")).isEmpty();
          hatches++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
    assertThat(hatches).as("examples/mesh-member's member").isGreaterThanOrEqualTo(1);
  }

  @Test
  @DisplayName("lattice schema prints both escape hatches' schemas by kind or short name, with their fields")
  void hatchSchemas() throws IOException {
    CliRun member = CliRun.of("schema", "lmm");
    assertThat(member.exitCode()).as(member.err()).isZero();
    JsonNode spec = JSON.readTree(member.out()).path("properties").path("spec").path("properties");
    assertThat(spec.has("selector")).isTrue();
    assertThat(spec.path("mesh").path("properties").has("allowedCallers")).isTrue();
    assertThat(problems("LatticeMeshMember", yaml("""
        apiVersion: lattice.dev/v1
        kind: LatticeMeshMember
        metadata: {name: legacy, namespace: shop}
        spec: {owner: team-a, reason: JIRA-1, expires: "2027-01-01", selector: {app: legacy}, mesh: {serviceAcount: x}}
        """))).singleElement().asString().contains("serviceAcount");

    CliRun pkg = CliRun.of("schema", "lpkg");
    assertThat(pkg.exitCode()).as(pkg.err()).isZero();
    assertThat(JSON.readTree(pkg.out()).path("properties").path("spec").path("properties").has("chart")).isTrue();
  }

  @Test
  @DisplayName("a typo'd field, a wrong type, a wrong apiVersion and an unknown top-level field are flagged")
  void flagsMistakes() throws IOException {
    JsonNode typo = yaml(Specs.minimalWith("{spec: {workload: {containers: {main: {comand: [/app/api]}}}}}"));
    assertThat(problems("LatticeService", typo)).singleElement().asString()
        .isEqualTo("$.spec.workload.containers.main: property 'comand' is not defined in the schema and the schema"
            + " does not allow additional properties");

    JsonNode wrongType = yaml(Specs.minimalWith("{spec: {replicas: two}}"));
    assertThat(problems("LatticeService", wrongType)).singleElement().asString()
        .contains("$.spec.replicas", "integer");

    JsonNode intOrString = yaml(Specs.minimalWith(
        "{spec: {workload: {containers: {main: {readinessProbe: {httpGet: {path: /, port: http}},"
            + " livenessProbe: {httpGet: {path: /, port: 8080}}}}}}}"));
    assertThat(problems("LatticeService", intOrString)).isEmpty();

    JsonNode freeForm = yaml(Specs.minimalWith("{spec: {backup: {schedule: '0 2 * * *', hooks: [{name: a}]}}}"));
    assertThat(problems("LatticeService", freeForm)).isEmpty();

    JsonNode version = yaml(Specs.minimalWith("{apiVersion: lattice.dev/v1beta9, extra: 1}"));
    // An unserved version is checked against the storage version, v1, which has no spec.workload either.
    assertThat(problems("LatticeService", version)).hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("$.apiVersion"))
        .anySatisfy(p -> assertThat(p).contains("'workload'"))
        .anySatisfy(p -> assertThat(p).contains("extra"));
  }

  @Test
  @DisplayName("lattice schema names the nearest kind or the served versions when asked for one that does not exist")
  void unknownKindOrVersion() {
    CliRun kind = CliRun.of("schema", "LaticeService");
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.out()).isEmpty();
    assertThat(kind.err()).isEqualTo("lattice schema: 'LaticeService' is not a kind Lattice serves; did you mean"
        + " 'LatticeService'? Kinds: LatticeService, CedarPolicy, SecretProvider, ImageProvider,"
        + " LatticePackage, LatticeMeshMember, LatticeQuota.\n");

    CliRun version = CliRun.of("schema", "cpol", "--api-version", "v2");
    assertThat(version.exitCode()).isEqualTo(2);
    assertThat(version.err()).isEqualTo("lattice schema: CedarPolicy has no served version 'v2'; served: v1alpha1.\n");
  }

  @Test
  @DisplayName("--help prints the usage with examples; --api-version selects the schema's version")
  void help() {
    CliRun run = CliRun.of("schema", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: lattice schema [-hV] [--api-version=VERSION] KIND\n")
        .contains("  lattice schema LatticeService > latticeservice.json");
  }

  @Test
  @DisplayName("the schema fixes apiVersion and kind and closes objects whose fields the API server would prune")
  void shape() throws IOException {
    JsonNode schema = JSON.readTree(CliRun.of("schema", "ls", "--api-version", "v1alpha1").out());
    assertThat(JSON.readTree(CliRun.of("schema", "ls").out()).at("/properties/apiVersion/const").asText())
        .as("the default is the storage version").isEqualTo("lattice.dev/v1");
    assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schema.at("/properties/apiVersion/const").asText()).isEqualTo("lattice.dev/v1alpha1");
    assertThat(schema.at("/properties/kind/const").asText()).isEqualTo("LatticeService");
    JsonNode container = schema.at("/properties/spec/properties/workload/properties/containers/additionalProperties");
    assertThat(container.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.at("/properties/spec/properties/backup").has("additionalProperties")).isFalse();
    assertThat(container.at("/properties/livenessProbe/properties/httpGet/properties/port/anyOf"))
        .hasSize(2);
    assertThat(schema.toString()).doesNotContain("x-kubernetes");
  }

  private static JsonNode yaml(String text) throws IOException {
    return new YAMLMapper().readTree(text);
  }

  private static List<String> problems(String kind, JsonNode document) throws IOException {
    Crds.Crd crd = Crds.find(kind).orElseThrow();
    // The schema of the version the document is written in (the storage version for an unserved one).
    String written = document.path("apiVersion").asText();
    Crds.Version version = crd.version(written.substring(written.indexOf('/') + 1)).orElse(crd.preferred());
    JsonNode schemaNode = JSON.readTree(Files.readString(SCHEMAS.resolve(JsonSchemas.fileName(crd, version))));
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
    return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
