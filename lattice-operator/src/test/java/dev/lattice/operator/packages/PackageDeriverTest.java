package dev.lattice.operator.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import dev.lattice.testkit.SchemaValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageDeriverTest {
  @Test
  void rendersTheTestChartIntoValidGovernedObjects() {
    Derivation d = PackageFixtures.deriver(PackageFixtures.DB_PERMIT).derive(
        PackageFixtures.intent(PackageFixtures.yaml("0.1.0")));

    assertThat(d).as("%s", d.diagnostics()).isInstanceOf(Derivation.Derived.class);
    List<HasMetadata> objects = ((Derivation.Derived) d).resources();
    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
        "ExternalSecret/hello-db", "ConfigMap/hello-config", "Service/hello", "Deployment/hello",
        "CiliumNetworkPolicy/hello-mesh", "AuthorizationPolicy/hello-mesh", "PeerAuthentication/hello-mesh");
    for (HasMetadata o : objects) {
      SchemaValidator.assertValid(Manifests.tree(o));
      assertThat(o.getMetadata().getNamespace()).isEqualTo("shop");
      assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "lattice")
          .containsEntry("lattice.dev/package", "hello");
    }
    // The value reached the pods as a reference to the Secret the ExternalSecret fills, never as a value.
    var env = Manifests.tree(objects.get(3)).at("/spec/template/spec/containers/0/env");
    assertThat(env.toString()).isEqualTo("[{\"name\":\"GREETING\",\"valueFrom\":{\"configMapKeyRef\":{\"key\":"
        + "\"greeting\",\"name\":\"hello-config\"}}},{\"name\":\"DATABASE_PASSWORD\",\"valueFrom\":"
        + "{\"secretKeyRef\":{\"key\":\"password\",\"name\":\"hello-db\"}}}]");
    assertThat(Manifests.tree(objects.get(3)).at("/spec/template/metadata/labels").get("lattice.dev/package")
        .asText()).isEqualTo("hello");
    assertThat(objects.toString()).doesNotContain("${secret");
    assertThat(d.status().condition(dev.lattice.api.status.ConditionType.Ready).orElseThrow().message())
        .isEqualTo("7 resources: 4 rendered from the chart, 3 mesh policies.");
    assertThat(d.status().condition(dev.lattice.api.status.ConditionType.Expiring).orElseThrow().message())
        .isEqualTo("The escape hatch expires in 45 days.");
  }

  @Test
  void theNewVersionNoLongerRendersTheConfigMap() {
    Derivation d = PackageFixtures.deriver(PackageFixtures.DB_PERMIT).derive(
        PackageFixtures.intent(PackageFixtures.yaml("0.2.0")));
    assertThat(((Derivation.Derived) d).resources()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly("ExternalSecret/hello-db", "Service/hello", "Deployment/hello",
            "CiliumNetworkPolicy/hello-mesh", "AuthorizationPolicy/hello-mesh", "PeerAuthentication/hello-mesh");
  }

  @Test
  void aSecretWithoutAPermitIsDeniedAndNothingRendered() {
    Derivation d = PackageFixtures.deriver().derive(PackageFixtures.intent(PackageFixtures.yaml("0.1.0")));

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.diagnostics()).extracting(Diagnostic::reason).containsExactly(Reason.AccessSecretDenied);
    assertThat(d.diagnostics().get(0).message()).isEqualTo("spec.secrets.db: Package shop/hello is not permitted "
        + "to access secret vault:shop/hello-db (Cedar: principal Lattice::Package::\"shop/hello\", action "
        + "Lattice::Action::\"AccessSecret\", resource Lattice::SecretPath::\"vault:shop/hello-db\"): no permit "
        + "policy matched (Cedar denies by default). Fix: contact the platform team to request a CedarPolicy in "
        + "namespace lattice-system with: " + PackageFixtures.DB_PERMIT);
  }

  @Test
  void aFloatingVersionIsRejectedNamingTheField() {
    Derivation d = PackageFixtures.deriver(PackageFixtures.DB_PERMIT).derive(
        PackageFixtures.intent(PackageFixtures.yaml("^0.1")));

    assertThat(d.diagnostics()).extracting(Diagnostic::message).containsExactly("spec.chart.version: chart version "
        + "'^0.1' is not an exact version (it is a range, a wildcard or a name), so a re-render could install a "
        + "different chart than the one reviewed. Fix: pin one exact version, e.g. version: 0.1.0.");
    assertThat(d.diagnostics().get(0).reason()).isEqualTo(Reason.ChartVersionNotExact);
  }

  @Test
  void aBrokenChartIsChartRenderFailedWithHelmsMessage(@TempDir Path dir) throws IOException {
    Path chart = dir.resolve("broken-1.0.0");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
    Files.writeString(chart.resolve("templates/cm.yaml"), "kind: ConfigMap\nname: {{ .Values.x | nosuchfunc }}\n");
    String yaml = """
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: broken, namespace: shop}
        spec:
          chart: {repository: %s, name: broken, version: 1.0.0}
          owner: team-shop
          reason: JIRA-1234
          expires: "2027-03-01"
          mesh: {serviceAccount: default}
        """.formatted(dir);

    Derivation d = PackageFixtures.deriver().derive(PackageFixtures.intent(yaml));

    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    assertThat(d.diagnostics()).extracting(Diagnostic::message).containsExactly("spec.chart: helm could not "
        + "render chart 'broken' 1.0.0 from " + dir + ": parse error at (broken/templates/cm.yaml:2): function "
        + "\"nosuchfunc\" not defined. Fix: correct the chart or spec.values (helm template with the same values "
        + "shows the same error); the objects of the version rendered last keep running, and nothing is pruned "
        + "until the chart renders.");
    assertThat(d.diagnostics().get(0).reason()).isEqualTo(Reason.ChartRenderFailed);
  }
}
