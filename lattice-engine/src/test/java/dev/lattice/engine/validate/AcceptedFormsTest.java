package dev.lattice.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.testkit.Specs;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The other side of the catalog: values at the edge of each rule that the reference accepts are accepted. */
class AcceptedFormsTest {
  private static final String MAIN = "spec: {workload: {containers: {main: ";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // file modes: 3 or 4 octal digits after one optional 0
      MAIN + "{files: {/etc/a: {content: a, mode: \"0644\"}}}}}}",
      MAIN + "{files: {/etc/a: {content: a, mode: \"644\"}}}}}}",
      MAIN + "{files: {/etc/a: {content: a, mode: \"0400\"}}}}}}",
      MAIN + "{files: {/etc/a: {content: a, mode: \"00644\"}}}}}}",
      MAIN + "{files: {/etc/a: {content: a, mode: \"0775\"}}}}}}",
      // quantities
      MAIN + "{resources: {limits: {cpu: 2000m, memory: 1Gi}, requests: {cpu: \"0.5\", memory: 128Mi}}}}}}",
      MAIN + "{resources: {limits: {cpu: \"1\", memory: \"1000000\"}}}}}}",
      MAIN + "{resources: {limits: {cpu: \"1.5\", memory: 1M}, requests: {memory: 512Ki}}}}}}",
      MAIN + "{resources: {limits: {memory: 1E}}}}}}",
      MAIN + "{resources: {limits: {cpu: 250m}}}}}}",
      // images
      MAIN + "{image: \"ghcr.io/acme/api@sha256:0123abcd\"}}}}",
      MAIN + "{image: \"localhost:5000/acme/api:1.0\"}}}}",
      // ports
      "spec: {workload: {service: {ports: {http: {port: 65535, targetPort: 1}}}}}",
      "spec: {workload: {service: {ports: {http: {port: 80, targetPort: 8080}, admin: {port: 81, targetPort: 8080}}}}}",
      "spec: {workload: {service: {ports: {dns: {port: 53, protocol: UDP}, http-metrics-01: {port: 9090}}}}}",
      // replicas and autoscaling
      "spec: {replicas: 5, autoscaling: {max: 5}}",
      "spec: {replicas: 0, autoscaling: {max: 3, metrics: [{metric: memory, target: 100}]}}",
      "spec: {autoscaling: {max: 3, metrics: [{metric: cpu, target: 1}, {metric: queue_depth, target: 0.5}]}}",
      // resources
      "spec: {workload: {resources: {data: {type: volume, id: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv, "
          + "params: {size: 10Gi, accessMode: ReadWriteMany}}}}}",
      "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, keys: [password], "
          + "refreshInterval: 1h30m, secretType: kubernetes.io/basic-auth}}}}}",
      "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, "
          + "refreshInterval: 2h0m30s, secretType: tls}}}}}",
      "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: vault, "
          + "secretType: bootstrap.kubernetes.io/token}}}}}",
      "spec: {workload: {resources: {ext: {type: external-service, params: {endpoints: {a: \"https://api.stripe.com\", "
          + "b: \"http://status.example.com/health\", c: \"https://api.example.com:8443/v1?x=1\", "
          + "d: \"tcp://10.0.0.5:5432\", e: \"udp://dns.example.com:53\", f: \"grpc://grpc.example.com:9090\", "
          + "g: \"redis.default.svc:6379\", h: \"https://[2001:db8::1]:443\"}}}}}}",
      "spec: {workload: {resources: {world: {type: external-service, id: \"entity:world\"}}}}",
      // sidecars
      "spec: {sidecars: {setup: {image: ghcr.io/acme/setup:1, init: true, command: [/bin/setup], "
          + "resources: {limits: {cpu: 100m}}}, logs: {image: ghcr.io/acme/logs:1, resources: {limits: {cpu: 50m}}}}}",
      // templates
      MAIN + "{variables: {LITERAL: \"$${not.a.reference}\", NAME: \"${metadata.name}\"}}}}}",
      MAIN + "{files: {/etc/run.sh: {reverseExpand: true, content: \"echo ${HOME} $${metadata.namespace}\"}}}}}}",
      MAIN + "{files: {/etc/raw: {noExpand: true, content: \"${whatever\"}}}}}}",
  })
  @DisplayName("a value the reference accepts derives without errors")
  void accepted(String patch) {
    Derivation result = Derivations.derive(Specs.minimalWith(patch));

    assertThat(result.diagnostics())
        .as("errors for %s", patch)
        .filteredOn(d -> d.severity() == Severity.ERROR)
        .extracting(Diagnostic::message)
        .isEmpty();
    assertThat(result).isInstanceOf(Derivation.Derived.class);
  }

  @Test
  @DisplayName("the commerce example derives with no diagnostics at all")
  void commerceExampleIsClean() {
    List<ServiceInput> inputs = Specs.readDirectory(Specs.repoRoot().resolve("examples/commerce")).stream()
        .map(m -> new ServiceInput(m.intent(), m.diagnostics()))
        .toList();
    assertThat(inputs).isNotEmpty();
    for (Derivation d : new Engine(PlatformSettings.defaults(), dev.lattice.policy.Authorizer.permitAll()).deriveAll(Fleet.of(inputs))) {
      assertThat(d).as(d.ref().toString()).isInstanceOf(Derivation.Derived.class);
      assertThat(d.diagnostics()).as(d.ref().toString()).isEmpty();
    }
  }
}
