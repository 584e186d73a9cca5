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

    @JsonPropertyDescription("Host names the route serves (required for HTTPRoute and GRPCRoute).")
    public List<String> hosts;

    @JsonPropertyDescription("Name of the service port to route to (required when there are several).")
    public String port;

    @JsonPropertyDescription("Port the gateway listens on (TCPRoute only).")
    public Integer listenPort;
    @JsonPropertyDescription("Request matches (default: every path).")
    public List<Rule> rules;
    @JsonPropertyDescription("Terminate TLS with an issued certificate (issuerRef) or an existing secret (secretName).")
    public Tls tls;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Rule {
    @JsonPropertyDescription("Any of these matches selects the rule.")
    public List<Match> matches;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Match {
    @JsonPropertyDescription("Match on the request path.")
    public PathMatch path;
    @JsonPropertyDescription("Match on request headers (all must match).")
    public List<HeaderMatch> headers;
    @JsonPropertyDescription("Match on the HTTP method.")
    public String method;
    @JsonPropertyDescription("Match on the gRPC service and method (GRPCRoute).")
    public Map<String, String> grpcMethod;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class PathMatch {
    @JsonPropertyDescription("PathPrefix (default) or Exact.")
    public String type;

    @JsonPropertyDescription("The path, starting with /.")
    public String value;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HeaderMatch {
    @JsonPropertyDescription("Header name.")
    public String name;

    @JsonPropertyDescription("Value to match (a regular expression for type RegularExpression).")
    public String value;

    @JsonPropertyDescription("Exact (default) or RegularExpression.")
    public String type;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Tls {
    @JsonPropertyDescription("An existing TLS secret; exclusive with issuerRef.")
    public String secretName;

    @JsonPropertyDescription("cert-manager issuer that issues the certificate.")
    public IssuerRef issuerRef;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IssuerRef {
    @JsonPropertyDescription("Name of the issuer.")
    public String name;

    @JsonPropertyDescription("ClusterIssuer (default) or Issuer.")
    public String kind;
  }
}
