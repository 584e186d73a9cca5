package dev.lattice.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;

/** An ingress route of {@code spec.ingress.routes}. */
public record Route(
    String name,
    Kind kind,
    List<String> hosts,
    Optional<String> port,
    Optional<Integer> listenPort,
    List<Rule> rules,
    Optional<Tls> tls) {
  public Route {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    hosts = Sorted.list(hosts);
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(listenPort, "listenPort");
    rules = Sorted.list(rules);
    Objects.requireNonNull(tls, "tls");
  }

  public enum Kind {
    HTTPRoute,
    GRPCRoute,
    TCPRoute
  }

  public record Rule(List<Match> matches) {
    public Rule {
      matches = Sorted.list(matches);
    }
  }

  /** {@code pathType} is PathPrefix or Exact; header types Exact or RegularExpression. */
  public record Match(
      Optional<String> pathType,
      Optional<String> pathValue,
      List<HeaderMatch> headers,
      Optional<String> method,
      Map<String, String> grpcMethod) {
    public Match {
      headers = Sorted.list(headers);
      grpcMethod = Sorted.map(grpcMethod);
    }
  }

  public record HeaderMatch(String name, String value, String type) {}

  public record Tls(Optional<String> secretName, Optional<String> issuerName, String issuerKind) {}
}
