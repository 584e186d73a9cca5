package dev.lattice.cli.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.engine.output.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic synthetic fleet with a fixed seed, for benchmarks, demos and tests: N services over N/20 namespaces
 * (one team each), 1–3 containers, 0–4 service dependencies whose callees declare the caller back (all bilateral),
 * plus 5% one-sided declarations, 1–2 secrets, ingress on 10%, a metrics port on half, and CedarPolicies that grant
 * exactly what the fleet needs (plain per-secret permits in even namespaces, one conditional permit per odd
 * namespace) plus a few forbids. The same seed and size always give the same fleet.
 */
public final class FleetGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One generated document and the file it belongs in (relative to the output directory). */
  public record Document(String file, ObjectNode body) {}

  private FleetGenerator() {}

  public static String namespace(int index) {
    return "team-" + String.format("%03d", index);
  }

  public static String service(int index) {
    return "svc-" + String.format("%05d", index);
  }

  public static List<Document> generate(int services, long seed) {
    Random random = new Random(seed);
    int namespaces = Math.max(1, services / 20);
    Map<Integer, ObjectNode> resourcesByService = new LinkedHashMap<>();
    List<ObjectNode> specs = new ArrayList<>();
    List<String> grants = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      String ns = namespace(i % namespaces);
      String name = service(i);
      ObjectNode resources = NODES.objectNode();
      resourcesByService.put(i, resources);
      int secrets = 1 + random.nextInt(2);
      for (int s = 0; s < secrets; s++) {
        String key = ns + "/" + name + "/secret-" + s;
        ObjectNode secret = resources.putObject("secret-" + s);
        secret.put("type", "secret");
        secret.put("id", key);
        ObjectNode params = secret.putObject("params");
        params.put("provider", "vault");
        params.putArray("keys").add("password").add("username");
        if ((i % namespaces) % 2 == 0) {
          grants.add(permit(ns, name, "AccessSecret", "Lattice::SecretPath::\"vault:" + key + "\""));
        }
      }
      specs.add(spec(ns, name, i, random, resources));
    }
    // Dependencies: caller -> callee, mirrored on the callee (bilateral), plus 5% one-sided.
    for (int i = 0; i < services; i++) {
      int deps = services > 1 ? random.nextInt(5) : 0;
      for (int d = 0; d < deps; d++) {
        int callee = random.nextInt(services);
        if (callee == i) {
          continue;
        }
        String calleeNs = namespace(callee % namespaces);
        String callerNs = namespace(i % namespaces);
        ObjectNode out = resourcesByService.get(i).putObject("dep-" + service(callee));
        out.put("type", "service");
        out.put("id", service(callee));
        out.put("namespace", calleeNs);
        out.put("direction", "outbound");
        if (random.nextInt(100) >= 5) {
          ObjectNode in = resourcesByService.get(callee).putObject("caller-" + service(i));
          in.put("type", "service");
          in.put("id", service(i));
          in.put("namespace", callerNs);
          in.put("direction", "inbound");
        }
      }
    }
    // Odd namespaces are granted their own secrets by one conditional statement each (Cedar evaluates these);
    // even namespaces get one plain permit per secret (decided without a native call).
    for (int n = 1; n < namespaces; n += 2) {
      grants.add("permit(principal, action == Lattice::Action::\"AccessSecret\", resource)\n  when { "
          + "principal.namespace == \"" + namespace(n) + "\" && resource.provider == \"vault\" && resource.path like \""
          + namespace(n) + "/*\" };");
    }
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < services; i++) {
      out.add(new Document(namespace(i % namespaces) + "/" + service(i) + ".yaml", specs.get(i)));
    }
    // Split so that no CedarPolicy outgrows what the API server stores (etcd's 1.5 MiB per object): fleet-secrets,
    // fleet-secrets-2, ... all in platform/policies.yaml.
    List<String> chunk = new ArrayList<>();
    int chunkChars = 0;
    int part = 1;
    for (String grant : grants) {
      if (chunkChars + grant.length() > POLICY_CHUNK_CHARS && !chunk.isEmpty()) {
        out.add(new Document("platform/policies.yaml", policy(policyName(part++), String.join("\n", chunk))));
        chunk.clear();
        chunkChars = 0;
      }
      chunk.add(grant);
      chunkChars += grant.length() + 1;
    }
    out.add(new Document("platform/policies.yaml", policy(policyName(part), String.join("\n", chunk))));
    out.add(new Document("platform/guard-rails.yaml", policy("guard-rails", String.join("\n",
        "forbid(principal, action == Lattice::Action::\"OverrideSecurity\", resource)",
        "  when { resource.override_id == \"privileged\" };",
        "forbid(principal, action == Lattice::Action::\"AccessSecret\", resource == "
            + "Lattice::SecretPath::\"vault:legacy/root-credentials\");",
        "forbid(principal, action == Lattice::Action::\"UseImage\", resource)",
        "  when { resource.registry == \"docker.io\" && resource.tag == \"latest\" };"))));
    return out;
  }

  /** At most this much policy text per generated CedarPolicy. */
  static final int POLICY_CHUNK_CHARS = 512 * 1024;

  private static String policyName(int part) {
    return part == 1 ? "fleet-secrets" : "fleet-secrets-" + part;
  }

  private static ObjectNode spec(String ns, String name, int index, Random random, ObjectNode resources) {
    ObjectNode doc = NODES.objectNode();
    doc.put("apiVersion", "lattice.dev/v1alpha1");
    doc.put("kind", "LatticeService");
    ObjectNode meta = doc.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", ns);
    ObjectNode spec = doc.putObject("spec");
    int replicas = 1 + random.nextInt(3);
    spec.put("replicas", replicas);
    if (random.nextInt(4) == 0) {
      ObjectNode autoscaling = spec.putObject("autoscaling");
      autoscaling.put("max", replicas + 2 + random.nextInt(8));
      autoscaling.putArray("metrics").addObject().put("metric", "cpu").put("target", 70);
    }
    ObjectNode workload = spec.putObject("workload");
    ObjectNode containers = workload.putObject("containers");
    int count = 1 + random.nextInt(3);
    for (int c = 0; c < count; c++) {
      String container = c == 0 ? "main" : "helper-" + c;
      ObjectNode ctr = containers.putObject(container);
      String image = "registry.example.com/" + ns + "/" + name + "-" + container + ":1." + random.nextInt(20);
      ctr.put("image", image + "@sha256:" + sha256(image));
      ctr.putArray("command").add("/app/" + container);
      ObjectNode vars = ctr.putObject("variables");
      vars.put("LOG_LEVEL", "info");
      vars.put("SERVICE", "${metadata.name}");
      if (c == 0) {
        vars.put("DB_PASSWORD", "${secret.secret-0.password}");
      }
      ObjectNode res = ctr.putObject("resources");
      res.putObject("requests").put("cpu", (50 + random.nextInt(4) * 50) + "m").put("memory", "128Mi");
      res.putObject("limits").put("cpu", "1").put("memory", (256 << random.nextInt(3)) + "Mi");
      if (c == 0) {
        ctr.putObject("readinessProbe").putObject("httpGet").put("path", "/healthz").put("port", "http");
      }
    }
    ObjectNode ports = workload.putObject("service").putObject("ports");
    ports.putObject("http").put("port", 80).put("targetPort", 8080);
    if (index % 2 == 0) {
      ports.putObject("metrics").put("port", 9090);
    }
    workload.set("resources", resources);
    if (random.nextInt(10) == 0) {
      ObjectNode route = spec.putObject("ingress").putObject("routes").putObject("public");
      route.putArray("hosts").add(name + "." + ns + ".example.com");
      route.put("port", "http");
      route.putObject("tls").putObject("issuerRef").put("name", "letsencrypt");
    }
    return doc;
  }

  private static String permit(String ns, String name, String action, String resource) {
    return "permit(principal == Lattice::Service::\"" + ns + "/" + name + "\", action == Lattice::Action::\""
        + action + "\", resource == " + resource + ");";
  }

  private static ObjectNode policy(String name, String text) {
    ObjectNode doc = NODES.objectNode();
    doc.put("apiVersion", "lattice.dev/v1alpha1");
    doc.put("kind", "CedarPolicy");
    ObjectNode meta = doc.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", "lattice-system");
    ObjectNode spec = doc.putObject("spec");
    spec.put("description", "Generated by lattice generate-fleet.");
    spec.put("policies", text + "\n");
    return doc;
  }

  private static String sha256(String text) {
    return Manifests.sha256(text);
  }
}
