package dev.lattice.engine.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.hatch.Governance;
import dev.lattice.api.hatch.MeshSection;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.testkit.Specs;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Packages join a fleet as escape-hatch nodes, through the one method every fleet builder uses. */
class PackageHatchTest {
  private static PackageIntent pkg(String namespace, String name) {
    return new PackageIntent(new ServiceRef(namespace, name), Optional.empty(), "oci://charts", "chart", "1.0.0",
        new TreeMap<>(), new TreeMap<>(), new Governance("team", "vendor chart", "2099-01-01"), MeshSection.empty());
  }

  @Test
  @DisplayName("each package becomes a hatch node; a package never replaces a service of the same name")
  void packagesJoinTheFleetWithoutReplacingServices() {
    ServiceInput service = ServiceInput.of(Specs.intent(Specs.minimalWith("metadata: {name: redis2, namespace: shop}")));
    ServiceRef taken = service.intent().ref();
    Fleet fleet = Fleet.of(service);

    Fleet out = PackageHatch.withNodes(fleet,
        List.of(pkg("shop", "redis"), pkg(taken.namespace(), taken.name())));

    assertThat(out.input(new ServiceRef("shop", "redis")).orElseThrow().intent().isHatch()).isTrue();
    assertThat(out.input(taken).orElseThrow()).isSameAs(service);
    assertThat(out.services()).hasSize(2);
  }
}
