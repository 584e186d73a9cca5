package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.cli.schema.Explainer;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExplainCommandTest {
  @Test
  @DisplayName("a field is explained in kubectl's layout, with its type, description, fields and what it feeds")
  void field() {
    CliRun run = CliRun.of("explain", "spec.workload.containers.resources");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("""
        GROUP:      lattice.dev
        KIND:       LatticeService
        VERSION:    v1alpha1

        FIELD: resources <Object>

        DESCRIPTION:
            Requests and limits (limits are required).

        FEEDS:
            Deployment spec.template.spec.containers[].resources

        FIELDS:
          limits\t<Object>
            The most the container may use (required).

          requests\t<Object>
            What the scheduler reserves for the container.
        """);
  }

  @Test
  @DisplayName("both escape hatches are explained by kind or short name, with their descriptions and fields")
  void hatches() {
    CliRun member = CliRun.of("explain", "lmm");
    assertThat(member.exitCode()).as(member.err()).isZero();
    assertThat(member.out()).startsWith("""
        GROUP:      lattice.dev
        KIND:       LatticeMeshMember
        VERSION:    v1

        DESCRIPTION:
            A governed escape hatch: pods Lattice did not create join the mesh
            (default-deny policies, bilateral consent) without a LatticeService; owned,
            justified and temporary.
        """).contains("""
          spec\t<Object>
            The pods (selector), their mesh section, and who owns the member, why and
            until when.
        """);

    CliRun mesh = CliRun.of("explain", "latticemeshmember.spec.mesh");
    assertThat(mesh.exitCode()).as(mesh.err()).isZero();
    assertThat(mesh.out()).contains("FIELD: mesh <Object>", "allowedCallers\t<map[string]Object>",
        "serviceAccount\t<string>").doesNotContain("FEEDS:");

    CliRun chart = CliRun.of("explain", "lpkg.spec.chart.version");
    assertThat(chart.exitCode()).as(chart.err()).isZero();
    assertThat(chart.out()).contains("KIND:       LatticePackage", "FIELD: version <string>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ls.spec.workload.containers.main.resources.limits.cpu",
      "latticeservice.spec.workload.containers.resources.limits.cpu",
      "LatticeServices.lattice.dev.spec.workload.containers.resources.limits.cpu"})
  @DisplayName("a kind prefix and map keys are accepted; a field below a subtree entry says whose feeds it shares")
  void prefixesAndKeys(String field) {
    CliRun run = CliRun.of("explain", field);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("""
        FIELD: cpu <string>

        DESCRIPTION:
            CPU, e.g. 100m, 0.5 or 1.

        FEEDS:
            Deployment spec.template.spec.containers[].resources.limits
            (as part of spec.workload.containers.resources.limits)
        """);
  }

  @Test
  @DisplayName("--recursive lists every field below, by type, indented like kubectl")
  void recursive() {
    CliRun run = CliRun.of("explain", "--recursive", "spec.ingress.routes.tls");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).endsWith("""
        FIELDS:
          issuerRef\t<Object>
            kind\t<string>
            name\t<string>
          secretName\t<string>
        """);
  }

  @Test
  @DisplayName("a field that feeds nothing says so and why; types of maps, lists and int-or-string read like kubectl")
  void nothingDerivedAndTypes() {
    assertThat(CliRun.of("explain", "spec.imagePullSecrets").out()).contains("""
        FIELD: imagePullSecrets <[]string>
        """).contains("ExternalSecret spec").contains("Deployment spec.template.spec.imagePullSecrets");
    assertThat(CliRun.of("explain", "spec.topology").out()).contains("""
        FEEDS:
            nothing derived: accepted; derived by a later release (NotYetDerived)
        """);
    assertThat(CliRun.of("explain", "spec.sysctls").out()).contains("FIELD: sysctls <map[string]string>");
    assertThat(CliRun.of("explain", "spec.sidecars").out()).contains("FIELD: sidecars <map[string]Object>");
    assertThat(CliRun.of("explain", "spec.workload.containers.livenessProbe.httpGet.port").out())
        .contains("FIELD: port <IntOrString>");
  }

  @Test
  @DisplayName("CedarPolicy fields and the kind itself are explained too")
  void cedarPolicyAndRoot() {
    CliRun run = CliRun.of("explain", "cpol.spec.policies");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("""
        GROUP:      lattice.dev
        KIND:       CedarPolicy
        VERSION:    v1alpha1

        FIELD: policies <string>

        DESCRIPTION:
            Cedar statements (permit and forbid), separated by semicolons.
        """);

    CliRun root = CliRun.of("explain", "latticeservice");
    assertThat(root.out()).contains("""
        DESCRIPTION:
            The intent of one service: what it runs and what it uses. Lattice derives
            every Kubernetes object the service needs from it.
        """).contains("  apiVersion\t<string>", "  metadata\t<Object>", "  spec\t<Object>");
  }

  @Test
  @DisplayName("an unknown field names what was written and the nearest field, and exits 2")
  void unknownField() {
    CliRun run = CliRun.of("explain", "spec.workload.containers.main.resorces.limits");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("lattice explain: field 'spec.workload.containers.main.resorces.limits' does"
        + " not exist in LatticeService (lattice.dev/v1alpha1): spec.workload.containers has no field 'resorces';"
        + " did you mean 'spec.workload.containers.resources.limits'? 'lattice explain"
        + " latticeservice.spec.workload.containers' lists the fields there.\n");

    CliRun top = CliRun.of("explain", "spek.replicas");
    assertThat(top.exitCode()).isEqualTo(2);
    assertThat(top.err()).isEqualTo("lattice explain: 'spek' is neither a kind Lattice serves nor a field of"
        + " LatticeService; did you mean 'spec'? Kinds: LatticeService, CedarPolicy, SecretProvider, ImageProvider,"
        + " LatticePackage, LatticeMeshMember, LatticeQuota.\n");

    CliRun version = CliRun.of("explain", "--api-version", "lattice.dev/v2", "spec");
    assertThat(version.exitCode()).isEqualTo(2);
    assertThat(version.err())
        .isEqualTo("lattice explain: LatticeService has no served version 'lattice.dev/v2'; served: v1, v1beta1, v1alpha1.\n");
  }

  @Test
  @DisplayName("every field of the LatticeService CRD explains, and every spec field shows what it feeds")
  void everyField() throws IOException {
    JsonNode crd = new YAMLMapper().readTree(Specs.repoRoot().resolve("deploy/crds/latticeservices.lattice.dev.yaml")
        .toFile());
    List<String> fields = new ArrayList<>();
    walk(crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec"), "spec", fields);
    assertThat(fields).hasSizeGreaterThan(200);
    // The explainer itself, not the whole CLI: 240 picocli set-ups would make this the slowest test here.
    for (String field : fields) {
      Explainer.Result result = Explainer.explain(field, null, false);
      assertThat(result).as(field + ": " + result).isInstanceOf(Explainer.Result.Found.class);
      assertThat(((Explainer.Result.Found) result).text()).as(field).contains("\nFEEDS:\n");
    }
  }

  private static void walk(JsonNode node, String path, List<String> out) {
    for (Map.Entry<String, JsonNode> field : node.path("properties").properties()) {
      String child = path + "." + field.getKey();
      out.add(child);
      walk(field.getValue(), child, out);
      walk(field.getValue().path("items"), child, out);
      walk(field.getValue().path("additionalProperties"), child, out);
    }
  }
}
