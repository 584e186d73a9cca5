package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.ManifestInvariants;
import dev.lattice.testkit.SchemaValidator;
import dev.lattice.testkit.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per engine bug the upstream schemas and the generated-spec properties found: objects the API server
 * would reject, exceptions during derivation, and output that depended on input order. Each states the contract
 * the fix restores.
 */
class DerivationRegressionTest {
  // Everything permitted, so that every object an access decision can add is rendered and checked.
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());

  private static Derivation derive(String... documents) {
    List<ServiceInput> inputs = new ArrayList<>();
    for (String document : documents) {
      MappedIntent mapped = Specs.mapped(document);
      inputs.add(new ServiceInput(mapped.intent(), mapped.diagnostics()));
    }
    return ENGINE.deriveAll(Fleet.of(inputs)).get(0);
  }

  private static Derivation derivePatched(String patch) {
    return derive(Specs.minimalWith(patch));
  }

  private static List<String> errors(Derivation derivation) {
    return derivation.diagnostics().stream()
        .filter(d -> d.severity() == dev.lattice.api.status.Severity.ERROR)
        .map(d -> d.reason() + " " + d.fieldPath())
        .collect(Collectors.toList());
  }

  private static Derivation.Derived assertDerivedAndValid(Derivation derivation) {
    if (!(derivation instanceof Derivation.Derived derived)) {
      fail(derivation.ref() + " was rejected: " + derivation.diagnostics().stream().map(Diagnostic::message)
          .collect(Collectors.joining("\n")));
      return null;
    }
    List<JsonNode> trees = derived.resources().stream().map(Manifests::tree).toList();
    trees.forEach(SchemaValidator::assertValid);
    ManifestInvariants.assertHold(trees);
    return derived;
  }

  private static List<JsonNode> kind(Derivation.Derived derived, String kind) {
    return derived.resources().stream().filter(o -> o.getKind().equals(kind)).map(Manifests::tree).toList();
  }

  @Nested
  @DisplayName("Derivation never throws")
  class NeverThrows {
    @Test
    @DisplayName("a probe port too long for an int is reported as an unknown port")
    void hugeProbePort() {
      Derivation d = derivePatched(
          "spec: {workload: {containers: {main: {readinessProbe: {httpGet: {path: /, port: \"99999999999\"}}}}}}");
      assertThat(errors(d)).containsExactly(
          "ProbePortUnknown spec.workload.containers.main.readinessProbe.httpGet.port");
    }

    @Test
    @DisplayName("an autoscaling target of NaN or Infinity (read as doubles) is an invalid target, not a crash in"
        + " the renderer")
    void nonFiniteMetricTargets() {
      Derivation d = derivePatched("""
          spec:
            autoscaling:
              max: 3
              metrics: [{metric: cpu, target: NaN}, {metric: queue_depth, target: Infinity}]
          """);
      assertThat(errors(d)).containsExactly(
          "InvalidMetricTarget spec.autoscaling.metrics[0].target",
          "InvalidMetricTarget spec.autoscaling.metrics[1].target");
    }

    @Test
    @DisplayName("empty values and empty list items (YAML nulls) are reported or derived, never thrown")
    void nullsInTheSpec() {
      Derivation d = derivePatched("""
          spec:
            sysctls: {net.core.somaxconn: null}
            workload:
              containers:
                main:
                  command: [null]
                  args: ["--flag", null]
                  variables: {EMPTY: null}
                  envFrom: [null]
                  security: {capabilities: [null]}
                  readinessProbe:
                    httpGet: {path: /, port: http, httpHeaders: [null, {value: x}]}
            ingress:
              routes:
                web:
                  hosts: [shop.example.com, null]
                  rules: [{matches: [{headers: [null, {name: x-a}]}]}]
          """);
      assertThat(errors(d)).contains(
          "CommandNotAbsolute spec.workload.containers.main.command[0]",
          "InvalidProbe spec.workload.containers.main.readinessProbe.httpGet.httpHeaders",
          "EnvFromNotASecret spec.workload.containers.main.envFrom[0]",
          "InvalidHost spec.ingress.routes.web.hosts[1]",
          "InvalidRouteMatch spec.ingress.routes.web.rules[0].matches[0].headers[0]");
    }
  }

  @Nested
  @DisplayName("Derived objects match their upstream schemas")
  class SchemaValid {
    @Test
    @DisplayName("an explicit autoscaling max below 1 is rejected once (KEDA needs maxReplicaCount >= 1)")
    void autoscalingMaxBelowOne() {
      assertThat(errors(derivePatched("spec: {replicas: 0, autoscaling: {max: 0}}")))
          .containsExactly("InvalidReplicas spec.autoscaling.max");
      // Below the replica count, the existing rule already says so.
      assertThat(errors(derivePatched("spec: {replicas: 0, autoscaling: {max: -2}}")))
          .containsExactly("ReplicasExceedMax spec.replicas");
      assertThat(errors(derivePatched("spec: {replicas: 1, autoscaling: {max: 0}}")))
          .containsExactly("ReplicasExceedMax spec.replicas");
    }

    @Test
    @DisplayName("a missing autoscaling max is reported once, by the reason that says it is missing")
    void missingAutoscalingMaxReportedOnce() {
      assertThat(errors(derivePatched("spec: {replicas: 0, autoscaling: {metrics: [{metric: cpu, target: 70}]}}")))
          .containsExactly("AutoscalingMaxMissing spec.autoscaling.max");
      assertThat(errors(derivePatched("spec: {replicas: 4, autoscaling: {}}")))
          .containsExactly("AutoscalingMaxMissing spec.autoscaling.max");
    }

    @Test
    @DisplayName("a secret provider must be a store name, because it becomes secretStoreRef.name")
    void secretProviderIsAStoreName() {
      Derivation d = derivePatched(
          "spec: {workload: {resources: {db: {type: secret, id: shop/db, params: {provider: My_Vault}}}}}");
      assertThat(errors(d)).containsExactly("InvalidSecretProvider spec.workload.resources.db.params.provider");
    }

    @Test
    @DisplayName("secret keys must be Secret keys, because each becomes an ExternalSecret secretKey")
    void secretKeysAreSecretKeys() {
      Derivation d = derivePatched("spec: {workload: {resources: {db: {type: secret, id: shop/db, "
          + "params: {provider: vault, keys: [\"api key\", password]}}}}}");
      assertThat(errors(d)).containsExactly("InvalidSecretKeys spec.workload.resources.db.params.keys");
      assertThat(d.diagnostics()).filteredOn(x -> x.reason() == Reason.InvalidSecretKeys)
          .singleElement().extracting(Diagnostic::problem).asString().contains("[api key]");
    }

    @Test
    @DisplayName("a file whose path cannot be a ConfigMap key is rejected instead of derived into a bad ConfigMap")
    void filePathMustMakeAConfigMapKey() {
      Derivation d = derivePatched(
          "spec: {workload: {containers: {main: {files: {\"/etc/app/my file.txt\": {content: x}}}}}}");
      assertThat(errors(d))
          .containsExactly("InvalidFilePath spec.workload.containers.main.files./etc/app/my file.txt");
    }

    @Test
    @DisplayName("route header matches need an HTTP token name and a non-empty value, once per match")
    void routeHeaders() {
      Derivation d = derivePatched("""
          spec:
            ingress:
              routes:
                web:
                  hosts: [shop.example.com]
                  rules:
                    - matches:
                        - headers: [{name: "x canary", value: "1"}]
                        - headers: [{name: x-a, value: ""}]
                        - headers: [{name: X-B, value: "1"}, {name: x-b, value: "2"}]
          """);
      String match = "spec.ingress.routes.web.rules[0].matches";
      assertThat(errors(d)).containsExactly(
          "InvalidRouteMatch " + match + "[0].headers[0].name",
          "InvalidRouteMatch " + match + "[1].headers[0].value",
          "InvalidRouteMatch " + match + "[2].headers[1].name");
    }

    @Test
    @DisplayName("an HTTP method match must be one of the upper-case methods the Gateway API enumerates")
    void httpMethods() {
      Derivation d = derivePatched("""
          spec: {ingress: {routes: {web: {hosts: [shop.example.com], rules: [{matches: [{method: get}]}]}}}}
          """);
      assertThat(errors(d)).containsExactly("InvalidRouteMatch spec.ingress.routes.web.rules[0].matches[0].method");
    }

    @Test
    @DisplayName("a path match must be a normalised path the Gateway API accepts")
    void gatewayPaths() {
      for (String path : List.of("/a//b", "/x#y", "/a/%2F", "/a/../b", "/a/.", "/sp ace")) {
        Derivation d = derivePatched("spec: {ingress: {routes: {web: {hosts: [shop.example.com], "
            + "rules: [{matches: [{path: {value: \"" + path + "\"}}]}]}}}}");
        assertThat(errors(d)).as(path)
            .containsExactly("InvalidRouteMatch spec.ingress.routes.web.rules[0].matches[0].path.value");
      }
      assertDerivedAndValid(derivePatched("spec: {ingress: {routes: {web: {hosts: [shop.example.com], "
          + "rules: [{matches: [{path: {value: \"/api/v1/~user/a%20b;x=1\"}}]}]}}}}"));
    }

    @Test
    @DisplayName("a grpcMethod match takes only service, method and type, names at least one, and only on a"
        + " GRPCRoute")
    void grpcMethods() {
      String grpc = """
          spec:
            workload: {service: {ports: {http: null, grpc: {port: 9000}}}}
            ingress: {routes: {api: {kind: GRPCRoute, hosts: [grpc.example.com], rules: [{matches: [%s]}]}}}
          """;
      String at = "spec.ingress.routes.api.rules[0].matches[0].grpcMethod";
      assertThat(errors(derivePatched(grpc.formatted("{grpcMethod: {serivce: acme.Orders}}"))))
          .containsExactly("InvalidRouteMatch " + at);
      assertThat(errors(derivePatched(grpc.formatted("{grpcMethod: {type: Exact}}"))))
          .containsExactly("InvalidRouteMatch " + at);
      assertThat(errors(derivePatched(grpc.formatted("{grpcMethod: {service: acme.Orders, method: get-order}}"))))
          .containsExactly("InvalidRouteMatch " + at);
      assertThat(errors(derivePatched(
          "spec: {ingress: {routes: {web: {hosts: [a.example.com], rules: [{matches: [{grpcMethod: "
              + "{service: acme.Orders}}]}]}}}}")))
          .containsExactly("InvalidRouteMatch spec.ingress.routes.web.rules[0].matches[0].grpcMethod");
      assertDerivedAndValid(derivePatched(grpc.formatted(
          "{grpcMethod: {service: acme.orders.v1.Orders, method: Get_Order}}, {grpcMethod: {method: Check}}")));
    }

    @Test
    @DisplayName("a route takes at most 16 hosts")
    void hostLimit() {
      List<String> hosts = new ArrayList<>();
      for (int i = 0; i < 17; i++) {
        hosts.add("h" + i + ".example.com");
      }
      Derivation d = derivePatched("spec: {ingress: {routes: {web: {hosts: " + hosts + "}}}}");
      assertThat(errors(d)).containsExactly("InvalidHost spec.ingress.routes.web.hosts");
    }

    @Test
    @DisplayName("a TLS issuer must be an object name, because it becomes the Certificate's issuerRef.name")
    void issuerNames() {
      Derivation d = derivePatched(
          "spec: {ingress: {routes: {web: {hosts: [shop.example.com], tls: {issuerRef: {name: \"\"}}}}}}");
      assertThat(errors(d)).containsExactly("InvalidTls spec.ingress.routes.web.tls.issuerRef.name");
    }

    @Test
    @DisplayName("an external-service entity is one of Cilium's entities with an optional port, because it becomes"
        + " a CiliumNetworkPolicy toEntities value")
    void networkEntities() {
      for (String id : List.of("entity:internet", "entity:world:https", "entity:world:70000", "entity:")) {
        assertThat(errors(derivePatched(
            "spec: {workload: {resources: {out: {type: external-service, id: \"" + id + "\"}}}}")))
            .as(id).containsExactly("InvalidEndpointUrl spec.workload.resources.out.id");
      }
      assertDerivedAndValid(derivePatched(
          "spec: {workload: {resources: {api: {type: external-service, id: \"entity:kube-apiserver:6443\"}}}}"));
    }

    @Test
    @DisplayName("the mesh policy of a caller never opens a port a rejected callee declared out of range")
    void meshIgnoresOutOfRangeCalleePorts() {
      String caller = Specs.minimalWith(
          "spec: {workload: {resources: {orders: {type: service}}}}");
      String callee = Specs.merge(Specs.MINIMAL, """
          metadata: {name: orders}
          spec:
            workload:
              service: {ports: {http: {port: 8080, targetPort: 0}, grpc: {port: 9000}, bad: {port: -1}}}
              resources: {api: {type: service, direction: inbound}}
          """);
      Derivation.Derived derived = assertDerivedAndValid(derive(caller, callee));
      JsonNode policy = kind(derived, "CiliumNetworkPolicy").get(0);
      List<String> ports = new ArrayList<>();
      policy.path("spec").path("egress").forEach(rule -> rule.path("toPorts").forEach(
          to -> to.path("ports").forEach(port -> ports.add(port.path("port").asText()))));
      assertThat(ports).contains("9000").doesNotContain("0", "-1");
    }
  }

  @Nested
  @DisplayName("Derived objects hold what the schemas cannot check")
  class Invariants {
    @Test
    @DisplayName("a sidecar named like a container is rejected: a pod needs distinct container names")
    void duplicateContainerNames() {
      Derivation d = derivePatched("""
          spec:
            sidecars:
              main: {image: ghcr.io/acme/side:1.0.0, command: [/bin/side], resources: {limits: {cpu: 100m}}}
          """);
      assertThat(errors(d)).containsExactly("DuplicateContainerName spec.sidecars.main");
    }

    @Test
    @DisplayName("an init sidecar with a probe is rejected: Kubernetes allows no probes on init containers")
    void initSidecarProbes() {
      Derivation d = derivePatched("""
          spec:
            sidecars:
              migrate:
                init: true
                image: ghcr.io/acme/migrate:1.0.0
                command: [/bin/migrate]
                resources: {limits: {cpu: 100m}}
                startupProbe: {exec: {command: [/bin/ready]}}
          """);
      assertThat(errors(d)).containsExactly("InvalidProbe spec.sidecars.migrate.startupProbe");
    }

    @Test
    @DisplayName("a volume mounted at the path of a file is rejected: Kubernetes allows one mount per path")
    void volumeAtAFilePath() {
      Derivation d = derivePatched("""
          spec:
            workload:
              containers:
                main:
                  files: {/etc/app/config.yaml: {content: x}}
                  volumes: {/etc/app/config.yaml: {}}
          """);
      assertThat(errors(d))
          .containsExactly("InvalidMountPath spec.workload.containers.main.volumes./etc/app/config.yaml");
    }

    @Test
    @DisplayName("two secret files whose names differ only in case get their own ExternalSecret and volume")
    void secretFilesDifferingInCase() {
      Derivation.Derived derived = assertDerivedAndValid(derivePatched("""
          spec:
            workload:
              containers:
                main:
                  files:
                    /etc/app/Secret.ini: {content: "a=${secret.db.password}"}
                    /etc/app/secret.ini: {content: "b=${secret.db.password}"}
              resources:
                db: {type: secret, id: shop/db, params: {provider: vault}}
          """));
      assertThat(kind(derived, "ExternalSecret")).extracting(es -> es.path("metadata").path("name").asText())
          .doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    @DisplayName("secret keys whose template variables would read alike each keep their own value")
    void templateVariablesDoNotCollide() {
      Derivation.Derived derived = assertDerivedAndValid(derivePatched("""
          spec:
            workload:
              containers:
                main:
                  variables:
                    TOKENS: "${secret.api-keys.token}:${secret.api.keys_token}"
              resources:
                api-keys: {type: secret, id: shop/api-keys, params: {provider: vault}}
                api: {type: secret, id: shop/api, params: {provider: vault}}
          """));
      JsonNode eso = kind(derived, "ExternalSecret").stream()
          .filter(es -> es.path("metadata").path("name").asText().endsWith("-env-eso")).findFirst().orElseThrow();
      assertThat(eso.path("spec").path("target").path("template").path("data").path("TOKENS").asText())
          .isEqualTo("{{ .api_keys_token }}:{{ .api_keys_token_2 }}");
      List<String> pairs = new ArrayList<>();
      eso.path("spec").path("data").forEach(entry -> pairs.add(entry.path("secretKey").asText() + "="
          + entry.path("remoteRef").path("key").asText() + "/" + entry.path("remoteRef").path("property").asText()));
      assertThat(pairs).containsExactlyInAnyOrder("api_keys_token=shop/api-keys/token",
          "api_keys_token_2=shop/api/keys_token");
    }
  }

  @Nested
  @DisplayName("Templates")
  class Templates {
    @Test
    @DisplayName("a secret key with dots (tls.crt) can be referenced: the key is everything after the resource")
    void secretKeysWithDots() {
      Derivation.Derived derived = assertDerivedAndValid(derivePatched("""
          spec:
            workload:
              containers: {main: {variables: {CERT: "${secret.tls.tls.crt}"}}}
              resources:
                tls: {type: secret, id: shop/tls, params: {provider: vault, keys: [tls.crt, tls.key]}}
          """));
      JsonNode env = kind(derived, "Deployment").get(0)
          .at("/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef");
      assertThat(env.path("key").asText()).isEqualTo("tls.crt");
      assertThat(env.path("name").asText()).isEqualTo("api-tls");
    }

    @Test
    @DisplayName("a reference to a key no Secret can hold is reported")
    void secretKeyCharacters() {
      Derivation d = derivePatched("""
          spec:
            workload:
              containers: {main: {variables: {KEY: "${secret.db.api key}"}}}
              resources: {db: {type: secret, id: shop/db, params: {provider: vault}}}
          """);
      assertThat(errors(d)).containsExactly(
          "SecretReferenceUnknownKey spec.workload.containers.main.variables.KEY");
    }
  }

  @Nested
  @DisplayName("Determinism")
  class Determinism {
    @Test
    @DisplayName("the status lists the reader's diagnostics in the same order whatever order the keys were"
        + " written in")
    void intakeDiagnosticsOrder() {
      String ab = Specs.minimalWith("spec: {workload: {service: {ports: {aa: {port: 81, protocol: quic}, "
          + "bb: {port: 82, protocol: http}}}}}");
      String ba = Specs.minimalWith("spec: {workload: {service: {ports: {bb: {port: 82, protocol: http}, "
          + "aa: {port: 81, protocol: quic}}}}}");
      assertThat(Specs.mapped(ab).diagnostics()).isNotEqualTo(Specs.mapped(ba).diagnostics());
      assertThat(derive(ab).status()).isEqualTo(derive(ba).status());
    }
  }
}
