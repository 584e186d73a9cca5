package dev.lattice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.cli.generate.FleetGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Helm chart equivalent to what Lattice derives for the generated fleet ({@code charts/fleet-equivalent}), for
 * the side-by-side comparison, and the values it reads. One template per kind, each ranging over {@code .Values.services}, producing ServiceAccount, ExternalSecret (one per
 * secret), ConfigMap (one per container), CiliumNetworkPolicy and Istio AuthorizationPolicy (callers and callees
 * from the agreed edges), TracingPolicyNamespaced (binary allowlist), Service, Deployment (env, secret refs,
 * security context, probes, spread, config checksum), PodDisruptionBudget (replicas &gt; 1), ScaledObject
 * (autoscaling), VMServiceScrape (metrics port) and HTTPRoute + Certificate (ingress). The values are the fleet's
 * specs with the bilateral agreement already worked out (Helm cannot do that, nor validate or authorize), so Helm
 * does strictly less work than {@code lattice derive}.
 */
public final class HelmChart {
  private HelmChart() {}

  /** The chart folder in the checkout, relative to the repository root. */
  public static final String FOLDER = "charts/fleet-equivalent";

  /**
   * The chart folder: {@code -Dlattice.charts=DIR} (the folder holding {@code fleet-equivalent}), else found by
   * walking up from the working directory (bench/run runs at the root, Maven's tests in the module).
   */
  public static Path folder() {
    String property = System.getProperty("lattice.charts");
    if (property != null) {
      return Path.of(property).resolve("fleet-equivalent");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(FOLDER).resolve("Chart.yaml"))) {
        return dir.resolve(FOLDER);
      }
    }
    throw new IllegalStateException(FOLDER + " not found above " + Path.of("").toAbsolutePath()
        + "; run from the checkout or pass -Dlattice.charts=<checkout>/charts");
  }

  /** Copies the chart into {@code dir} (replacing it) and returns {@code dir}. */
  public static Path writeChart(Path dir) {
    Path source = folder();
    try (Stream<Path> files = Files.walk(source)) {
      Fixture.deleteTree(dir);
      for (Path file : files.sorted().toList()) {
        Path target = dir.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kinds the chart can produce. */
  public static Set<String> kinds() {
    return Set.of("ServiceAccount", "ExternalSecret", "ConfigMap", "CiliumNetworkPolicy", "AuthorizationPolicy",
        "TracingPolicyNamespaced", "Service", "Deployment", "PodDisruptionBudget", "ScaledObject", "VMServiceScrape",
        "HTTPRoute", "Certificate", "Gateway");
  }

  /** Writes the values file for the generated fleet of the fixture. */
  public static Path writeValues(Fixture fixture, Path file) {
    return writeValues(fixture.documents, file);
  }

  /** Writes the values file for generated documents (LatticeServices; other kinds are ignored). */
  public static Path writeValues(List<FleetGenerator.Document> documents, Path file) {
    try {
      Files.createDirectories(file.getParent());
      List<Map<String, Object>> services = values(documents);
      Files.writeString(file, new YAMLMapper().writeValueAsString(Map.of("services", services,
          "gateways", gateways(services))));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Edge(String caller, String callee) {}

  static List<Map<String, Object>> values(List<FleetGenerator.Document> documents) {
    List<ObjectNode> specs = new ArrayList<>();
    for (FleetGenerator.Document d : documents) {
      if (d.body().path("kind").asText().equals("LatticeService")) {
        specs.add(d.body());
      }
    }
    // Declarations, then the edges both sides declared (what lattice's graph calls agreed).
    Set<Edge> outbound = new HashSet<>();
    Set<Edge> inbound = new HashSet<>();
    Map<String, Integer> targetPorts = new TreeMap<>();
    for (ObjectNode spec : specs) {
      String self = ref(spec);
      targetPorts.put(self, spec.path("spec").path("workload").path("service").path("ports").path("http")
          .path("targetPort").asInt(80));
      for (JsonNode r : spec.path("spec").path("workload").path("resources")) {
        if (!r.path("type").asText().equals("service")) {
          continue;
        }
        String other = r.path("namespace").asText() + "/" + r.path("id").asText();
        if (r.path("direction").asText().equals("outbound")) {
          outbound.add(new Edge(self, other));
        } else {
          inbound.add(new Edge(other, self));
        }
      }
    }
    Map<String, List<Map<String, Object>>> callers = new TreeMap<>();
    Map<String, List<Map<String, Object>>> callees = new TreeMap<>();
    for (Edge e : outbound) {
      if (inbound.contains(e)) {
        callers.computeIfAbsent(e.callee(), k -> new ArrayList<>()).add(peer(e.caller(), 0));
        callees.computeIfAbsent(e.caller(), k -> new ArrayList<>())
            .add(peer(e.callee(), targetPorts.getOrDefault(e.callee(), 80)));
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (ObjectNode doc : specs) {
      String self = ref(doc);
      String name = doc.path("metadata").path("name").asText();
      String namespace = doc.path("metadata").path("namespace").asText();
      JsonNode spec = doc.path("spec");
      JsonNode workload = spec.path("workload");
      Map<String, Object> svc = new LinkedHashMap<>();
      svc.put("name", name);
      svc.put("namespace", namespace);
      svc.put("replicas", spec.path("replicas").asInt(1));
      svc.put("targetPort", targetPorts.get(self));
      List<Map<String, Object>> ports = new ArrayList<>();
      workload.path("service").path("ports").fields().forEachRemaining(p -> {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("name", p.getKey());
        port.put("port", p.getValue().path("port").asInt());
        port.put("targetPort", p.getValue().path("targetPort").asInt(p.getValue().path("port").asInt()));
        ports.add(port);
      });
      svc.put("ports", ports);
      svc.put("metrics", workload.path("service").path("ports").has("metrics"));
      List<Map<String, Object>> containers = new ArrayList<>();
      workload.path("containers").fields().forEachRemaining(c -> {
        Map<String, Object> ctr = new LinkedHashMap<>();
        JsonNode body = c.getValue();
        ctr.put("name", c.getKey());
        ctr.put("main", c.getKey().equals("main"));
        ctr.put("image", body.path("image").asText());
        List<String> command = new ArrayList<>();
        body.path("command").forEach(x -> command.add(x.asText()));
        ctr.put("command", command);
        Map<String, String> env = new TreeMap<>();
        List<Map<String, Object>> secretEnv = new ArrayList<>();
        body.path("variables").fields().forEachRemaining(v -> {
          String value = v.getValue().asText();
          if (value.startsWith("${secret.")) {
            String[] parts = value.substring(2, value.length() - 1).split("\\.");
            secretEnv.add(Map.of("name", v.getKey(), "secret", parts[1], "key", parts[2]));
          } else {
            env.put(v.getKey(), value.replace("${metadata.name}", name));
          }
        });
        ctr.put("env", env);
        ctr.put("secretEnv", secretEnv);
        ctr.put("resources", Fixture.SPEC_MAPPER.convertValue(body.path("resources"), Map.class));
        if (body.has("readinessProbe")) {
          ctr.put("readinessPath", body.path("readinessProbe").path("httpGet").path("path").asText());
        }
        containers.add(ctr);
      });
      svc.put("containers", containers);
      List<Map<String, Object>> secrets = new ArrayList<>();
      workload.path("resources").fields().forEachRemaining(r -> {
        if (r.getValue().path("type").asText().equals("secret")) {
          List<String> properties = new ArrayList<>();
          r.getValue().path("params").path("keys").forEach(k -> properties.add(k.asText()));
          secrets.add(Map.of("name", r.getKey(), "key", r.getValue().path("id").asText(),
              "provider", r.getValue().path("params").path("provider").asText("vault"), "properties", properties));
        }
      });
      svc.put("secrets", secrets);
      svc.put("callers", callers.getOrDefault(self, List.of()));
      svc.put("callees", callees.getOrDefault(self, List.of()));
      if (spec.has("autoscaling")) {
        svc.put("autoscaling", Map.of("name", name, "namespace", namespace, "min", spec.path("replicas").asInt(1),
            "max", spec.path("autoscaling").path("max").asInt(),
            "cpu", spec.path("autoscaling").path("metrics").path(0).path("target").asInt(70)));
      }
      JsonNode routes = spec.path("ingress").path("routes");
      if (routes.size() > 0) {
        JsonNode route = routes.elements().next();
        svc.put("ingress", Map.of("host", route.path("hosts").path(0).asText(),
            "issuer", route.path("tls").path("issuerRef").path("name").asText("letsencrypt")));
      }
      out.add(svc);
    }
    return out;
  }

  /**
   * One entry per namespace with routes: its routed hosts in name order, each with the TLS Secret of the first
   * service (in fleet order) that routes it — what Lattice's shared Gateway holds.
   */
  static List<Map<String, Object>> gateways(List<Map<String, Object>> services) {
    Map<String, Map<String, String>> hosts = new TreeMap<>();
    for (Map<String, Object> svc : services) {
      if (svc.get("ingress") instanceof Map<?, ?> ingress) {
        hosts.computeIfAbsent((String) svc.get("namespace"), k -> new TreeMap<>())
            .putIfAbsent((String) ingress.get("host"), svc.get("name") + "-public-tls");
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    hosts.forEach((namespace, byHost) -> {
      List<Map<String, Object>> listeners = new ArrayList<>();
      byHost.forEach((host, secret) -> listeners.add(Map.of("host", host, "secret", secret)));
      out.add(Map.of("namespace", namespace, "hosts", listeners));
    });
    return out;
  }

  private static String ref(JsonNode doc) {
    return doc.path("metadata").path("namespace").asText() + "/" + doc.path("metadata").path("name").asText();
  }

  private static Map<String, Object> peer(String ref, int port) {
    int slash = ref.indexOf('/');
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("namespace", ref.substring(0, slash));
    out.put("name", ref.substring(slash + 1));
    out.put("port", port);
    return out;
  }

  /** The number of YAML documents with a kind in helm's output. */
  public static int countDocuments(String rendered) {
    int count = 0;
    int at = rendered.startsWith("kind: ") ? 0 : rendered.indexOf("\nkind: ");
    while (at >= 0) {
      count++;
      at = rendered.indexOf("\nkind: ", at + 1);
    }
    return count;
  }
}
