package dev.lattice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;

/**
 * What the upstream schemas cannot check about one service's derived objects, but the API server or the
 * controllers would reject or silently get wrong: names and keys the API server validates by code, CEL rules the
 * schema check skips, and references between the objects (a mount to a volume, an envFrom to a ConfigMap, a route
 * to a Service port). See "What a passing schema check does not prove" in {@code shared/schemas/README.md}.
 */
public final class ManifestInvariants {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern GRPC_SERVICE = Pattern.compile("(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*");
  private static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
  private static final Pattern HTTP_PATH = Pattern.compile("(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+");

  private ManifestInvariants() {}

  /** Every broken invariant among the objects derived for one service; empty when all hold. */
  public static List<String> problems(List<JsonNode> manifests) {
    List<String> problems = new ArrayList<>();
    Set<String> identities = new HashSet<>();
    for (JsonNode m : manifests) {
      String id = id(m);
      if (!identities.add(id)) {
        problems.add(id + ": derived twice");
      }
      String name = m.path("metadata").path("name").asText();
      if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
        problems.add(id + ": metadata.name is not a DNS subdomain");
      }
      if (m.path("kind").asText().equals("Service") && !dnsLabel(name)) {
        problems.add(id + ": a Service name must be a DNS label of at most 63 characters");
      }
      labels(id + " metadata.labels", m.path("metadata").path("labels"), problems);
    }
    for (JsonNode m : manifests) {
      String id = id(m);
      switch (m.path("kind").asText()) {
        case "ConfigMap" -> configMap(id, m, problems);
        case "ExternalSecret" -> externalSecret(id, m, problems);
        case "Deployment" -> deployment(id, m, manifests, problems);
        case "ScaledObject" -> scaledObject(id, m, manifests, problems);
        case "HTTPRoute", "GRPCRoute", "TCPRoute" -> route(id, m, manifests, problems);
        case "VMServiceScrape" -> scrape(id, m, manifests, problems);
        case "Gateway" -> gateway(id, m, problems);
        default -> {}
      }
    }
    return problems;
  }

  /** Fails listing every broken invariant. */
  public static void assertHold(List<JsonNode> manifests) {
    List<String> problems = problems(manifests);
    if (!problems.isEmpty()) {
      Assertions.fail("derived objects break invariants the schemas cannot check:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  private static void configMap(String id, JsonNode m, List<String> problems) {
    Set<String> keys = new HashSet<>();
    for (String field : List.of("data", "binaryData")) {
      m.path(field).fieldNames().forEachRemaining(key -> {
        if (key.length() > 253 || !CONFIG_KEY.matcher(key).matches()) {
          problems.add(id + ": " + field + " key '" + key + "' is not a valid ConfigMap key");
        }
        if (!keys.add(key)) {
          problems.add(id + ": key '" + key + "' is in both data and binaryData");
        }
      });
    }
  }

  private static void externalSecret(String id, JsonNode m, List<String> problems) {
    // The Secret external-secrets writes gets these keys; the API server checks them, the CRD schema does not.
    m.path("spec").path("target").path("template").path("data").fieldNames().forEachRemaining(key -> {
      if (key.length() > 253 || !CONFIG_KEY.matcher(key).matches()) {
        problems.add(id + ": template data key '" + key + "' is not a valid Secret key");
      }
    });
  }

  private static void deployment(String id, JsonNode m, List<JsonNode> all, List<String> problems) {
    JsonNode pod = m.path("spec").path("template").path("spec");
    labels(id + " pod labels", m.path("spec").path("template").path("metadata").path("labels"), problems);
    Map<String, JsonNode> volumes = new HashMap<>();
    for (JsonNode volume : pod.path("volumes")) {
      String name = volume.path("name").asText();
      if (!dnsLabel(name)) {
        problems.add(id + ": volume name '" + name + "' is not a DNS label");
      }
      if (volumes.put(name, volume) != null) {
        problems.add(id + ": two volumes are named '" + name + "'");
      }
      volumeSource(id, name, volume, all, problems);
    }
    Set<String> containerNames = new HashSet<>();
    Set<String> portNames = new HashSet<>();
    Set<String> used = new HashSet<>();
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : pod.path(list)) {
        String name = c.path("name").asText();
        String cid = id + " " + list + "/" + name;
        if (!containerNames.add(name)) {
          problems.add(id + ": two containers are named '" + name + "'");
        }
        if (list.equals("initContainers")) {
          for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (c.has(probe)) {
              problems.add(cid + ": init containers may not have a " + probe);
            }
          }
        }
        for (JsonNode port : c.path("ports")) {
          String portName = port.path("name").asText();
          if (!portName.isEmpty() && (portName.length() > 15 || !portNames.add(portName))) {
            problems.add(cid + ": port name '" + portName + "' is too long or used twice in the pod");
          }
        }
        Set<String> mountPaths = new HashSet<>();
        for (JsonNode mount : c.path("volumeMounts")) {
          String volume = mount.path("name").asText();
          used.add(volume);
          if (!volumes.containsKey(volume)) {
            problems.add(cid + ": mounts volume '" + volume + "', which the pod does not have");
          }
          if (!mountPaths.add(mount.path("mountPath").asText())) {
            problems.add(cid + ": mounts two volumes at " + mount.path("mountPath").asText());
          }
        }
        Set<String> envNames = new HashSet<>();
        for (JsonNode env : c.path("env")) {
          if (!envNames.add(env.path("name").asText())) {
            problems.add(cid + ": variable " + env.path("name").asText() + " is set twice");
          }
          JsonNode ref = env.path("valueFrom").path("secretKeyRef");
          if (!ref.isMissingNode()) {
            if (!CONFIG_KEY.matcher(ref.path("key").asText()).matches()) {
              problems.add(cid + ": secretKeyRef key '" + ref.path("key").asText() + "' is not a Secret key");
            }
            secretProvides(cid, ref.path("name").asText(), ref.path("key").asText(), all, problems);
          }
        }
        for (JsonNode from : c.path("envFrom")) {
          if (from.has("configMapRef")) {
            find(all, "ConfigMap", from.path("configMapRef").path("name").asText()).ifPresentOrElse(
                cm -> {},
                () -> problems.add(cid + ": envFrom names ConfigMap " + from.path("configMapRef").path("name")
                    + ", which is not derived"));
          }
          if (from.has("secretRef")) {
            secretProvides(cid, from.path("secretRef").path("name").asText(), null, all, problems);
          }
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
          JsonNode port = c.path(probe).path("httpGet").path("port");
          if (port.isInt() && (port.asInt() < 1 || port.asInt() > 65535)) {
            problems.add(cid + ": " + probe + " port " + port + " is not a port number");
          }
        }
      }
    }
    for (String volume : volumes.keySet()) {
      if (!used.contains(volume)) {
        problems.add(id + ": volume '" + volume + "' is mounted by no container");
      }
    }
  }

  private static void volumeSource(String id, String name, JsonNode volume, List<JsonNode> all, List<String> problems) {
    if (volume.has("configMap")) {
      String configMap = volume.path("configMap").path("name").asText();
      var found = find(all, "ConfigMap", configMap);
      if (found.isEmpty()) {
        problems.add(id + ": volume '" + name + "' uses ConfigMap " + configMap + ", which is not derived");
        return;
      }
      for (JsonNode item : volume.path("configMap").path("items")) {
        String key = item.path("key").asText();
        if (!found.get().path("data").has(key) && !found.get().path("binaryData").has(key)) {
          problems.add(id + ": volume '" + name + "' projects key '" + key + "', which ConfigMap " + configMap
              + " does not have");
        }
      }
    }
    if (volume.has("secret")) {
      for (JsonNode item : volume.path("secret").path("items")) {
        secretProvides(id + " volume " + name, volume.path("secret").path("secretName").asText(),
            item.path("key").asText(), all, problems);
      }
    }
  }

  /** The Secret {@code name} comes from a derived ExternalSecret, and has {@code key} when one is given. */
  private static void secretProvides(String where, String name, String key, List<JsonNode> all, List<String> problems) {
    JsonNode source = null;
    for (JsonNode m : all) {
      if (m.path("kind").asText().equals("ExternalSecret")
          && m.path("spec").path("target").path("name").asText().equals(name)) {
        source = m;
      }
    }
    if (source == null) {
      problems.add(where + ": uses Secret " + name + ", which no derived ExternalSecret writes");
      return;
    }
    if (key == null || source.path("spec").has("dataFrom")) {
      return;
    }
    boolean provided = source.path("spec").path("target").path("template").path("data").has(key);
    for (JsonNode data : source.path("spec").path("data")) {
      provided |= source.path("spec").path("target").path("template").path("data").isMissingNode()
          && data.path("secretKey").asText().equals(key);
    }
    if (!provided) {
      problems.add(where + ": uses key '" + key + "' of Secret " + name + ", which its ExternalSecret does not write");
    }
  }

  private static void scaledObject(String id, JsonNode m, List<JsonNode> all, List<String> problems) {
    JsonNode spec = m.path("spec");
    // KEDA's CEL rule, not evaluated by the schema check.
    if (spec.has("minReplicaCount") && spec.has("maxReplicaCount")
        && spec.path("minReplicaCount").asInt() > spec.path("maxReplicaCount").asInt()) {
      problems.add(id + ": minReplicaCount is larger than maxReplicaCount");
    }
    if (find(all, "Deployment", spec.path("scaleTargetRef").path("name").asText()).isEmpty()) {
      problems.add(id + ": scales " + spec.path("scaleTargetRef").path("name") + ", which is not derived");
    }
  }

  /** Listener names are keys of a map-list; listeners sharing port, protocol and hostname are Conflicted. */
  private static void gateway(String id, JsonNode m, List<String> problems) {
    Set<String> names = new HashSet<>();
    Set<String> bindings = new HashSet<>();
    for (JsonNode listener : m.path("spec").path("listeners")) {
      String name = listener.path("name").asText();
      if (!names.add(name) || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
        problems.add(id + ": listener name '" + name + "' is used twice or is not a section name");
      }
      String binding = listener.path("port").asText() + "/" + listener.path("protocol").asText() + "/"
          + listener.path("hostname").asText("*");
      if (!bindings.add(binding)) {
        problems.add(id + ": two listeners bind " + binding + " (the Gateway marks them Conflicted)");
      }
    }
  }

  private static void route(String id, JsonNode m, List<JsonNode> all, List<String> problems) {
    for (JsonNode parent : m.path("spec").path("parentRefs")) {
      var gateway = find(all, "Gateway", parent.path("name").asText());
      boolean listed = false;
      for (JsonNode listener : gateway.map(g -> g.path("spec").path("listeners")).orElse(
          com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
        listed |= listener.path("name").asText().equals(parent.path("sectionName").asText());
      }
      if (!listed) {
        problems.add(id + ": parentRef " + parent + " is not a listener of a derived Gateway");
      }
    }
    for (JsonNode rule : m.path("spec").path("rules")) {
      for (JsonNode backend : rule.path("backendRefs")) {
        var service = find(all, "Service", backend.path("name").asText());
        boolean portFound = false;
        if (service.isPresent()) {
          for (JsonNode port : service.get().path("spec").path("ports")) {
            portFound |= port.path("port").asInt() == backend.path("port").asInt();
          }
        }
        if (!portFound) {
          problems.add(id + ": backend " + backend + " is not a port of a derived Service");
        }
      }
      for (JsonNode match : rule.path("matches")) {
        JsonNode path = match.path("path");
        String value = path.path("value").asText();
        if (path.has("value") && List.of("Exact", "PathPrefix").contains(path.path("type").asText())
            && (!value.startsWith("/") || !HTTP_PATH.matcher(value).matches() || value.contains("//")
                || value.contains("/./") || value.contains("/../") || value.endsWith("/.") || value.endsWith("/..")
                || value.toLowerCase(java.util.Locale.ROOT).contains("%2f"))) {
          problems.add(id + ": path '" + value + "' breaks the Gateway API path rules");
        }
        JsonNode method = match.path("method");
        if (m.path("kind").asText().equals("GRPCRoute") && method.isObject()) {
          boolean exact = !method.has("type") || method.path("type").asText().equals("Exact");
          if (!method.has("service") && !method.has("method")) {
            problems.add(id + ": a gRPC method match needs a service or a method");
          }
          if (exact && method.has("service") && !GRPC_SERVICE.matcher(method.path("service").asText()).matches()) {
            problems.add(id + ": gRPC service " + method.path("service") + " has invalid characters");
          }
          if (exact && method.has("method") && !GRPC_METHOD.matcher(method.path("method").asText()).matches()) {
            problems.add(id + ": gRPC method " + method.path("method") + " has invalid characters");
          }
        }
      }
    }
  }

  private static void scrape(String id, JsonNode m, List<JsonNode> all, List<String> problems) {
    for (JsonNode endpoint : m.path("spec").path("endpoints")) {
      boolean found = false;
      for (JsonNode service : all) {
        if (service.path("kind").asText().equals("Service")) {
          for (JsonNode port : service.path("spec").path("ports")) {
            found |= port.path("name").asText().equals(endpoint.path("port").asText());
          }
        }
      }
      if (!found) {
        problems.add(id + ": scrapes port " + endpoint.path("port") + ", which no derived Service names");
      }
    }
  }

  private static void labels(String where, JsonNode labels, List<String> problems) {
    labels.fields().forEachRemaining(e -> {
      String value = e.getValue().asText();
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        problems.add(where + ": '" + value + "' is not a label value");
      }
    });
  }

  private static java.util.Optional<JsonNode> find(List<JsonNode> all, String kind, String name) {
    return all.stream()
        .filter(m -> m.path("kind").asText().equals(kind) && m.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  private static boolean dnsLabel(String value) {
    return value.length() <= 63 && DNS_LABEL.matcher(value).matches();
  }

  private static String id(JsonNode m) {
    return m.path("apiVersion").asText() + " " + m.path("kind").asText() + " "
        + m.path("metadata").path("namespace").asText() + "/" + m.path("metadata").path("name").asText();
  }
}
