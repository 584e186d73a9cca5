package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code lattice derive} writes the namespace's ambient waypoint: once, whole, to
 * {@code <ns>/waypoint.gateway.yaml} and once in {@code -o yaml}, never in a service's file; gone when no service of
 * the namespace has a ServiceEntry any more.
 */
class WaypointOutputTest {
  private static final String POLICY = """
      apiVersion: lattice.dev/v1alpha1
      kind: CedarPolicy
      metadata: {name: egress, namespace: lattice-system}
      spec:
        policies: |
          permit(principal, action == Lattice::Action::"AccessExternalEndpoint", resource);
      """;
  private static final String WAYPOINT = """
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        labels:
          app.kubernetes.io/managed-by: lattice
          istio.io/waypoint-for: service
        name: waypoint
        namespace: shop
      spec:
        gatewayClassName: istio-waypoint
        listeners:
          - allowedRoutes:
              namespaces:
                from: Same
            name: mesh
            port: 15008
            protocol: HBONE
      """;

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private Path service(String name, boolean egress) throws IOException {
    return write(name + ".yaml", Specs.minimalWith("metadata: {name: " + name + "}\n" + (egress
        ? "spec: {workload: {resources: {stripe: {type: external-service, params: {endpoints: "
            + "{api: \"https://api.stripe.com\"}}}}}}" : "spec: {}")));
  }

  @Test
  @DisplayName("two services with ServiceEntries: one waypoint file, none in the services' files, once in -o yaml;"
      + " removed when no service needs it")
  void waypointWrittenOnce() throws IOException {
    write("policy.yaml", POLICY);
    service("api", true);
    service("web", true);
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("derive", "--output-dir", out.toString(), dir.resolve("in").toString());

    assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out.resolve("shop/waypoint.gateway.yaml"))).isEqualTo(WAYPOINT);
    for (String name : new String[] {"api", "web"}) {
      assertThat(Files.readString(out.resolve("shop/" + name + ".yaml"))).contains("kind: ServiceEntry")
          .contains("istio.io/use-waypoint: waypoint").doesNotContain("kind: Gateway");
    }
    CliRun yaml = CliRun.of("derive", "-o", "yaml", dir.resolve("in").toString());
    assertThat(yaml.out().split("name: waypoint\n", -1)).as("one waypoint in the stream").hasSize(2);

    service("api", false);
    service("web", false);
    CliRun after = CliRun.of("derive", "--output-dir", out.toString(), dir.resolve("in").toString());

    assertThat(after.exitCode()).as(after.out()).isEqualTo(ExitCodes.OK);
    assertThat(out.resolve("shop/waypoint.gateway.yaml")).doesNotExist();
  }
}
