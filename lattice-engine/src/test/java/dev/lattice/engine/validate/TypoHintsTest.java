package dev.lattice.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Specs;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A rule that fails for a block declaring nothing names the unknown field that stands for that block. */
class TypoHintsTest {
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());
  private static final UnknownField PROTS =
      new UnknownField("spec.workload.service", "prots", Optional.of("ports"));

  private static final String NO_PORTS = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: %s, namespace: shop}
      spec:
        observability: {metrics: {port: metrics}}
        workload:
          containers:
            main:
              image: ghcr.io/acme/api:1.0.0@sha256:14c2529eb4498c5d1ffd6915d05bf58a91bdda796af59f41d480d11c099d0479
              command: ["/app/api"]
              variables: {PEER: "${resources.peer.url}"}
              resources:
                limits: {cpu: 500m, memory: 256Mi}
          service: {}
          resources:
            peer: {type: service}
      """;

  private static ServiceInput input(String name, List<UnknownField> unknown) {
    ServiceIntent i = Specs.intent(NO_PORTS.formatted(name));
    return ServiceInput.of(new ServiceIntent(i.ref(), i.apiVersion(), i.uid(), i.generation(), i.labels(),
        i.annotations(), i.spec(), unknown));
  }

  private static Diagnostic first(Derivation d, Reason reason) {
    return d.diagnostics().stream().filter(x -> x.reason() == reason).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("MetricsPortUnknown names the misspelt ports block of its own spec")
  void ownPortsMisspelt() {
    ServiceInput api = input("api", List.of(PROTS));

    Diagnostic d = first(ENGINE.derive(api, Fleet.of(api)), Reason.MetricsPortUnknown);

    assertThat(d.message()).isEqualTo("spec.observability.metrics.port: 'metrics' is not a port of "
        + "spec.workload.service.ports (the service declares none). Did you mean 'ports' for the unknown field "
        + "'prots' at spec.workload.service.prots? It was ignored. Fix: rename 'prots' to 'ports'; otherwise, name "
        + "one of the service's ports, or add a port with that name.");
  }

  @Test
  @DisplayName("DependencyPortUnknown names the misspelt ports block of the other service")
  void peerPortsMisspelt() {
    ServiceInput api = input("api", List.of());
    ServiceInput peer = input("peer", List.of(PROTS));

    Diagnostic d = first(ENGINE.derive(api, Fleet.of(api, peer)), Reason.DependencyPortUnknown);

    assertThat(d.problem()).isEqualTo("'${resources.peer.url}' needs the port of service shop/peer, which exposes "
        + "no ports (its spec has the unknown field 'prots' at spec.workload.service.prots; did you mean 'ports'?).");
  }

  @Test
  @DisplayName("an unknown field whose meant field is present (meant empty) changes no message")
  void presentFieldNoHint() {
    ServiceInput api = input("api", List.of(new UnknownField("spec.workload.service", "prots", Optional.empty())));

    Diagnostic d = first(ENGINE.derive(api, Fleet.of(api)), Reason.MetricsPortUnknown);

    assertThat(d.problem()).isEqualTo("'metrics' is not a port of spec.workload.service.ports (the service declares "
        + "none).");
  }
}
