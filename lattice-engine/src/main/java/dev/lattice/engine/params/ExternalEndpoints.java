package dev.lattice.engine.params;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.validate.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Params of a {@code type: external-service} resource: the endpoints outside the cluster it reaches. An id of the
 * form {@code entity:<name>[:port]} names a network entity instead and needs no endpoints.
 */
public record ExternalEndpoints(List<Endpoint> endpoints, Optional<String> entity) {
  private static final Pattern URL =
      Pattern.compile("(?:(https|http|tcp|udp|grpc)://)?([A-Za-z0-9.\\-]+|\\[[0-9a-fA-F:]+\\])(?::(\\d{1,5}))?(/.*)?");

  public ExternalEndpoints {
    endpoints = List.copyOf(endpoints);
  }

  /** One endpoint; {@code url} is what {@code ${resources.r.url}} renders to. */
  public record Endpoint(String name, String scheme, String host, int port, String url) {}

  public static Parsed<ExternalEndpoints> parse(Resource resource, String path) {
    Problems problems = new Problems();
    Optional<String> entity = resource.id().filter(id -> id.startsWith("entity:"));
    List<Endpoint> endpoints = new ArrayList<>();
    Object raw = resource.params().get("endpoints");
    if (raw instanceof Map<?, ?> map && !map.isEmpty()) {
      new java.util.TreeMap<>(map)
          .forEach(
              (name, value) -> {
                String text = value == null ? "" : String.valueOf(value);
                Optional<Endpoint> endpoint = endpoint(String.valueOf(name), text);
                if (endpoint.isPresent()) {
                  endpoints.add(endpoint.get());
                } else {
                  problems.add(
                      Reason.InvalidEndpointUrl,
                      path + ".params.endpoints." + name,
                      "'" + text + "' is not an endpoint URL.",
                      "write https://host, http://host, tcp://host:port, udp://host:port, grpc://host:port or "
                          + "host:port.");
                }
              });
    } else if (entity.isEmpty()) {
      problems.add(
          Reason.ExternalEndpointsMissing,
          path + ".params.endpoints",
          "external-service resource '" + resource.name() + "' lists no endpoints.",
          "add params.endpoints, e.g. endpoints: {api: \"https://api.example.com\"}.");
    }
    return new Parsed<>(new ExternalEndpoints(endpoints, entity), problems.list());
  }

  static Optional<Endpoint> endpoint(String name, String text) {
    Matcher m = URL.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String scheme = m.group(1) == null ? "tcp" : m.group(1);
    String host = m.group(2);
    int port;
    if (m.group(3) != null) {
      port = Integer.parseInt(m.group(3));
    } else if (scheme.equals("https")) {
      port = 443;
    } else if (scheme.equals("http")) {
      port = 80;
    } else {
      return Optional.empty(); // tcp, udp, grpc and bare hosts need an explicit port
    }
    if (port < 1 || port > 65535 || host.startsWith("-") || host.endsWith(".") && host.length() == 1) {
      return Optional.empty();
    }
    String url = m.group(1) == null ? host + ":" + port : text.trim();
    return Optional.of(new Endpoint(name, scheme, host, port, url));
  }
}
