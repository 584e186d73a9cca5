package dev.lattice.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.cli.LatticeCli;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release gate on Lattice itself: the examples and a seeded generated fleet, derived with the current code,
 * against the snapshots in release/baseline. A change of derived output fails here until release/expected-changes.yaml
 * declares it with its CHANGELOG.md line. After a release (or a reviewed merge that changes output on purpose),
 * make the new baseline with
 * {@code mvn -B -o -pl lattice-cli -am test -Dtest=ReleaseGateTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlattice.baseline.update=true}, which also empties the declarations (docs/releasing.md).
 */
class ReleaseGateTest {
  static final String UPDATE = "lattice.baseline.update";
  static final int FLEET_SERVICES = 300;
  static final long FLEET_SEED = 42;
  private static final String REGENERATE = "mvn -B -o -pl lattice-cli -am test -Dtest=ReleaseGateTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dlattice.baseline.update=true";

  @TempDir Path temp;

  @Test
  @DisplayName("the examples and a generated fleet derive as the baseline says, up to the declared changes")
  void derivedOutputMatchesTheBaselineUpToDeclaredChanges() throws IOException {
    Path root = Specs.repoRoot();
    Path fleet = temp.resolve("fleet");
    assertThat(LatticeCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "generate-fleet", "--services", String.valueOf(FLEET_SERVICES), "--seed", String.valueOf(FLEET_SEED),
        "--out", fleet.toString())).isZero();
    List<Side> sides = List.of(new Side("examples", root.resolve("examples")), new Side("fleet", fleet));
    Path expected = root.resolve("release/expected-changes.yaml");

    if (Boolean.getBoolean(UPDATE)) {
      for (Side side : sides) {
        try (DerivedFleet derived = Inputs.read(List.of(side.specs())).derived()) {
          Snapshots.write(derived, baseline(root, side));
        }
      }
      String header = Files.readString(expected);
      Files.writeString(expected, header.substring(0, header.indexOf("\nchanges:") + 1) + "changes: []\n");
      return;
    }

    Expectations declared = Expectations.read(expected, root.resolve("CHANGELOG.md"));
    StringBuilder report = new StringBuilder();
    java.util.Set<Expectation> used = new java.util.HashSet<>();
    boolean explained = true;
    for (Side side : sides) {
      try (ServiceStream before = Snapshots.read(baseline(root, side));
          DerivedFleet after = Inputs.read(List.of(side.specs())).derived();
          DiffResult result = FleetDiff.run(before, after, declared, true)) {
        StringWriter text = new StringWriter();
        DiffReports.text(result, "release/expected-changes.yaml", true, new PrintWriter(text));
        report.append("== ").append(side.name()).append('\n').append(text);
        explained &= result.groups().stream().allMatch(g -> g.uncovered() == 0);
        declared.changes().stream().filter(e -> !result.unmatched().contains(e)).forEach(used::add);
      }
    }
    // A declaration has to match in the examples or the fleet, not in both.
    List<Expectation> unused = declared.changes().stream().filter(e -> !used.contains(e)).toList();

    assertThat(explained && unused.isEmpty())
        .as("derived output changed without a declaration (or a declaration matched nothing: %s).%n%s%n"
            + "Declare intended changes in release/expected-changes.yaml with a CHANGELOG.md line; after a release, "
            + "make the new baseline with:%n  %s", unused, report, REGENERATE)
        .isTrue();
  }

  private record Side(String name, Path specs) {}

  private static Path baseline(Path root, Side side) {
    return root.resolve("release/baseline/" + side.name() + ".snapshot");
  }
}
