package dev.lattice.engine.params;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.validate.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Params of a {@code type: external-service} resource: the endpoints outside the cluster it reaches. An id of the
 * form {@code entity:<name>[:port]} names a network entity instead and needs no endpoints.
 */
public record ExternalEndpoints(List<Endpoint> endpoints, Optional<String> entity) {
  private static final List<String> SCHEMES = List.of("https", "http", "tcp", "udp", "grpc");
  /** Cilium's entities (its CRD enum), less "none", which would admit nothing. */
  private static final List<String> ENTITIES = List.of(
      "world", "cluster", "host", "remote-node", "kube-apiserver", "ingress", "health", "init", "unmanaged", "all");
  private static final Pattern HOSTNAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
  private static final String FORMS =
      "https://host, http://host, tcp://host:port, udp://host:port, grpc://host:port or host:port";

  public ExternalEndpoints {
    endpoints = List.copyOf(endpoints);
  }

  /** One endpoint; {@code url} is what {@code ${resources.r.url}} renders to. */
  public record Endpoint(String name, String scheme, String host, int port, String url) {}

  /** An endpoint, or what is wrong with the text (never quoting credentials) and how to write it instead. */
  private record Outcome(Optional<Endpoint> endpoint, String problem, String fix) {
    static Outcome ok(Endpoint endpoint) {
      return new Outcome(Optional.of(endpoint), "", "");
    }

    static Outcome bad(String problem, String fix) {
      return new Outcome(Optional.empty(), problem, fix);
    }
  }

  public static Parsed<ExternalEndpoints> parse(Resource resource, String path) {
    Problems problems = new Problems();
    Optional<String> entity = resource.id().filter(id -> id.startsWith("entity:"));
    List<Endpoint> endpoints = new ArrayList<>();
    Object raw = resource.params().get("endpoints");
    if (raw instanceof Map<?, ?> map && !map.isEmpty()) {
      new TreeMap<>(map)
          .forEach(
              (name, value) -> {
                String text = value == null ? "" : String.valueOf(value);
                Outcome outcome = endpoint(String.valueOf(name), text);
                if (outcome.endpoint().isPresent()) {
                  endpoints.add(outcome.endpoint().get());
                } else {
                  problems.add(
                      Reason.InvalidEndpointUrl, path + ".params.endpoints." + name, outcome.problem(),
                      outcome.fix());
                }
              });
    } else if (raw != null && !(raw instanceof Map<?, ?>)) {
      problems.add(
          Reason.ExternalEndpointsMissing,
          path + ".params.endpoints",
          "endpoints of external-service resource '" + resource.name() + "' is not a mapping of names to URLs.",
          "write endpoints as name: URL pairs, e.g. endpoints: {api: \"https://api.example.com\"}.");
    } else if (entity.isEmpty()) {
      problems.add(
          Reason.ExternalEndpointsMissing,
          path + ".params.endpoints",
          "external-service resource '" + resource.name() + "' lists no endpoints.",
          "add params.endpoints, e.g. endpoints: {api: \"https://api.example.com\"}.");
    }
    entity.filter(id -> !isEntity(id)).ifPresent(
        id -> problems.add(
            Reason.InvalidEndpointUrl,
            path + ".id",
            "'" + id + "' does not name a network entity with an optional port.",
            "write entity:<name> or entity:<name>:<port> with one of " + String.join(", ", ENTITIES)
                + ", e.g. id: entity:kube-apiserver:6443."));
    return new Parsed<>(new ExternalEndpoints(endpoints, entity), problems.list());
  }

  /** {@code entity:<Cilium entity>[:<port>]}; the entity becomes a CiliumNetworkPolicy toEntities value. */
  private static boolean isEntity(String id) {
    String[] parts = id.substring("entity:".length()).split(":", -1);
    return parts.length <= 2 && ENTITIES.contains(parts[0])
        && (parts.length == 1 || parts[1].matches("0*[1-9]\\d{0,4}") && Integer.parseInt(parts[1]) <= 65535);
  }

  private static Outcome endpoint(String name, String raw) {
    String text = raw.trim();
    if (text.isEmpty()) {
      return Outcome.bad("endpoint '" + name + "' has no URL.", "write " + FORMS + ".");
    }
    String scheme = null;
    String rest = text;
    int separator = text.indexOf("://");
    if (separator >= 0) {
      scheme = text.substring(0, separator);
      rest = text.substring(separator + 3);
      if (!SCHEMES.contains(scheme)) {
        return Outcome.bad(
            "endpoint '" + name + "' uses scheme '" + scheme + "', which external services do not support.",
            "use https, http, tcp, udp or grpc, e.g. https://api.example.com or tcp://db.example.com:5432.");
      }
    }
    // Host and port end where a path, query or fragment starts.
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String authority = rest.substring(0, end);
    if (authority.contains("@")) {
      // user:password@host: the URL carries a credential, so the message must not repeat it.
      return Outcome.bad(
          "the URL of endpoint '" + name + "' contains credentials (user@ or user:password@ before the host).",
          "remove the credentials from the URL and keep them in a type: secret resource.");
    }
    // Messages quote scheme, host and port only: a path or query may carry a token.
    String shown = (scheme == null ? "" : scheme + "://") + authority;
    String host = authority;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close >= 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
        host = authority.substring(0, close + 1);
        portText = authority.substring(close + 2);
      }
    } else if (authority.contains(":")) {
      host = authority.substring(0, authority.lastIndexOf(':'));
      portText = authority.substring(authority.lastIndexOf(':') + 1);
    }
    if (host.isEmpty() || !(HOSTNAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
      return Outcome.bad(
          "endpoint '" + name + "' ('" + shown + "') has " + (host.isEmpty() ? "no host" : "host '" + host
              + "', which is not a host name or IP address") + ".",
          "write " + FORMS + ", e.g. https://api.example.com.");
    }
    String effective = scheme == null ? "tcp" : scheme;
    int port;
    if (portText != null) {
      if (!portText.matches("0*[1-9]\\d{0,4}") || Integer.parseInt(portText) > 65535) {
        return Outcome.bad(
            "endpoint '" + name + "' ('" + shown + "') has port '" + portText + "', which is not a port from 1 to "
                + "65535.",
            "write a port number from 1 to 65535 after the host, e.g. " + effective + "://" + host + ":443.");
      }
      port = Integer.parseInt(portText);
    } else if (effective.equals("https")) {
      port = 443;
    } else if (effective.equals("http")) {
      port = 80;
    } else if (scheme == null) {
      return Outcome.bad(
          "endpoint '" + name + "' ('" + shown + "') has neither a scheme nor a port.",
          "write https://" + host + " for HTTPS (port 443), or " + host + ":<port> for plain TCP.");
    } else {
      return Outcome.bad(
          "endpoint '" + name + "' ('" + shown + "') has no port; " + scheme + " endpoints have no default port.",
          "add the port, e.g. " + scheme + "://" + host + ":5432.");
    }
    String url = scheme == null ? host + ":" + port : text;
    return Outcome.ok(new Endpoint(name, effective, host, port, url));
  }
}
