package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link Provenance} true: each feed it names is shown to change when its spec field is set or changed, and
 * every field of the CRD schema has provenance (or is listed as feeding nothing).
 */
class ProvenanceTest {
  /** The platform has the ImageProvider ghcr, so that imagePullSecrets derives (issue 17). */
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults().withProviders(PlatformSettings
      .defaults().providers().withImageProviders(Map.of("ghcr", new ProviderSettings.ImageSource("ghcr.io/acme",
          "vault", "registry/ghcr-pull", ".dockerconfigjson")))), Authorizer.permitAll());
  private static final String SIDECAR = """
      spec:
        sidecars:
          proxy:
            image: ghcr.io/acme/proxy:1.0.0
            command: ["/usr/local/bin/proxy"]
            resources: {limits: {cpu: 100m, memory: 64Mi}}
      """;
  /** Always in the fleet, calling the service under test, so that an inbound declaration opens an edge. */
  private static final String CALLER = """
      apiVersion: lattice.dev/v1alpha1
      kind: LatticeService
      metadata: {name: web, namespace: shop}
      spec:
        workload:
          containers:
            main:
              image: ghcr.io/acme/web:1.0.0
              command: ["/app/web"]
              resources: {limits: {cpu: 100m, memory: 64Mi}}
          resources:
            api: {type: service, direction: outbound}
      """;
  private static final String DB = "{spec: {workload: {resources: {db: {type: secret, id: shop/db, "
      + "params: {provider: vault, keys: [password]}}}}}}";
  private static final String ROUTE = "{spec: {ingress: {routes: {web: {hosts: [a.example.com]}}}}}";
  private static final String AUTOSCALED = "{spec: {autoscaling: {max: 5}}}";

  /** A case: the spec before and after the field is set or changed. */
  record Case(String before, String after) {}

  private static final Map<String, List<Case>> CASES = cases();

  @Test
  @DisplayName("every derived field a provenance entry names changes when its spec field is set or changed")
  void feedsChange() {
    List<String> problems = new ArrayList<>();
    for (Provenance.Entry entry : Provenance.entries().values()) {
      if (entry.feeds().isEmpty()) {
        continue;
      }
      List<Case> cases = CASES.get(entry.field());
      if (cases == null) {
        problems.add(entry.field() + ": no test case sets it");
        continue;
      }
      List<Map<String, List<JsonNode>>> before = new ArrayList<>();
      List<Map<String, List<JsonNode>>> after = new ArrayList<>();
      for (Case c : cases) {
        before.add(derive(c.before()));
        after.add(derive(c.after()));
      }
      for (Provenance.Feed feed : entry.feeds()) {
        boolean changed = false;
        for (int i = 0; i < cases.size() && !changed; i++) {
          changed = !values(before.get(i), feed).equals(values(after.get(i), feed));
        }
        if (!changed) {
          problems.add(entry.field() + ": " + feed + " did not change");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("every test case belongs to a provenance entry that names feeds")
  void noStaleCases() {
    assertThat(CASES.keySet()).allSatisfy(field ->
        assertThat(Provenance.entries().get(field)).as(field).isNotNull()
            .satisfies(e -> assertThat(e.feeds()).isNotEmpty()));
  }

  @Test
  @DisplayName("every field of the LatticeService CRD has provenance or is listed as feeding nothing, and every"
      + " entry is a field of the CRD")
  void coversTheCrd() throws IOException {
    TreeSet<String> fields = new TreeSet<>();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/fabric8/latticeservices.lattice.dev-v1.yml")) {
      JsonNode crd = new YAMLMapper().readTree(in);
      for (JsonNode version : crd.path("spec").path("versions")) {
        walk(version.path("schema").path("openAPIV3Schema").path("properties").path("spec"), "spec", fields);
      }
    }
    assertThat(fields).hasSizeGreaterThan(200);
    assertThat(fields.stream().filter(f -> Provenance.of(f).isEmpty()).toList()).as("fields without provenance")
        .isEmpty();
    assertThat(Provenance.entries().keySet()).as("entries that are no field of the CRD").isSubsetOf(fields);
  }

  @Test
  @DisplayName("a field below a subtree entry takes that entry; a field below an exact entry does not")
  void lookup() {
    assertThat(Provenance.of("spec.workload.containers.resources.limits.cpu").orElseThrow().field())
        .isEqualTo("spec.workload.containers.resources.limits");
    assertThat(Provenance.of("spec.workload.containers.resources").orElseThrow().feeds().toString())
        .isEqualTo("[Deployment spec.template.spec.containers[].resources]");
    assertThat(Provenance.of("spec.workload.resources.metadata.annotations").orElseThrow().feeds()).isEmpty();
    assertThat(Provenance.of("spec.nothing")).isEmpty();
  }

  private static void walk(JsonNode node, String path, TreeSet<String> out) {
    for (Map.Entry<String, JsonNode> field : node.path("properties").properties()) {
      String child = path + "." + field.getKey();
      out.add(child);
      JsonNode value = field.getValue();
      walk(value, child, out);
      walk(value.path("items"), child, out);
      walk(value.path("additionalProperties"), child, out);
    }
  }

  /** Derived objects by kind, as JSON trees. */
  private static Map<String, List<JsonNode>> derive(String yaml) {
    MappedIntent mapped = Specs.mapped(yaml);
    MappedIntent caller = Specs.mapped(CALLER);
    ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
    Derivation derivation = ENGINE.derive(input,
        Fleet.of(input, new ServiceInput(caller.intent(), caller.diagnostics())));
    if (!(derivation instanceof Derivation.Derived derived)) {
      return fail("the case was rejected:\n" + yaml + derivation.diagnostics().stream()
          .map(d -> d.reason() + " " + d.message()).collect(Collectors.joining("\n")));
    }
    Map<String, List<JsonNode>> byKind = new TreeMap<>();
    derived.resources().forEach(o -> byKind.computeIfAbsent(o.getKind(), k -> new ArrayList<>())
        .add(Manifests.tree(o)));
    return byKind;
  }

  /** Every value at the feed's path in every object of its kind ({@code []} steps into each list element). */
  private static List<JsonNode> values(Map<String, List<JsonNode>> byKind, Provenance.Feed feed) {
    List<JsonNode> current = new ArrayList<>(byKind.getOrDefault(feed.kind(), List.of()));
    for (String step : feed.field().split("\\.")) {
      boolean each = step.endsWith("[]");
      String name = each ? step.substring(0, step.length() - 2) : step;
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        JsonNode child = node.path(name);
        if (each) {
          child.forEach(next::add);
        } else if (!child.isMissingNode()) {
          next.add(child);
        }
      }
      current = next;
    }
    return current;
  }

  private static Map<String, List<Case>> cases() {
    Map<String, List<Case>> m = new LinkedHashMap<>();
    set(m, "spec.replicas", "{spec: {replicas: 3}}");
    change(m, "spec.replicas", AUTOSCALED, "{spec: {replicas: 2}}");
    set(m, "spec.autoscaling", AUTOSCALED);
    change(m, "spec.autoscaling.max", AUTOSCALED, "{spec: {autoscaling: {max: 6}}}");
    change(m, "spec.autoscaling.metrics", AUTOSCALED,
        "{spec: {autoscaling: {metrics: [{metric: memory, target: 70}]}}}");
    set(m, "spec.deploy", "{spec: {deploy: {strategy: canary}}}");
    set(m, "spec.deploy.strategy", "{spec: {deploy: {strategy: canary}}}");
    set(m, "spec.sysctls", "{spec: {sysctls: {net.core.somaxconn: '1024'}}}");
    set(m, "spec.hostNetwork", "{spec: {hostNetwork: true}}");
    set(m, "spec.imagePullSecrets", "{spec: {imagePullSecrets: [ghcr]}}");
    set(m, "spec.shareProcessNamespace", "{spec: {shareProcessNamespace: true}}");
    set(m, "spec.automountServiceAccountToken", "{spec: {automountServiceAccountToken: true}}");
    set(m, "spec.workload.containers", "{spec: {workload: {containers: {second: {image: 'ghcr.io/acme/b:1.0.0',"
        + " command: [/app/b], resources: {limits: {cpu: 100m, memory: 64Mi}}}}}}}");
    set(m, "spec.sidecars", SIDECAR);
    change(m, "spec.sidecars.init", SIDECAR, "{spec: {sidecars: {proxy: {init: true}}}}");
    set(m, "spec.workload.service.ports", "{spec: {workload: {service: {ports: {grpc: {port: 9000}}}}}}");
    set(m, "spec.workload.service.ports.targetPort",
        "{spec: {workload: {service: {ports: {http: {targetPort: 8081}}}}}}");
    set(m, "spec.workload.service.ports.protocol", "{spec: {workload: {service: {ports: {http: {protocol: UDP}}}}}}");
    set(m, "spec.workload.resources", DB);
    set(m, "spec.workload.resources", "{spec: {workload: {resources: {data: {type: volume, params: {size: 1Gi}}}}}}");
    set(m, "spec.workload.resources",
        "{spec: {workload: {resources: {web: {type: service, direction: inbound}}}}}");
    set(m, "spec.workload.resources",
        "{spec: {workload: {resources: {gpu: {type: gpu, params: {count: 1, model: NVIDIA-L4}}}}}}");
    set(m, "spec.ingress.routes", "{spec: {ingress: {routes: {web: {hosts: [a.example.com],"
        + " tls: {issuerRef: {name: letsencrypt}}}}}}}");
    change(m, "spec.ingress.routes.kind", ROUTE, "{spec: {ingress: {routes: {web: {kind: GRPCRoute}}}}}");
    String tlsRoute = Specs.merge(ROUTE, "{spec: {ingress: {routes: {web: {tls: {issuerRef: {name: le}}}}}}}");
    change(m, "spec.ingress.routes.hosts", tlsRoute,
        "{spec: {ingress: {routes: {web: {hosts: [b.example.com]}}}}}");
    String twoPorts = Specs.merge(ROUTE, "{spec: {workload: {service: {ports: {admin: {port: 9000}}}},"
        + " ingress: {routes: {web: {port: http}}}}}");
    change(m, "spec.ingress.routes.port", twoPorts, "{spec: {ingress: {routes: {web: {port: admin}}}}}");
    change(m, "spec.ingress.routes.rules", ROUTE,
        "{spec: {ingress: {routes: {web: {rules: [{matches: [{path: {value: /api}}]}]}}}}}");
    change(m, "spec.ingress.routes.tls", ROUTE, "{spec: {ingress: {routes: {web: {tls: {issuerRef: {name: le}}}}}}}");
    change(m, "spec.ingress.gatewayClass", ROUTE, "{spec: {ingress: {gatewayClass: cilium}}}");
    String tcpRoute = "{spec: {ingress: {routes: {db: {kind: TCPRoute, listenPort: 5432}}}}}";
    change(m, "spec.ingress.routes.listenPort", tcpRoute, "{spec: {ingress: {routes: {db: {listenPort: 6432}}}}}");
    change(m, "spec.ingress.routes.tls.secretName", ROUTE,
        "{spec: {ingress: {routes: {web: {tls: {secretName: web-cert}}}}}}");
    change(m, "spec.observability.metrics.port",
        "{spec: {workload: {service: {ports: {metrics: {port: 9090}, stats: {port: 9100}}}}}}",
        "{spec: {observability: {metrics: {port: stats}}}}");
    containerCases(m, "spec.workload.containers", "{spec: {workload: {containers: {main: %s}}}}", "");
    containerCases(m, "spec.sidecars", "{spec: {sidecars: {proxy: %s}}}", SIDECAR);
    return m;
  }

  /** The same cases for main containers and sidecars: {@code where} places a container patch. */
  private static void containerCases(Map<String, List<Case>> m, String c, String where, String base) {
    java.util.function.BiConsumer<String, String> on = (field, patch) ->
        change(m, c + "." + field, base, where.formatted(patch));
    on.accept("image", "{image: 'ghcr.io/acme/other:latest'}");
    on.accept("command", "{command: [/app/other]}");
    on.accept("args", "{args: [--verbose]}");
    on.accept("workingDir", "{workingDir: /srv}");
    String withDb = base.isEmpty() ? DB : Specs.merge(base, DB);
    change(m, c + ".variables", withDb, where.formatted("{variables: {A: '1', S: '${secret.db.password}'}}"));
    change(m, c + ".envFrom", withDb, where.formatted("{envFrom: [db]}"));
    on.accept("files", "{files: {/etc/app/a.txt: {content: hello}, /etc/app/b.bin: {binaryContent: aGVsbG8=}}}");
    on.accept("volumes", "{volumes: {/scratch: {}}}");
    on.accept("resources", "{resources: {limits: {cpu: '2'}}}");
    on.accept("resources.limits", "{resources: {limits: {cpu: '2'}}}");
    on.accept("resources.requests", "{resources: {requests: {cpu: 10m}}}");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      on.accept(probe, "{" + probe + ": {httpGet: {path: /healthz, port: 8080}}}");
    }
    on.accept("security", "{security: {runAsUser: 10001}}");
    on.accept("security.capabilities", "{security: {capabilities: [NET_BIND_SERVICE]}}");
    on.accept("security.dropCapabilities", "{security: {dropCapabilities: [NET_RAW]}}");
    on.accept("security.privileged", "{security: {privileged: true}}");
    on.accept("security.allowPrivilegeEscalation", "{security: {allowPrivilegeEscalation: true}}");
    on.accept("security.readOnlyRootFilesystem", "{security: {readOnlyRootFilesystem: false}}");
    on.accept("security.runAsUser", "{security: {runAsUser: 10001}}");
    on.accept("security.runAsGroup", "{security: {runAsGroup: 10001}}");
    on.accept("security.runAsNonRoot", "{security: {runAsNonRoot: false}}");
    on.accept("security.seccompProfile", "{security: {seccompProfile: Unconfined}}");
    on.accept("security.seccompLocalhostProfile",
        "{security: {seccompProfile: Localhost, seccompLocalhostProfile: profiles/app.json}}");
    on.accept("security.apparmorProfile", "{security: {apparmorProfile: Unconfined}}");
    on.accept("security.apparmorLocalhostProfile",
        "{security: {apparmorProfile: Localhost, apparmorLocalhostProfile: app}}");
    on.accept("security.allowedBinaries", "{security: {allowedBinaries: [/bin/sh]}}");
  }

  /** The minimal spec without, then with, {@code patch}. */
  private static void set(Map<String, List<Case>> m, String field, String patch) {
    change(m, field, "", patch);
  }

  /** The minimal spec with {@code base}, then also with {@code patch}. */
  private static void change(Map<String, List<Case>> m, String field, String base, String patch) {
    String before = base.isEmpty() ? Specs.MINIMAL : Specs.minimalWith(base);
    m.computeIfAbsent(field, k -> new ArrayList<>()).add(new Case(before, Specs.merge(before, patch)));
  }
}
