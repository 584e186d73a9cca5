package dev.lattice.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of LatticeService documents, as the YAML trees a user would write (plain maps and lists,
 * so the wire mapping is exercised too: turn one into text with {@link #yaml} and read it with
 * {@link Specs#mapped}).
 *
 * <p>Every choice has a valid default; with a bad-choice rate above zero, each choice is sometimes replaced by
 * something invalid (a bad name, a broken {@code ${}, an unknown port, a value the upstream schemas reject). Choices
 * shrink towards the first, valid option and towards leaving optional blocks out, so a failing example shrinks to
 * a small spec.
 */
public final class SpecGenerators {
  /** Every key in YAML double-quoted: "yes", "010" and "1e3" must stay strings. */
  private static final YAMLMapper YAML = new YAMLMapper();

  private static final List<String> NAMESPACES = List.of("shop", "labs", "payments-team");
  private static final List<String> SERVICE_NAMES =
      List.of("api", "orders", "payments", "frontend", "billing", "stock", "search", "notifier");
  private static final List<String> CONTAINER_NAMES = List.of("main", "worker", "api", "helper", "cache-warmer");
  private static final List<String> SIDECAR_NAMES = List.of("proxy", "migrate", "log-shipper", "init-db");
  private static final List<String> PORT_NAMES = List.of("http", "grpc", "metrics", "admin", "tcp-db");
  private static final List<String> BAD_NAMES =
      List.of("Main", "has_underscore", "-lead", "trail-", "9starts-with-digit", "a".repeat(64), "dots.in.name", "");
  private static final List<String> IMAGES =
      List.of(
          "ghcr.io/acme/app:1.0.0", "registry.example.com:5000/team/app:2.3.4",
          "ghcr.io/acme/app:1.0.0@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945", "nginx",
          "nginx:latest", "docker.io/library/busybox:1.36");
  private static final List<String> BAD_IMAGES = List.of("", "bad image", "evil;rm -rf", ".", "app$(id)", "tab\tbed");
  private static final List<String> FILE_PATHS =
      List.of("/etc/app/config.yaml", "/etc/app/settings.json", "/opt/seed/data.bin", "/etc/app/secret.ini",
          "/etc/app/Secret.ini");
  private static final List<String> BAD_FILE_PATHS =
      List.of("relative.txt", "/etc/app/", "/etc//app", "/etc/app-config.yaml", "/etc/app/with space.txt",
          "/etc/app/ünïcode.txt");
  private static final List<String> MOUNT_PATHS = List.of("/var/cache/app", "/data", "/scratch", "/tmp", "/srv/www");
  private static final List<String> ENV_NAMES =
      List.of("LOG_LEVEL", "DATABASE_URL", "SERVICE_NAME", "UPSTREAM", "API_KEY", "config.path", "MODE");
  private static final List<String> BAD_ENV_NAMES = List.of("1BAD", "has space", "eq=sign", "");
  private static final List<String> LITERALS =
      List.of("info", "yes", "010", "", "1e3", "null", "true", "{{ .NotATemplate }}", "$${literal}", "a: b",
          "multi\nline", "ünïcode ✓", "#comment", "- dash", "'quoted'", "\"double\"");
  private static final List<String> PROVIDERS = List.of("vault", "aws-sm", "gcp.secrets");
  private static final List<String> BAD_PROVIDERS = List.of("", "Vault", "my_vault", "vault/prod", " ");
  private static final List<String> SECRET_KEYS = List.of("password", "username", "api-key", "tls.crt", "token_1");
  private static final List<String> BAD_SECRET_KEYS = List.of("api key", "", "a/b", "ключ");
  private static final List<String> HOSTS =
      List.of("shop.example.com", "api.example.com", "*.example.com", "a-b.c-d.example.org", "x.io");
  private static final List<String> BAD_HOSTS = List.of("", "Shop.Example.com", "under_score.com", "-lead.com",
      "host..com", "http://x.com", "*");
  private static final List<String> CPUS = List.of("100m", "250m", "0.5");
  private static final List<String> CPU_LIMITS = List.of("500m", "1", "2", "1500m");
  private static final List<String> MEMORY = List.of("64Mi", "128Mi", "100M");
  private static final List<String> MEMORY_LIMITS = List.of("256Mi", "1Gi", "512Mi");
  private static final List<String> BAD_QUANTITIES = List.of("lots", "1.5Gi", "-1", "0.5m", "1e3", "", "12 Mi");

  private SpecGenerators() {}

  /** Single services with a random identity; {@code badPercent} is the chance each choice is made invalid. */
  public static Gen<Map<String, Object>> services(int badPercent) {
    Gen<Map<String, Object>> gen = in -> {
      Draw d = new Draw(in, badPercent);
      String namespace = d.pick(NAMESPACES);
      String name = d.bad() ? d.pick(BAD_NAMES) : d.pick(SERVICE_NAMES);
      List<Ref> others = new ArrayList<>();
      for (String other : SERVICE_NAMES) {
        if (!other.equals(name) && d.chance(15)) {
          others.add(new Ref(d.chance(80) ? namespace : d.pick(NAMESPACES), other));
        }
      }
      Map<String, Object> document = service(d, new Ref(namespace, name), others);
      if (d.bad()) {
        document.put("spec", holes(d, document.get("spec")));
      }
      return document;
    };
    return gen.describedAs(SpecGenerators::yaml);
  }

  /** Single services built from valid choices only. */
  public static Gen<Map<String, Object>> validServices() {
    return services(0);
  }

  /**
   * Fleets of 2 to {@code max} services with distinct identities that call each other (service resources,
   * {@code ${resources.x.host}} templates); {@code badPercent} as for {@link #services}.
   */
  public static Gen<List<Map<String, Object>>> fleets(int max, int badPercent) {
    Gen<List<Map<String, Object>>> gen = in -> {
      Draw d = new Draw(in, badPercent);
      int size = d.between(2, max);
      List<String> names = new ArrayList<>(SERVICE_NAMES);
      List<Ref> refs = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        refs.add(new Ref(d.pick(NAMESPACES.subList(0, 2)), names.remove(d.between(0, names.size() - 1))));
      }
      List<Map<String, Object>> services = new ArrayList<>();
      for (Ref self : refs) {
        List<Ref> others = new ArrayList<>();
        for (Ref other : refs) {
          if (!other.equals(self) && d.chance(60)) {
            others.add(other);
          }
        }
        services.add(service(d, self, others));
      }
      return services;
    };
    return gen.describedAs(fleet -> String.join("---\n", fleet.stream().map(SpecGenerators::yaml).toList()));
  }

  /**
   * The generated (v1alpha1) document written in {@code version}, as {@code lattice migrate} would write it; empty
   * when the conversion needs a decision (image '.' has no v1 spelling).
   */
  public static Optional<ObjectNode> written(Map<String, Object> document, ApiVersion version) {
    ObjectNode tree = YAML.valueToTree(document);
    return Conversions.convert(tree, version) instanceof ConversionResult.Converted c
        ? Optional.of(c.document()) : Optional.empty();
  }

  /** The document as YAML text, every string quoted. */
  public static String yaml(Map<String, Object> document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A deep copy with the keys of every mapping in a random order (lists keep theirs: their order is meaning). */
  public static <T> T shuffledKeys(T value, Random random) {
    return copy(value, random);
  }

  /** A deep, mutable copy; with a {@code random}, the keys of every mapping are shuffled. */
  @SuppressWarnings("unchecked")
  private static <T> T copy(T value, Random random) {
    if (value instanceof Map<?, ?> map) {
      List<Object> keys = new ArrayList<>(map.keySet());
      if (random != null) {
        Collections.shuffle(keys, random);
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Object key : keys) {
        out.put(key, copy(map.get(key), random));
      }
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(copy(item, random));
      }
      return (T) out;
    }
    return value;
  }

  /**
   * Replaces one to three values anywhere in {@code tree} by null: what a user gets from {@code key:} with nothing
   * after it, or from a {@code - } list item left empty.
   */
  private static Object holes(Draw d, Object original) {
    Object tree = copy(original, null);
    int holes = d.between(1, 3);
    for (int h = 0; h < holes; h++) {
      List<Runnable> places = new ArrayList<>();
      collect(tree, places);
      if (!places.isEmpty()) {
        places.get(d.between(0, places.size() - 1)).run();
      }
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object node, List<Runnable> places) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : List.copyOf(map.keySet())) {
        places.add(() -> ((Map<Object, Object>) map).put(key, null));
        collect(map.get(key), places);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        places.add(() -> ((List<Object>) list).set(index, null));
        collect(list.get(i), places);
      }
    }
  }

  /** Namespace and name of a generated service. */
  public record Ref(String namespace, String name) {}

  // ---------------------------------------------------------------------------------------------------------------

  /** What the spec declared so far, so later choices (templates, probes, routes) can refer to it. */
  private static final class Declared {
    final List<String> ports = new ArrayList<>();
    final Map<String, String> resourceTypes = new LinkedHashMap<>();
    final Map<String, List<String>> secretKeys = new LinkedHashMap<>();
    final List<String> externalsWithEndpoints = new ArrayList<>();
    final List<String> annotations = new ArrayList<>();

    List<String> ofType(String type) {
      return resourceTypes.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey)
          .toList();
    }
  }

  private static Map<String, Object> service(Draw d, Ref self, List<Ref> others) {
    Declared declared = new Declared();
    Map<String, Object> metadata = map("name", self.name(), "namespace", self.namespace());
    if (d.bad()) {
      metadata.put("namespace", d.pick(List.of("kube-system", "lattice-system", "capi-prod", "Bad_NS")));
    }
    if (d.chance(20)) {
      metadata.put("uid", "0000000" + d.between(0, 9) + "-aaaa-bbbb-cccc-dddddddddddd");
    }
    if (d.chance(30)) {
      metadata.put("annotations", map("team", d.pick(List.of("core", "payments", "yes"))));
      declared.annotations.add("team");
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    // Ports and resources first: containers, routes and templates refer to them.
    Map<String, Object> ports = ports(d, declared);
    Map<String, Object> resources = resources(d, self, others, declared);
    if (d.bad() && d.chance(30)) {
      spec.put("replicas", 3); // no workload at all
    } else {
      Map<String, Object> workload = new LinkedHashMap<>();
      workload.put("containers", containers(d, declared, false));
      if (!ports.isEmpty()) {
        workload.put("service", map("ports", ports));
      }
      if (!resources.isEmpty()) {
        workload.put("resources", resources);
      }
      spec.put("workload", workload);
    }
    scaling(d, spec);
    if (d.chance(20)) {
      Map<String, Object> sidecars = containers(d, declared, true);
      if (!sidecars.isEmpty()) {
        spec.put("sidecars", sidecars);
      }
    }
    if (d.chance(25) && (!declared.ports.isEmpty() || d.bad())) {
      spec.put("ingress", ingress(d, declared));
    }
    if (d.chance(15) && (!declared.ports.isEmpty() || d.bad())) {
      String port = declared.ports.isEmpty() || d.bad() ? "nope" : d.pick(declared.ports);
      spec.put("observability", map("metrics", map("port", port, "mappings", map("p99", "histogram($SELECTORS)"))));
    }
    pod(d, spec);
    return map("apiVersion", "lattice.dev/v1alpha1", "kind", "LatticeService", "metadata", metadata, "spec", spec);
  }

  private static Map<String, Object> ports(Draw d, Declared declared) {
    Map<String, Object> ports = new LinkedHashMap<>();
    int count = d.between(0, 3);
    List<Integer> used = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = d.bad() ? d.pick(List.of("Bad_Port", "a-very-long-port-name", "9p")) : d.pick(PORT_NAMES);
      int number = d.bad() ? d.pick(List.of(0, 70000, -1, 8080)) : d.pick(List.of(80, 8080, 9090, 5432, 53, 443));
      // A repeated number is only kept when invalid choices are allowed (DuplicatePort).
      if (ports.containsKey(name) || (used.contains(number) && !d.invalidAllowed())) {
        continue;
      }
      used.add(number);
      Map<String, Object> port = map("port", number);
      if (d.chance(30)) {
        port.put("targetPort", d.bad() ? 0 : d.between(1024, 65535));
      }
      if (d.chance(25)) {
        port.put("protocol", d.bad() ? d.pick(List.of("HTTP", "quic")) : d.pick(List.of("TCP", "UDP", "SCTP", "udp")));
      }
      ports.put(name, port);
      declared.ports.add(name);
    }
    return ports;
  }

  private static Map<String, Object> resources(Draw d, Ref self, List<Ref> others, Declared declared) {
    Map<String, Object> resources = new LinkedHashMap<>();
    // Services: other members of the fleet (or of nobody), outbound, inbound or both.
    for (Ref other : others) {
      Map<String, Object> r = map("type", "service");
      String name = other.name();
      if (!other.namespace().equals(self.namespace())) {
        r.put("namespace", other.namespace());
      }
      if (d.chance(20)) {
        name = "to-" + other.name();
        r.put("id", other.name());
      }
      if (d.chance(30)) {
        r.put("direction", d.bad() ? "sideways" : d.pick(List.of("outbound", "inbound", "both")));
      }
      resources.put(name, r);
      declared.resourceTypes.put(name, "service");
    }
    if (d.chance(15)) {
      // "*" means any caller, which only an inbound resource may say.
      resources.put("callers", map("type", "service", "direction", d.bad() ? "outbound" : "inbound", "id", "*"));
    }
    int externals = d.between(0, 4) * (d.chance(40) ? 1 : 0);
    for (int i = 0; i < externals; i++) {
      String name = "ext-" + i;
      Map<String, Object> r = map("type", "external-service");
      Map<String, Object> endpoints = new LinkedHashMap<>();
      if (d.chance(20)) {
        // A network entity instead of endpoints: Cilium's world, kube-apiserver, ...
        r.put("id", d.bad() ? d.pick(List.of("entity:internet", "entity:world:https", "entity:", "entity:World",
            "entity:world:70000")) : d.pick(List.of("entity:world", "entity:kube-apiserver:6443", "entity:cluster")));
      } else {
        int n = d.bad() ? 0 : d.between(1, 2);
        for (int e = 0; e < n; e++) {
          endpoints.put(
              d.pick(List.of("api", "backup", "eu")),
              d.bad()
                  ? d.pick(List.of("ftp://x", "tcp://db.example.com", "https://:99999", "not a url"))
                  : d.pick(List.of("https://api.example.com", "http://api.example.com:8080/v1",
                      "tcp://db.example.com:5432", "grpc://g.example.com:443", "db.internal:6379",
                      "udp://[fd00::1]:53", "tcp://10.0.0.7:5432")));
        }
        if (!endpoints.isEmpty() || d.chance(50)) {
          r.put("params", map("endpoints", endpoints));
        }
      }
      resources.put(name, r);
      declared.resourceTypes.put(name, "external-service");
      if (!endpoints.isEmpty()) {
        declared.externalsWithEndpoints.add(name);
      }
    }
    int secrets = d.between(0, 4) * (d.chance(50) ? 1 : 0);
    String provider = d.pick(PROVIDERS);
    for (int i = 0; i < secrets; i++) {
      String name = d.bad() ? d.pick(BAD_NAMES) + i
          : d.pick(List.of("db", "api-keys", "tls-cert", "stripe")) + (i == 0 ? "" : "-" + i);
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("provider", d.bad() ? d.pick(BAD_PROVIDERS) : provider);
      List<String> keys = new ArrayList<>();
      if (d.chance(70)) {
        int k = d.bad() ? 0 : d.between(1, 3);
        for (int j = 0; j < k; j++) {
          String key = d.bad() ? d.pick(BAD_SECRET_KEYS) : d.pick(SECRET_KEYS);
          if (!keys.contains(key)) {
            keys.add(key);
          }
        }
        params.put("keys", keys);
      }
      if (d.chance(30)) {
        params.put("refreshInterval", d.bad() ? d.pick(List.of("1d", "soon", "1.5h", "")) : d.pick(
            List.of("1h", "30m", "1h30m", "90s")));
      }
      if (d.chance(25)) {
        params.put("secretType", d.bad() ? "weird" : d.pick(List.of("Opaque", "tls", "kubernetes.io/basic-auth")));
      }
      Map<String, Object> r = map("type", "secret", "params", params);
      if (!d.bad()) {
        r.put("id", d.pick(List.of("team/" + name, "prod/app/" + name, name)));
      }
      resources.put(name, r);
      declared.resourceTypes.put(name, "secret");
      declared.secretKeys.put(name, keys.isEmpty() && !params.containsKey("keys") ? SECRET_KEYS : keys);
    }
    int volumes = d.between(0, 4) * (d.chance(40) ? 1 : 0);
    for (int i = 0; i < volumes; i++) {
      String name = d.bad() ? d.pick(BAD_NAMES) + "v" + i
          : d.pick(List.of("data", "cache", "uploads")) + (i == 0 ? "" : "-" + i);
      Map<String, Object> params = new LinkedHashMap<>();
      if (d.chance(75)) {
        params.put("size", d.bad() ? d.pick(BAD_QUANTITIES) : d.pick(List.of("1Gi", "20Gi", "500Mi", "10G")));
      }
      if (d.chance(30)) {
        params.put("storageClass", d.pick(List.of("fast-ssd", "standard")));
      }
      if (d.chance(30)) {
        params.put("accessMode", d.bad() ? "ReadWriteSometimes"
            : d.pick(List.of("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany")));
      }
      Map<String, Object> r = map("type", "volume");
      if (d.chance(25)) {
        r.put("id", d.bad() ? d.pick(List.of("Shared_Cache", "x".repeat(51))) : "shared-" + name);
      }
      if (!params.isEmpty()) {
        r.put("params", params);
      }
      resources.put(name, r);
      declared.resourceTypes.put(name, "volume");
    }
    if (d.chance(5)) {
      resources.put("accel", map("type", "gpu", "params", map("count", d.bad() ? 0 : 1)));
    }
    if (d.chance(5)) {
      resources.put("queue", map("type", d.bad() ? "Not A Type" : "message-queue", "class", "standard"));
    }
    return resources;
  }

  private static Map<String, Object> containers(Draw d, Declared declared, boolean sidecars) {
    Map<String, Object> containers = new LinkedHashMap<>();
    int count = sidecars ? d.between(1, 2) : (d.bad() ? 0 : d.between(1, 3));
    for (int i = 0; i < count; i++) {
      String name = d.bad() ? d.pick(BAD_NAMES)
          : sidecars && d.bad() ? d.pick(CONTAINER_NAMES) : d.pick(sidecars ? SIDECAR_NAMES : CONTAINER_NAMES);
      if (containers.containsKey(name)) {
        continue;
      }
      containers.put(name, container(d, declared, sidecars));
    }
    return containers;
  }

  private static Map<String, Object> container(Draw d, Declared declared, boolean sidecar) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("image", d.bad() ? d.pick(BAD_IMAGES) : d.pick(IMAGES));
    boolean init = sidecar && d.chance(40);
    if (init) {
      c.put("init", true);
    }
    if (init ? !d.bad() : d.chance(80)) {
      c.put("command", List.of(d.bad() ? "app/server" : d.pick(List.of("/app/server", "/bin/sh", "/usr/bin/run"))));
    }
    if (d.chance(30)) {
      c.put("args", List.of("--port", "8080", d.pick(LITERALS)));
    }
    if (d.chance(10)) {
      c.put("workingDir", "/app");
    }
    c.put("resources", compute(d));
    if (d.chance(60)) {
      Map<String, Object> variables = new LinkedHashMap<>();
      int n = d.between(1, 4);
      for (int i = 0; i < n; i++) {
        variables.put(d.bad() ? d.pick(BAD_ENV_NAMES) : d.pick(ENV_NAMES), value(d, declared, sidecar));
      }
      c.put("variables", variables);
    }
    Map<String, Object> files = files(d, declared, sidecar);
    if (!files.isEmpty()) {
      c.put("files", files);
    }
    Map<String, Object> volumes = volumes(d, declared, files.keySet());
    if (!volumes.isEmpty()) {
      c.put("volumes", volumes);
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      // Kubernetes allows no probes on init containers.
      if ((!init || d.bad()) && d.chance(25)) {
        c.put(probe, probe(d, declared));
      }
    }
    List<String> secrets = declared.ofType("secret");
    if (d.chance(15) && (!secrets.isEmpty() || d.bad())) {
      c.put("envFrom", List.of(secrets.isEmpty() || d.bad() ? d.pick(List.of("nope", "ext-0")) : d.pick(secrets)));
    }
    if (d.chance(25)) {
      c.put("security", security(d));
    }
    return c;
  }

  private static Map<String, Object> compute(Draw d) {
    Map<String, Object> resources = new LinkedHashMap<>();
    if (d.chance(50)) {
      resources.put("requests", map(
          "cpu", d.bad() ? d.pick(BAD_QUANTITIES.subList(0, 5)) : d.pick(CPUS),
          "memory", d.bad() ? d.pick(List.of("4Gi", "lots")) : d.pick(MEMORY)));
    }
    if (!d.bad()) {
      Map<String, Object> limits = new LinkedHashMap<>();
      limits.put("cpu", d.bad() ? d.pick(BAD_QUANTITIES) : d.pick(CPU_LIMITS));
      if (d.chance(85)) {
        limits.put("memory", d.bad() ? d.pick(BAD_QUANTITIES) : d.pick(MEMORY_LIMITS));
      }
      resources.put("limits", limits);
    }
    return resources;
  }

  /** A variable or file value: literal, templated, or broken. Sidecar values are never templated. */
  private static String value(Draw d, Declared declared, boolean sidecar) {
    List<String> refs = new ArrayList<>(List.of("${metadata.name}", "${metadata.namespace}", "${cluster.name}"));
    declared.annotations.forEach(a -> refs.add("${metadata.annotations." + a + "}"));
    declared.ofType("service").forEach(r -> refs.add("${resources." + r.replace('-', '_') + ".host}"));
    declared.externalsWithEndpoints.forEach(
        r -> refs.add("${resources." + r + "." + d.pick(List.of("host", "port", "url")) + "}"));
    declared.ofType("volume").forEach(r -> refs.add("${resources." + r + ".claim_name}"));
    declared.secretKeys.forEach((s, keys) -> {
      if (!keys.isEmpty()) {
        refs.add("${secret." + s + "." + d.pick(keys) + "}");
      }
    });
    if (d.bad()) {
      return d.pick(List.of("${", "${}", "broken ${metadata.name", "${unknown.thing}", "${resources.nope.host}",
          "${secret.nope.key}", "${metadata.annotations.absent}", "${resources.ext-0.port}",
          "${secret.db.not-listed}", "${resources.orders.url}", "${secret.db}"));
    }
    return switch (d.between(0, 3)) {
      case 0 -> d.pick(LITERALS);
      case 1 -> d.pick(refs);
      case 2 -> "prefix-" + d.pick(refs) + "-suffix";
      default -> {
        // Mixed text with at most one secret reference: one value may only use one secret provider.
        String first = d.pick(refs);
        String second = d.pick(refs);
        yield first.startsWith("${secret.") && second.startsWith("${secret.")
            ? "scheme://" + first + "@host"
            : "scheme://" + first + "@" + second + "/path?x=$${raw}";
      }
    };
  }

  private static Map<String, Object> files(Draw d, Declared declared, boolean sidecar) {
    Map<String, Object> files = new LinkedHashMap<>();
    if (!d.chance(35)) {
      return files;
    }
    int n = d.between(1, 3);
    for (int i = 0; i < n; i++) {
      String path = d.bad() ? d.pick(BAD_FILE_PATHS) : d.pick(FILE_PATHS);
      Map<String, Object> file = new LinkedHashMap<>();
      switch (d.between(0, 3)) {
        case 0 -> file.put("content", "key: " + value(d, declared, sidecar) + "\nother: " + value(d, declared, sidecar)
            + "\n");
        case 1 -> file.put("binaryContent", d.bad() ? "not base64!!" : d.pick(List.of("aGVsbG8=", "AAEC/w==",
            "iVBORw0KGgo=\n")));
        case 2 -> {
          file.put("content", "echo ${HOME} $${metadata.name}");
          file.put("reverseExpand", true);
        }
        default -> {
          file.put("content", "${not.expanded}");
          file.put("noExpand", true);
        }
      }
      if (d.bad()) {
        file.put(file.containsKey("content") ? "binaryContent" : "content", "aGk=");
      }
      if (d.chance(40)) {
        file.put("mode", d.bad() ? d.pick(List.of("0777", "abc", "4755", "9")) : d.pick(List.of("0644", "0600",
            "0444", "755")));
      }
      files.put(path, file);
    }
    return files;
  }

  private static Map<String, Object> volumes(Draw d, Declared declared, java.util.Set<String> filePaths) {
    Map<String, Object> volumes = new LinkedHashMap<>();
    if (!d.chance(30)) {
      return volumes;
    }
    int n = d.between(1, 2);
    List<String> sources = declared.ofType("volume");
    for (int i = 0; i < n; i++) {
      String path = d.bad() ? d.pick(List.of("relative/dir", "/etc/app/config.yaml")) : d.pick(MOUNT_PATHS);
      if (filePaths.contains(path) && !d.invalidAllowed()) {
        continue;
      }
      Map<String, Object> volume = new LinkedHashMap<>();
      if ((!sources.isEmpty() && d.chance(50)) || d.bad()) {
        volume.put("source", sources.isEmpty() || d.bad()
            ? d.pick(List.of("${resources.nope}", "${resources.db}", "data"))
            : "${resources." + d.pick(sources) + "}");
        if (d.chance(30)) {
          volume.put("path", "sub/dir");
        }
        if (d.chance(30)) {
          volume.put("readOnly", true);
        }
      } else {
        if (d.chance(30)) {
          volume.put("medium", "Memory");
        }
        if (d.chance(30)) {
          volume.put("sizeLimit", d.bad() ? "lots" : d.pick(List.of("64Mi", "1Gi")));
        }
      }
      volumes.put(path, volume);
    }
    return volumes;
  }

  private static Map<String, Object> probe(Draw d, Declared declared) {
    Map<String, Object> probe = new LinkedHashMap<>();
    boolean http = d.chance(60);
    if (http || d.bad()) {
      Object port = declared.ports.isEmpty() || d.chance(30) ? (Object) d.pick(List.of(8080, 9000))
          : d.pick(declared.ports);
      if (d.bad()) {
        port = d.pick(List.of("nope", 0, 70000, "99999999999", "", "08080"));
      }
      Map<String, Object> get = map("path", d.pick(List.of("/healthz", "/ready", "/")), "port", port);
      if (d.chance(20)) {
        get.put("scheme", "HTTPS");
      }
      if (d.chance(20)) {
        get.put("httpHeaders", List.of(map("name", "X-Probe", "value", d.pick(LITERALS))));
      }
      probe.put("httpGet", get);
    }
    if (!http || d.bad()) {
      probe.put("exec", map("command", d.bad() ? List.of() : List.of("/bin/check", "--quick")));
    }
    for (String timing : List.of("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold")) {
      if (d.chance(20)) {
        probe.put(timing, d.bad() ? -1 : d.between(1, 60));
      }
    }
    if (d.chance(10)) {
      probe.put("successThreshold", d.bad() ? 0 : 1);
    }
    return probe;
  }

  private static Map<String, Object> security(Draw d) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (d.chance(30)) {
      s.put("capabilities", List.of(d.pick(List.of("NET_BIND_SERVICE", "NET_RAW", "SYS_TIME"))));
    }
    if (d.chance(15)) {
      s.put("dropCapabilities", List.of("ALL"));
    }
    if (d.chance(20)) {
      s.put("runAsUser", d.pick(List.of(1000L, 0L, 65534L)));
    }
    if (d.chance(15)) {
      s.put("runAsGroup", 1000L);
    }
    if (d.chance(15)) {
      s.put("runAsNonRoot", d.pick(List.of(true, false)));
    }
    if (d.chance(20)) {
      s.put("readOnlyRootFilesystem", d.pick(List.of(false, true)));
    }
    if (d.chance(10)) {
      s.put("privileged", d.pick(List.of(false, true)));
    }
    if (d.chance(10)) {
      s.put("allowPrivilegeEscalation", d.pick(List.of(false, true)));
    }
    if (d.chance(15)) {
      s.put("allowedBinaries", d.bad() ? List.of("sh") : d.pick(List.of(List.of("/bin/sh"), List.of("*"),
          List.of("/usr/bin/curl", "/bin/busybox"))));
    }
    for (String kind : List.of("seccomp", "apparmor")) {
      if (d.chance(25)) {
        String profile = d.bad() ? d.pick(List.of("Bogus", "Localhost")) : d.pick(
            List.of("RuntimeDefault", "Unconfined", "Localhost"));
        s.put(kind + "Profile", profile);
        if (profile.equals("Localhost") && !d.bad()) {
          s.put(kind + "LocalhostProfile", "profiles/app.json");
        }
      }
    }
    return s;
  }

  private static void scaling(Draw d, Map<String, Object> spec) {
    int replicas = d.bad() ? -1 : d.between(0, 5);
    if (d.chance(70) || replicas != 1) {
      spec.put("replicas", replicas);
    }
    if (d.chance(25)) {
      Map<String, Object> autoscaling = new LinkedHashMap<>();
      if (!d.bad()) {
        autoscaling.put("max", Math.max(replicas, 1) + d.between(0, 10));
      } else if (d.chance(50)) {
        autoscaling.put("max", d.pick(List.of(0, -3, Math.max(replicas - 1, 0))));
      }
      if (d.chance(60)) {
        List<Object> metrics = new ArrayList<>();
        int n = d.between(1, 3);
        for (int i = 0; i < n; i++) {
          String metric = d.bad() ? d.pick(List.of("bad metric", "", "9lives")) : d.pick(
              List.of("cpu", "memory", "http_requests_total", "queue:depth"));
          boolean utilisation = metric.equals("cpu") || metric.equals("memory");
          double target = d.bad() ? d.pick(List.of(0.0, -5.0, 150.0, Double.NaN, Double.POSITIVE_INFINITY, 1e300))
              : utilisation ? d.pick(List.of(70.0, 80.0, 55.5, 100.0)) : d.pick(List.of(100.0, 0.5, 2500.0));
          metrics.add(map("metric", metric, "target", target));
        }
        autoscaling.put("metrics", metrics);
      }
      spec.put("autoscaling", autoscaling);
    }
    if (d.chance(20)) {
      Map<String, Object> deploy = map("strategy", d.bad() ? "blue-green" : d.pick(List.of("rolling", "canary")));
      if (d.chance(50)) {
        deploy.put("canary", map("interval", "1m", "maxWeight", 50, "stepWeight", 10));
      }
      spec.put("deploy", deploy);
    }
  }

  private static Map<String, Object> ingress(Draw d, Declared declared) {
    Map<String, Object> routes = new LinkedHashMap<>();
    int n = d.between(1, 2);
    for (int i = 0; i < n; i++) {
      String kind = d.bad() ? "Ingress" : d.pick(List.of("HTTPRoute", "GRPCRoute", "TCPRoute"));
      Map<String, Object> route = new LinkedHashMap<>();
      if (!kind.equals("HTTPRoute") || d.chance(50)) {
        route.put("kind", kind);
      }
      boolean tcp = kind.equals("TCPRoute");
      if (!tcp || d.bad()) {
        List<String> hosts = new ArrayList<>();
        int h = d.bad() ? 0 : d.between(1, 2);
        for (int j = 0; j < h; j++) {
          String host = d.bad() ? d.pick(BAD_HOSTS) : d.pick(HOSTS);
          if (!hosts.contains(host)) {
            hosts.add(host);
          }
        }
        route.put("hosts", hosts);
      }
      if (d.bad()) {
        route.put("port", "nope");
      } else if (declared.ports.size() > 1 || (!declared.ports.isEmpty() && d.chance(50))) {
        route.put("port", d.pick(declared.ports));
      }
      if (tcp && !d.bad()) {
        route.put("listenPort", d.pick(List.of(5432, 6379, 9000)));
      }
      if ((!tcp && d.chance(60)) || d.bad()) {
        route.put("rules", rules(d, kind));
      }
      if ((!tcp && d.chance(40)) || d.bad()) {
        Map<String, Object> tls = new LinkedHashMap<>();
        boolean issuer = d.chance(70);
        if (issuer || d.bad()) {
          Map<String, Object> ref = map("name", d.bad() ? d.pick(List.of("", "Lets_Encrypt"))
              : d.pick(List.of("letsencrypt", "internal-ca")));
          if (d.chance(40)) {
            ref.put("kind", d.bad() ? "Vault" : d.pick(List.of("ClusterIssuer", "Issuer")));
          }
          tls.put("issuerRef", ref);
        }
        if (!issuer || d.bad()) {
          tls.put("secretName", "existing-tls");
        }
        route.put("tls", tls);
      }
      routes.put(d.bad() ? d.pick(BAD_NAMES) : d.pick(List.of("public", "internal", "api", "db")) + "-" + i, route);
    }
    Map<String, Object> ingress = map("routes", routes);
    if (d.chance(20)) {
      ingress.put("gatewayClass", "istio");
    }
    return ingress;
  }

  private static List<Object> rules(Draw d, String kind) {
    List<Object> rules = new ArrayList<>();
    int n = d.between(1, 2);
    for (int i = 0; i < n; i++) {
      List<Object> matches = new ArrayList<>();
      int m = d.between(0, 2);
      for (int j = 0; j < m; j++) {
        Map<String, Object> match = new LinkedHashMap<>();
        boolean grpc = kind.equals("GRPCRoute");
        if ((!grpc && d.chance(70)) || d.bad()) {
          Map<String, Object> path = map("value", d.bad() ? d.pick(List.of("api", "/a//b", "/x#y", "/%2F", ""))
              : d.pick(List.of("/", "/api", "/api/v1", "/static/img.png")));
          if (d.chance(50)) {
            path.put("type", d.bad() ? "Regex" : d.pick(List.of("PathPrefix", "Exact")));
          }
          match.put("path", path);
        }
        if (d.chance(30)) {
          Map<String, Object> header = map(
              "name", d.bad() ? d.pick(List.of("bad header", "", "x:colon")) : d.pick(List.of("x-canary", "X-Tenant")),
              "value", d.bad() ? "" : d.pick(List.of("true", "acme", "v[0-9]+")));
          if (d.chance(30)) {
            header.put("type", d.bad() ? "Prefix" : d.pick(List.of("Exact", "RegularExpression")));
          }
          match.put("headers", List.of(header));
        }
        if (!grpc && d.chance(30)) {
          match.put("method", d.bad() ? d.pick(List.of("get", "FETCH")) : d.pick(List.of("GET", "POST", "PATCH")));
        }
        if (grpc && d.chance(70)) {
          Map<String, Object> method = new LinkedHashMap<>();
          if (d.bad()) {
            method.put(d.pick(List.of("foo", "service", "method")), d.pick(List.of("bad-method", "x y", "ok")));
          } else {
            method.put("service", d.pick(List.of("acme.v1.Orders", "Health", "grpc.health.v1.Health")));
            if (d.chance(60)) {
              method.put("method", d.pick(List.of("Get", "Check", "List_All")));
            }
          }
          match.put("grpcMethod", method);
        }
        matches.add(match);
      }
      rules.add(map("matches", matches));
    }
    return rules;
  }

  private static void pod(Draw d, Map<String, Object> spec) {
    if (d.chance(10)) {
      spec.put("sysctls", map("net.core.somaxconn", "1024", "net.ipv4.ip_local_port_range", "32768 60999"));
    }
    if (d.chance(10)) {
      spec.put("hostNetwork", true);
    }
    if (d.chance(10)) {
      spec.put("shareProcessNamespace", true);
    }
    if (d.chance(10)) {
      spec.put("automountServiceAccountToken", d.pick(List.of(true, false)));
    }
    if (d.chance(5)) {
      // No ImageProvider in the generators' platform: names are not checked (one run warning, NoImageProviders).
      spec.put("imagePullSecrets", List.of("ghcr"));
    }
    if (d.chance(5)) {
      spec.put("backup", map("schedule", "0 2 * * *", "hooks",
          map("pre", List.of(map("name", "dump", "container", d.bad() ? "" : "main",
              "command", List.of(d.bad() ? "pg_dump" : "/bin/pg_dump"))))));
    }
    // The other deferred blocks: accepted, kept and converted unchanged by every served version.
    if (d.chance(5)) {
      spec.put("advertise", map("clusters", List.of("eu-1"), "allowedServices", List.of("*")));
    }
    if (d.chance(5)) {
      spec.put("topology", map("gang", map("minMember", 2)));
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /**
   * Choices drawn from the randomness source. Every draw shrinks towards 0, so {@link #chance} shrinks towards
   * "no" and {@link #pick} towards the first (valid, simplest) option.
   */
  private static final class Draw {
    private final RandomnessSource in;
    private final int badPercent;

    Draw(RandomnessSource in, int badPercent) {
      this.in = in;
      this.badPercent = badPercent;
    }

    int between(int low, int high) {
      return low == high ? low : Generate.range(low, high).generate(in);
    }

    boolean chance(int percent) {
      return between(0, 99) >= 100 - percent;
    }

    boolean invalidAllowed() {
      return badPercent > 0;
    }

    /** True when this choice should be an invalid one. */
    boolean bad() {
      return badPercent > 0 && chance(badPercent);
    }

    <T> T pick(List<T> options) {
      return options.get(between(0, options.size() - 1));
    }
  }
}
