package dev.lattice.engine.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/** The security promise, checked on derived policies for random fleets: allowed iff both sides declared it. */
class BilateralPropertyTest {
  @Test
  @DisplayName("property: B's AuthorizationPolicy admits A, and A's CiliumNetworkPolicy lets A reach B, if and only "
      + "if A declares B outbound and B declares A inbound")
  void allowIffBothDeclare() {
    qt().withExamples(40).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      List<String> names = List.of("a", "b", "c", "d");
      boolean[][] out = new boolean[4][4];
      boolean[][] in = new boolean[4][4];
      List<ServiceInput> inputs = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        List<String> resources = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
          if (i == j) {
            continue;
          }
          out[i][j] = random.nextBoolean();
          in[i][j] = random.nextBoolean();
          String direction = out[i][j] && in[i][j] ? "both" : out[i][j] ? "outbound" : in[i][j] ? "inbound" : null;
          if (direction != null) {
            resources.add(names.get(j) + ": {type: service, direction: " + direction + "}");
          }
        }
        inputs.add(MeshFixtures.service(names.get(i), resources.toArray(String[]::new)));
      }
      Fleet fleet = Fleet.of(inputs);
      for (int a = 0; a < names.size(); a++) {
        for (int b = 0; b < names.size(); b++) {
          if (a == b) {
            continue;
          }
          boolean expected = out[a][b] && in[b][a];
          Derivation.Derived callee = MeshFixtures.derive(fleet, names.get(b));
          Derivation.Derived caller = MeshFixtures.derive(fleet, names.get(a));
          String ap = MeshFixtures.yaml(MeshFixtures.object(callee, "AuthorizationPolicy"));
          String cnp = MeshFixtures.yaml(MeshFixtures.object(caller, "CiliumNetworkPolicy"));
          String egress = cnp.substring(cnp.indexOf("  egress:"), cnp.indexOf("  endpointSelector:"));
          assertThat(ap.contains("/sa/" + names.get(a) + "\n")).as("%s admits %s", names.get(b), names.get(a))
              .isEqualTo(expected);
          assertThat(egress.contains("lattice.dev/service: " + names.get(b) + "\n"))
              .as("%s may reach %s", names.get(a), names.get(b)).isEqualTo(expected);
        }
      }
    });
  }
}
