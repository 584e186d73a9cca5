package dev.lattice.operator.packages;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.v1.LatticePackage;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.policy.CedarAuthorizer;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Packages of the checkout's test chart ({@code charts/lattice-test-app-*}) and engines under given permits. */
public final class PackageFixtures {
  /** The checkout's charts folder (Maven runs a module's tests in the module). */
  public static final Path CHARTS = Path.of("..", "charts").toAbsolutePath().normalize();
  /** Cedar permit for the test package's database secret. */
  public static final String DB_PERMIT = "permit(principal == Lattice::Package::\"shop/hello\", action == "
      + "Lattice::Action::\"AccessSecret\", resource == Lattice::SecretPath::\"vault:shop/hello-db\");";

  private PackageFixtures() {}

  /** A package of lattice-test-app at {@code version} reading a database password from vault. */
  public static String yaml(String version) {
    return """
        apiVersion: lattice.dev/v1
        kind: LatticePackage
        metadata: {name: hello, namespace: shop}
        spec:
          chart: {repository: %s, name: lattice-test-app, version: "%s"}
          values:
            greeting: hi
            databasePassword: "${secret.db.password}"
          secrets:
            db: {id: shop/hello-db, provider: vault, keys: [password]}
          owner: team-shop
          reason: JIRA-1234 vendor app until the rewrite
          expires: "2027-03-01"
          mesh: {serviceAccount: default}
        """.formatted(CHARTS, version);
  }

  public static PackageIntent intent(String yaml) {
    try {
      return PackageIntent.of(new YAMLMapper().readValue(yaml, LatticePackage.class), "default");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each argument is the text of one CedarPolicy in lattice-system. */
  public static PackageEngine engine(String... policies) {
    return new PackageEngine(PlatformSettings.defaults(), new CedarAuthorizer(PolicyLibrary.load(documents(
        policies))), PackageDeriver.KINDS);
  }

  private static List<PolicyDocument> documents(String... policies) {
    List<PolicyDocument> documents = new ArrayList<>();
    for (int i = 0; i < policies.length; i++) {
      documents.add(new PolicyDocument("p" + (i + 1), "lattice-system", policies[i], true, 0, "", ""));
    }
    return documents;
  }

  /** The date the tests judge expiry on. */
  public static final java.time.LocalDate TODAY = java.time.LocalDate.of(2027, 1, 15);

  public static PackageDeriver deriver(String... policies) {
    PackageEngine engine = engine(policies);
    return new PackageDeriver(new dev.lattice.engine.Engine(PlatformSettings.defaults(),
        new CedarAuthorizer(PolicyLibrary.load(documents(policies)))).on(TODAY), engine, new ChartRenderer(CHARTS));
  }
}
