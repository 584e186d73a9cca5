package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** {@code spec.ingress}: routes from outside the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Ingress {
  @JsonPropertyDescription("Gateway class (default istio).")
  public String gatewayClass;

  @JsonPropertyDescription("Routes by name.")
  public Map<String, Route> routes;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Route {
    @JsonPropertyDescription("HTTPRoute (default), GRPCRoute or TCPRoute.")
    public String kind;

    public List<String> hosts;

    @JsonPropertyDescription("Name of the service port to route to (required when there are several).")
    public String port;

    public Integer listenPort;
    public List<Rule> rules;
    public Tls tls;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Rule {
    public List<Match> matches;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Match {
    public PathMatch path;
    public List<HeaderMatch> headers;
    public String method;
    public Map<String, String> grpcMethod;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PathMatch {
    @JsonPropertyDescription("PathPrefix (default) or Exact.")
    public String type;

    public String value;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HeaderMatch {
    public String name;
    public String value;

    @JsonPropertyDescription("Exact (default) or RegularExpression.")
    public String type;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Tls {
    @JsonPropertyDescription("An existing TLS secret; exclusive with issuerRef.")
    public String secretName;

    public IssuerRef issuerRef;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IssuerRef {
    public String name;

    @JsonPropertyDescription("ClusterIssuer (default) or Issuer.")
    public String kind;
  }
}
