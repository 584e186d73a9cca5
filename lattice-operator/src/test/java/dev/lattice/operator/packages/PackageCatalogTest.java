package dev.lattice.operator.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every package reason code, with its message word for word (ValidationCatalogTest leaves these to this class). */
class PackageCatalogTest {
  private static List<String> messages(String yaml) {
    Derivation d = PackageFixtures.deriver(PackageFixtures.DB_PERMIT).derive(PackageFixtures.intent(yaml));
    assertThat(d).isInstanceOf(Derivation.Rejected.class);
    return d.diagnostics().stream().map(Diagnostic::message).toList();
  }

  private static List<Reason> reasons(String yaml) {
    return PackageFixtures.deriver(PackageFixtures.DB_PERMIT).derive(PackageFixtures.intent(yaml)).diagnostics()
        .stream().map(Diagnostic::reason).toList();
  }

  private static String pkg(String chart, String values) {
    return """
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: hello, namespace: shop}
        spec:
          chart: %s
          values: %s
          secrets:
            db: {id: shop/hello-db, provider: vault, keys: [password]}
          owner: team-shop
          reason: JIRA-1234
          expires: "2027-03-01"
          mesh: {serviceAccount: default}
        """.formatted(chart, values);
  }

  @Test
  void invalidChartSource() {
    String yaml = pkg("{version: 1.0.0}", "{}");
    assertThat(reasons(yaml)).containsExactly(Reason.InvalidChartSource, Reason.InvalidChartSource);
    assertThat(messages(yaml)).containsExactly(
        "spec.chart.repository: package 'hello' names no chart repository, so Lattice does not know where to get "
            + "chart '<chart>'. Fix: set repository to a chart repository URL (https://charts.example.com), an OCI "
            + "reference (oci://registry.example.com/charts) or a local folder holding <chart>-<version>/.",
        "spec.chart.name: package 'hello' names no chart. Fix: set name to the chart's name as its repository "
            + "lists it, e.g. name: hello.");
    assertThat(messages(pkg("{repository: 'ftp://charts', name: app, version: 1.0.0}", "{}"))).containsExactly(
        "spec.chart.repository: repository 'ftp://charts' is neither an https:// chart repository, an oci:// "
            + "reference nor a local folder. Fix: write https://<host>/<path>, oci://<registry>/<path> or a folder "
            + "path such as charts/.");
  }

  @Test
  void chartVersionNotExact() {
    assertThat(messages(pkg("{repository: charts, name: app}", "{}"))).containsExactly(
        "spec.chart.version: package 'hello' pins no chart version, so each render could install whatever version "
            + "is newest. Fix: set version to an exact version of chart 'app', e.g. version: 1.2.3.");
    for (String floating : List.of("latest", "1.x", "~1.2.0", ">=1.0.0", "1.2")) {
      assertThat(reasons(pkg("{repository: charts, name: app, version: '" + floating + "'}", "{}")))
          .as(floating).containsExactly(Reason.ChartVersionNotExact);
    }
    assertThat(messages(pkg("{repository: charts, name: app, version: latest}", "{}"))).containsExactly(
        "spec.chart.version: chart version 'latest' is not an exact version (it is a range, a wildcard or a name), "
            + "so a re-render could install a different chart than the one reviewed. Fix: pin one exact version, "
            + "e.g. version: 1.2.3.");
  }

  @Test
  void secretReferences() {
    String chart = "{repository: " + PackageFixtures.CHARTS + ", name: lattice-test-app, version: 0.1.0}";
    assertThat(messages(pkg(chart, "{url: 'postgres://app:${secret.db.password}@db/app'}"))).containsExactly(
        "spec.values.url: the value mixes text and a ${secret...} reference; only a whole value can become a "
            + "reference to a Secret key, and Lattice never puts a secret value into a chart's values. Fix: make "
            + "the value exactly ${secret.<secret>.<key>} and let the chart read that Secret key (most charts take "
            + "an existing Secret), or assemble the text in the chart.");
    assertThat(messages(pkg(chart, "{databasePassword: '${secret.dbb.password}'}"))).containsExactly(
        "spec.values.databasePassword: the value refers to secret 'dbb', which spec.secrets does not declare. did "
            + "you mean 'db'? Fix: declare it under spec.secrets.dbb (id, provider, keys), or correct the name.");
    assertThat(messages(pkg(chart, "{databasePassword: '${secret.db.pasword}'}"))).containsExactly(
        "spec.values.databasePassword: the value refers to key 'pasword' of secret 'db', which lists only "
            + "'password'. did you mean 'password'? Fix: add 'pasword' to spec.secrets.db.keys, or use one of the "
            + "keys listed.");
  }

  @Test
  void chartRenderFailedForAMissingVersion() {
    String chart = "{repository: " + PackageFixtures.CHARTS + ", name: lattice-test-app, version: 9.9.9}";
    assertThat(reasons(pkg(chart, "{}"))).containsExactly(Reason.ChartRenderFailed);
    assertThat(messages(pkg(chart, "{}"))).containsExactly("spec.chart: helm could not render chart "
        + "'lattice-test-app' 9.9.9 from " + PackageFixtures.CHARTS + ": chart lattice-test-app 9.9.9 not found: "
        + "neither lattice-test-app-9.9.9/Chart.yaml nor lattice-test-app-9.9.9.tgz is in " + PackageFixtures.CHARTS
        + ". Fix: correct the chart or spec.values (helm template with the same values shows the same error); the "
        + "objects of the version rendered last keep running, and nothing is pruned until the chart renders.");
  }

  @Test
  void packageObjectRejected(@TempDir Path dir) throws IOException {
    Path chart = dir.resolve("rogue-1.0.0");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: rogue\nversion: 1.0.0\n");
    Files.writeString(chart.resolve("templates/objects.yaml"), """
        apiVersion: v1
        kind: Secret
        metadata: {name: admin}
        stringData: {password: hunter2}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: rogue}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: elsewhere, namespace: kube-system}
        """);
    List<String> messages = messages(pkg("{repository: " + dir + ", name: rogue, version: 1.0.0}", "{}"));
    assertThat(messages).containsExactlyInAnyOrder(
        "spec.chart: chart 'rogue' 1.0.0 renders Secret 'admin'; Lattice never applies a Secret from a package, "
            + "since its value would sit in the rendered manifest. Fix: give the chart an existing Secret instead "
            + "(most charts take one) and fill it through spec.secrets and a ${secret.<secret>.<key>} value.",
        "spec.chart: chart 'rogue' 1.0.0 renders rbac.authorization.k8s.io/v1 ClusterRole 'rogue', a kind Lattice "
            + "does not manage. Fix: turn that part of the chart off through its values, or ask the platform team "
            + "to let Lattice manage ClusterRole.",
        "spec.chart: chart 'rogue' 1.0.0 renders ConfigMap 'elsewhere' into namespace 'kube-system', but a package "
            + "creates objects only in its own namespace 'shop'. Fix: remove the namespace from the chart's "
            + "templates or values; to install into 'kube-system', create the LatticePackage there.");
    assertThat(String.join("\n", messages)).doesNotContain("hunter2");
  }

  /** Governance is the escape hatch's (HatchGovernance), judged on {@link PackageFixtures#TODAY}, 2027-01-15. */
  @Test
  void governanceOnThePinnedDate() {
    String chart = "{repository: " + PackageFixtures.CHARTS + ", name: lattice-test-app, version: 0.1.0}";
    String current = pkg(chart, "{}");
    Derivation expiring = PackageFixtures.deriver(PackageFixtures.DB_PERMIT).derive(PackageFixtures.intent(
        current.replace("expires: \"2027-03-01\"", "expires: \"2027-02-01\"")));
    assertThat(expiring).isInstanceOf(Derivation.Derived.class);
    assertThat(expiring.diagnostics()).extracting(Diagnostic::message).containsExactly("spec.expires: "
        + "LatticePackage shop/hello (owner team-shop) expires on 2027-02-01, in 17 days. Fix: replace the chart "
        + "with LatticeServices (one per workload it runs, then delete this LatticePackage), or set a later "
        + "spec.expires.");

    List<String> expired = messages(current.replace("expires: \"2027-03-01\"", "expires: \"2026-12-01\""));
    assertThat(expired).containsExactly("spec.expires: LatticePackage shop/hello (owner team-shop) expired on "
        + "2026-12-01 and the platform's grace period of 14 days ended on 2026-12-15, so nothing is derived for it "
        + "any more; what already runs keeps running and nothing is deleted. Fix: team-shop: replace the chart with "
        + "LatticeServices (one per workload it runs, then delete this LatticePackage), or set a later spec.expires "
        + "(more than 90 days ahead needs a Cedar ExtendEscapeHatch permit).");

    List<String> unowned = messages(current.replace("  owner: team-shop\n", ""));
    assertThat(unowned).containsExactly("spec.owner: LatticePackage shop/hello has no owner; an escape hatch must "
        + "name the team that answers for it. Fix: add spec.owner with your team's name, e.g. owner: team-billing.");
  }
}
