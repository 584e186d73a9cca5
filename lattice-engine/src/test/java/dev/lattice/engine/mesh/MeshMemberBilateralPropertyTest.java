package dev.lattice.engine.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.testkit.MeshMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The security promise with legacy workloads in the fleet: a LatticeMeshMember and a LatticeService (or two members)
 * talk only when both sides declared it, and a one-sided declaration is reported on both sides.
 */
class MeshMemberBilateralPropertyTest {
  /** a and b are LatticeServices; m and n mesh members whose pods carry app: pod-m and run as sa-m. */
  private static final List<String> NAMES = List.of("a", "b", "m", "n");

  private static boolean member(int i) {
    return NAMES.get(i).equals("m") || NAMES.get(i).equals("n");
  }

  @Test
  @DisplayName("property: the callee's AuthorizationPolicy admits the caller's identity, and the caller's "
      + "CiliumNetworkPolicy reaches the callee's pods, iff the caller declares the callee and the callee accepts it")
  void allowIffBothDeclare() {
    qt().withExamples(40).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
      Random random = new Random(seed);
      boolean[][] out = new boolean[4][4];
      boolean[][] in = new boolean[4][4];
      List<ServiceInput> inputs = new ArrayList<>();
      for (int i = 0; i < NAMES.size(); i++) {
        for (int j = 0; j < NAMES.size(); j++) {
          out[i][j] = i != j && random.nextBoolean();
          in[i][j] = i != j && random.nextBoolean();
        }
        inputs.add(member(i) ? member(i, out[i], in[i]) : service(i, out[i], in[i]));
      }
      Fleet fleet = Fleet.of(inputs);
      for (int a = 0; a < NAMES.size(); a++) {
        for (int b = 0; b < NAMES.size(); b++) {
          if (a == b) {
            continue;
          }
          boolean expected = out[a][b] && in[b][a];
          Derivation.Derived callee = MeshFixtures.derive(fleet, NAMES.get(b));
          Derivation.Derived caller = MeshFixtures.derive(fleet, NAMES.get(a));
          String ap = MeshFixtures.yaml(MeshFixtures.object(callee, "AuthorizationPolicy"));
          String cnp = MeshFixtures.yaml(MeshFixtures.object(caller, "CiliumNetworkPolicy"));
          String egress = cnp.substring(cnp.indexOf("  egress:"), cnp.indexOf("  endpointSelector:"));
          assertThat(ap.contains("/sa/" + account(a) + "\n")).as("%s admits %s", NAMES.get(b), NAMES.get(a))
              .isEqualTo(expected);
          assertThat(egress.contains(podLabel(b) + "\n")).as("%s may reach %s", NAMES.get(a), NAMES.get(b))
              .isEqualTo(expected);
        }
      }
      // Every one-sided edge is reported on both of its sides, whichever kind each side is.
      for (int x = 0; x < NAMES.size(); x++) {
        int oneSided = 0;
        for (int y = 0; y < NAMES.size(); y++) {
          if (x != y) {
            oneSided += (out[x][y] != in[y][x] ? 1 : 0) + (out[y][x] != in[x][y] ? 1 : 0);
          }
        }
        assertThat(MeshFixtures.derive(fleet, NAMES.get(x)).diagnostics())
            .filteredOn(d -> d.reason() == Reason.ConsentPending)
            .as("one-sided declarations reported to %s", NAMES.get(x)).hasSize(oneSided);
      }
    });
  }

  private static String account(int i) {
    return member(i) ? "sa-" + NAMES.get(i) : NAMES.get(i);
  }

  private static String podLabel(int i) {
    return member(i) ? "app: pod-" + NAMES.get(i) : "lattice.dev/service: " + NAMES.get(i);
  }

  private static ServiceInput service(int i, boolean[] out, boolean[] in) {
    List<String> resources = new ArrayList<>();
    for (int j = 0; j < NAMES.size(); j++) {
      String direction = out[j] && in[j] ? "both" : out[j] ? "outbound" : in[j] ? "inbound" : null;
      if (direction != null) {
        resources.add(NAMES.get(j) + ": {type: service, direction: " + direction + "}");
      }
    }
    return MeshFixtures.service(NAMES.get(i), resources.toArray(String[]::new));
  }

  private static ServiceInput member(int i, boolean[] out, boolean[] in) {
    String name = NAMES.get(i);
    StringBuilder callers = new StringBuilder();
    StringBuilder dependencies = new StringBuilder();
    for (int j = 0; j < NAMES.size(); j++) {
      if (in[j]) {
        callers.append(callers.isEmpty() ? "" : ", ").append(NAMES.get(j)).append(": {}");
      }
      if (out[j]) {
        dependencies.append(dependencies.isEmpty() ? "" : ", ").append(NAMES.get(j)).append(": {}");
      }
    }
    return ServiceInput.of(MeshMembers.minimalWith("metadata: {name: " + name + "}\n"
        + "spec: {selector: {app: pod-" + name + "}, mesh: {serviceAccount: sa-" + name + ", allowedCallers: {"
        + callers + "}, dependencies: {" + dependencies + "}}}"));
  }
}
