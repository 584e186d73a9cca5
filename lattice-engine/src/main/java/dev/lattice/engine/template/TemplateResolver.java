package dev.lattice.engine.template;

import dev.lattice.api.model.Port;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Suggestions;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.params.SecretParams;
import java.util.List;
import java.util.Optional;

/**
 * Resolves references against a service's context. The supported references are listed in {@link #SUPPORTED}, which
 * every "unknown reference" fix quotes.
 */
public final class TemplateResolver {
  public static final String SUPPORTED =
      "${metadata.name}, ${metadata.namespace}, ${metadata.annotations.<key>}, ${cluster.name}, "
          + "${resources.<resource>.host|port|url} (services and external services), "
          + "${resources.<volume>.claim_name} and ${secret.<secret resource>.<key>}";

  private static final List<String> ROOTS = List.of("metadata", "cluster", "resources", "secret");

  private static final java.util.regex.Pattern SECRET_KEY = java.util.regex.Pattern.compile("[-._a-zA-Z0-9]{1,253}");

  private final ServiceContext context;

  public TemplateResolver(ServiceContext context) {
    this.context = context;
  }

  public Resolution resolve(Template.Reference reference) {
    String expression = reference.expression();
    String[] parts = expression.split("\\.", -1);
    return switch (parts[0]) {
      case "metadata" -> metadata(expression, parts);
      case "cluster" -> parts.length == 2 && parts[1].equals("name")
          ? new Resolution.Value(context.settings().clusterName())
          : unknown(expression);
      case "resources" -> resource(expression, parts);
      case "secret" -> secret(expression, parts);
      default -> unknown(expression);
    };
  }

  private Resolution metadata(String expression, String[] parts) {
    ServiceIntent intent = context.intent();
    if (parts.length == 2 && parts[1].equals("name")) {
      return new Resolution.Value(intent.ref().name());
    }
    if (parts.length == 2 && parts[1].equals("namespace")) {
      return new Resolution.Value(intent.ref().namespace());
    }
    if (parts.length >= 3 && parts[1].equals("annotations")) {
      String key = expression.substring("metadata.annotations.".length());
      String value = intent.annotations().get(key);
      if (value == null) {
        return new Resolution.Unresolved(
            Reason.TemplateUnresolved,
            "'${" + expression + "}' refers to annotation '" + key + "', which metadata.annotations does not have.",
            "add the annotation to metadata.annotations or remove the reference.");
      }
      return new Resolution.Value(value);
    }
    return unknown(expression);
  }

  private Resolution resource(String expression, String[] parts) {
    if (parts.length != 3) {
      return unknown(expression);
    }
    Optional<Resource> found = context.resourceForTemplate(parts[1]);
    if (found.isEmpty()) {
      Optional<String> meant = nearestResource(parts[1], r -> true);
      return new Resolution.Unresolved(
          Reason.TemplateUnresolved,
          "'${" + expression + "}' refers to resource '" + parts[1] + "', which spec.workload.resources does not "
              + "declare" + meant.map(m -> "; did you mean '${resources." + m + "." + parts[2] + "}'?")
              .orElse("." + declared(r -> true)),
          meant.map(m -> "write '" + m + "' for '" + parts[1] + "', or declare '" + parts[1]
                  + "' under spec.workload.resources.")
              .orElse("declare it under spec.workload.resources (write '-' in its name as '_' in templates), or "
                  + "fix the name."));
    }
    Resource resource = found.get();
    String field = parts[2];
    return switch (resource.type()) {
      case SERVICE -> serviceOutput(expression, resource, field);
      case EXTERNAL_SERVICE -> externalOutput(expression, resource, field);
      case VOLUME -> field.equals("claim_name")
          ? new Resolution.Value(VolumeClaims.claimName(context, resource))
          : noSuchOutput(expression, resource, "claim_name");
      default -> new Resolution.Unresolved(
          Reason.TemplateUnresolved,
          "'${" + expression + "}': resource '" + resource.name() + "' is of type " + resource.typeName()
              + ", which has no host, port or url.",
          resource.type() == Resource.Type.SECRET
              ? "reference a secret key as ${secret." + resource.name() + ".<key>}."
              : "reference a service or external-service resource instead.");
    };
  }

  private Resolution serviceOutput(String expression, Resource resource, String field) {
    ServiceRef target = context.target(resource);
    String host = target.name() + "." + target.namespace() + ".svc." + context.settings().clusterDomain();
    if (field.equals("host")) {
      return new Resolution.Value(host);
    }
    if (!field.equals("port") && !field.equals("url")) {
      return noSuchOutput(expression, resource, "host, port or url");
    }
    Optional<Port> port = context.fleet().find(target).flatMap(TemplateResolver::primaryPort);
    if (port.isEmpty()) {
      boolean known = context.fleet().find(target).isPresent();
      // The other service may declare its ports under a misspelt field; its owners need to know which.
      String typo = context.fleet().find(target).flatMap(t -> t.unknownFieldFor("spec.workload.service.ports"))
          .map(u -> " (its spec has the unknown field '" + u.name() + "' at " + u.path() + "; did you mean '"
              + u.meant().orElseThrow() + "'?)").orElse("");
      return new Resolution.Unresolved(
          Reason.DependencyPortUnknown,
          "'${" + expression + "}' needs the port of service " + target + ", which "
              + (known ? "exposes no ports" + typo + "." : "is not among the services given to Lattice."),
          known
              ? "ask the owners of " + target + " to declare spec.workload.service.ports, or write the port "
                  + "literally."
              : "check the resource's id and namespace, derive it together with " + target + ", or write the "
                  + "port literally.");
    }
    int number = port.get().port();
    return new Resolution.Value(field.equals("port") ? Integer.toString(number) : "http://" + host + ":" + number);
  }

  /** The port other services reach: the one named http, else the first by name. */
  static Optional<Port> primaryPort(ServiceIntent callee) {
    var ports = callee.spec().ports();
    if (ports.containsKey("http")) {
      return Optional.of(ports.get("http"));
    }
    return ports.values().stream().findFirst();
  }

  private Resolution externalOutput(String expression, Resource resource, String field) {
    ExternalEndpoints endpoints = context.externals().get(resource.name());
    if (endpoints == null || endpoints.endpoints().isEmpty()) {
      return new Resolution.Unresolved(
          Reason.TemplateUnresolved,
          "'${" + expression + "}': external service '" + resource.name() + "' has no valid endpoint.",
          "declare params.endpoints for it.");
    }
    ExternalEndpoints.Endpoint endpoint = endpoints.endpoints().get(0);
    return switch (field) {
      case "host" -> new Resolution.Value(endpoint.host());
      case "port" -> new Resolution.Value(Integer.toString(endpoint.port()));
      case "url" -> new Resolution.Value(endpoint.url());
      default -> noSuchOutput(expression, resource, "host, port or url");
    };
  }

  private Resolution secret(String expression, String[] parts) {
    // Resource names are DNS labels, so everything after the second dot is the key: tls.crt and ca.crt are keys.
    if (parts.length < 3 || parts[1].isEmpty()) {
      return unknown(expression);
    }
    String key = expression.substring("secret.".length() + parts[1].length() + 1);
    if (key.isEmpty()) {
      return unknown(expression);
    }
    Optional<Resource> found = context.resourceForTemplate(parts[1]);
    if (found.isEmpty()) {
      Optional<String> meant = nearestResource(parts[1], r -> r.type() == Resource.Type.SECRET);
      return new Resolution.Unresolved(
          Reason.SecretReferenceUnknownResource,
          "'${" + expression + "}' refers to '" + parts[1] + "', which is not a secret resource of this service"
              + meant.map(m -> "; did you mean '${secret." + m + "." + key + "}'?")
              .orElse("." + declared(r -> r.type() == Resource.Type.SECRET)),
          meant.map(m -> "write '" + m + "' for '" + parts[1] + "', or declare '" + parts[1]
                  + "' under spec.workload.resources with type: secret, an id and params.provider.")
              .orElse("declare it under spec.workload.resources with type: secret, an id and params.provider."));
    }
    if (found.get().type() != Resource.Type.SECRET) {
      Resource other = found.get();
      return new Resolution.Unresolved(
          Reason.SecretReferenceUnknownResource,
          "'${" + expression + "}' refers to '" + parts[1] + "', which is a resource of type '" + other.typeName()
              + "', not a secret resource" + Suggestions.nearest(other.typeName(), List.of("secret"))
                  .map(m -> "; did you mean type: secret?").orElse("."),
          "give spec.workload.resources." + other.name() + " type: secret (with an id and params.provider), or "
              + "reference a secret resource.");
    }
    Resource resource = found.get();
    SecretParams params = context.secrets().get(resource.name());
    if (!SECRET_KEY.matcher(key).matches()) {
      return new Resolution.Unresolved(
          Reason.SecretReferenceUnknownKey,
          "'${" + expression + "}' uses key '" + key + "', which cannot be a key of a Kubernetes Secret.",
          "use the key as the secret store has it, made of letters, digits, '-', '_' and '.', e.g. "
              + "${secret." + resource.name() + ".password}.");
    }
    if (!params.provides(key)) {
      Optional<String> meant = Suggestions.nearest(key, params.keys().orElseThrow());
      return new Resolution.Unresolved(
          Reason.SecretReferenceUnknownKey,
          "'${" + expression + "}' uses key '" + key + "', which secret resource '" + resource.name()
              + "' does not list in params.keys " + params.keys().orElseThrow()
              + meant.map(m -> "; did you mean '" + m + "'?").orElse("."),
          meant.map(m -> "write '${secret." + parts[1] + "." + m + "}', or add '" + key + "' to "
                  + "spec.workload.resources." + resource.name() + ".params.keys.")
              .orElse("add '" + key + "' to spec.workload.resources." + resource.name() + ".params.keys, or use "
                  + "one of the listed keys."));
    }
    return new Resolution.SecretKey(resource.name(), key, params.provider());
  }

  private static Resolution noSuchOutput(String expression, Resource resource, String available) {
    return new Resolution.Unresolved(
        Reason.TemplateUnresolved,
        "'${" + expression + "}': resource '" + resource.name() + "' (type " + resource.typeName()
            + ") has no such output.",
        "use " + available + ".");
  }

  private static Resolution unknown(String expression) {
    String root = expression.split("\\.", -1)[0];
    Optional<String> meant = Suggestions.nearest(root, ROOTS)
        .map(m -> "'${" + m + expression.substring(root.length()) + "}'");
    return new Resolution.Unresolved(
        Reason.TemplateUnresolved,
        "'${" + expression + "}' is not a reference Lattice knows" + meant.map(m -> "; did you mean " + m + "?")
            .orElse("."),
        "use one of " + SUPPORTED + "; write $${ for a literal ${.");
  }

  /** The resource of this service (among those {@code kind} accepts) that {@code written} most likely means. */
  private Optional<String> nearestResource(String written, java.util.function.Predicate<Resource> kind) {
    List<String> names = context.intent().spec().resources().values().stream().filter(kind)
        .map(Resource::name).toList();
    return Suggestions.nearest(written.replace('_', '-'), names);
  }

  /** " It declares 'a' and 'b'." for a few resources, "" for none or many. */
  private String declared(java.util.function.Predicate<Resource> kind) {
    List<String> names = context.intent().spec().resources().values().stream().filter(kind)
        .map(Resource::name).toList();
    return names.isEmpty() || names.size() > Suggestions.LISTED ? "" : " It declares " + Suggestions.quoted(names)
        + ".";
  }
}
