package dev.lattice.engine.validate;

import dev.lattice.api.model.Port;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules on the service as a whole: identity, ports, scaling, observability and the accepted-but-deferred blocks. */
final class ServiceRules {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private static final String NAMESPACE_RULE =
      "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

  private ServiceRules() {}

  static void check(ServiceContext context, Problems problems) {
    identity(context, problems);
    ServiceSpec spec = context.intent().spec();
    if (!spec.workloadDeclared()) {
      problems.add(
          Reason.MissingWorkload,
          "spec.workload",
          "the spec has no workload, so there is nothing to run.",
          "add spec.workload.containers with at least one container (image, command and resources.limits).");
    }
    ports(spec, problems);
    scaling(spec, problems);
    observability(spec, problems);
    deferred(spec, problems);
  }

  static void identity(ServiceContext context, Problems problems) {
    // These names become directories and file names (lattice derive --output-dir) and object names, so nothing
    // may use them before they pass; messages quote them escaped, since they can hold any character.
    String name = context.name();
    if (name.isEmpty()) {
      problems.add(
          Reason.MissingName,
          "metadata.name",
          "the service has no name.",
          "set metadata.name, e.g. name: payments.");
    } else if (name.length() > 63) {
      problems.add(
          Reason.NameTooLong,
          "metadata.name",
          "the name has " + name.length() + " characters ('" + Names.printable(name) + "'); it names the "
              + "Kubernetes Service, whose name is a DNS label of at most 63 characters.",
          "shorten it, e.g. " + Names.labelLike(name, 63, "payments") + ".");
    } else if (!Names.isDnsLabel(name)) {
      problems.add(
          Reason.InvalidServiceName,
          "metadata.name",
          "'" + Names.printable(name) + "' cannot name a Kubernetes Service.",
          "use " + Names.DNS_LABEL_RULE + ", e.g. " + Names.labelLike(name, 63, "payments") + ".");
    }
    String namespace = context.namespace();
    if (namespace.length() > 63) {
      problems.add(
          Reason.NameTooLong,
          "metadata.namespace",
          "the namespace has " + namespace.length() + " characters ('" + Names.printable(namespace)
              + "'); a namespace name is a DNS label of at most 63 characters.",
          "shorten it, e.g. " + Names.labelLike(namespace, 63, "shop") + ".");
    } else if (!Names.isNamespace(namespace) && !namespace.isEmpty()) {
      problems.add(
          Reason.InvalidNamespace,
          "metadata.namespace",
          "'" + Names.printable(namespace) + "' is not a valid namespace name.",
          "use " + NAMESPACE_RULE + ", e.g. " + Names.labelLike(namespace, 63, "shop") + ".");
    }
    if (context.settings().isSystemNamespace(namespace)) {
      problems.add(
          Reason.SystemNamespace,
          "metadata.namespace",
          "'" + namespace + "' is a system namespace; workloads cannot be deployed there.",
          "deploy to your team's namespace instead; ask " + context.settings().platformContact()
              + " if you do not have one.");
    }
  }

  private static void ports(ServiceSpec spec, Problems problems) {
    Map<Integer, String> byNumber = new HashMap<>();
    for (Port port : spec.ports().values()) {
      String path = "spec.workload.service.ports." + port.name();
      if (!Names.isDnsLabel(port.name())) {
        problems.add(
            Reason.InvalidName,
            path,
            "port name '" + port.name() + "' is not a DNS label.",
            "use " + Names.DNS_LABEL_RULE.replace("63", "15") + ", e.g. " + Names.labelLike(port.name(), 15, "http")
                + ".");
      } else if (port.name().length() > 15) {
        problems.add(
            Reason.PortNameTooLong,
            path,
            "port name '" + port.name() + "' has " + port.name().length()
                + " characters; Kubernetes allows at most 15.",
            "shorten it, e.g. http, grpc or metrics.");
      }
      if (port.port() < 1 || port.port() > 65535) {
        problems.add(
            Reason.InvalidPort,
            path + ".port",
            port.port() == 0 ? "the port is missing or 0." : port.port() + " is not a port number.",
            "set port to a number from 1 to 65535, e.g. port: 8080.");
      }
      if (port.targetPort() < 1 || port.targetPort() > 65535) {
        problems.add(
            Reason.InvalidPort,
            path + ".targetPort",
            port.targetPort() + " is not a port number.",
            "set targetPort to the container's port, from 1 to 65535, or remove it to use port.");
      }
      String other = byNumber.putIfAbsent(port.port(), port.name());
      if (other != null && port.port() != 0) {
        problems.add(
            Reason.DuplicatePort,
            path + ".port",
            "port " + port.port() + " is also used by port '" + other + "'; a Service cannot expose one number "
                + "twice.",
            "give each port its own number, e.g. port: " + freePort(spec, port.port()) + ".");
      }
    }
  }

  /** The next number after {@code taken} that no port of the service uses, for a concrete fix. */
  private static int freePort(ServiceSpec spec, int taken) {
    int candidate = taken;
    do {
      candidate = candidate >= 65535 ? 1 : candidate + 1;
    } while (candidate != taken && isUsed(spec, candidate));
    return candidate;
  }

  private static boolean isUsed(ServiceSpec spec, int number) {
    return spec.ports().values().stream().anyMatch(p -> p.port() == number);
  }

  private static void scaling(ServiceSpec spec, Problems problems) {
    if (spec.replicas() < 0) {
      problems.add(
          Reason.InvalidReplicas,
          "spec.replicas",
          spec.replicas() + " is not a replica count.",
          "set replicas to 0 or more (1 is the default).");
    }
    if (spec.autoscaling().isEmpty()) {
      return;
    }
    ServiceSpec.Autoscaling autoscaling = spec.autoscaling().get();
    // An explicit max: 0 is compared too (the reference rejects replicas 1 > max 0); a missing max is reported by
    // the API mapper, which puts replicas in its place so that it is not reported twice.
    if (spec.replicas() > autoscaling.max()) {
      problems.add(
          Reason.ReplicasExceedMax,
          "spec.replicas",
          "replicas (" + spec.replicas() + ") is more than spec.autoscaling.max (" + autoscaling.max() + ").",
          "lower replicas (it is the autoscaler's minimum) or raise spec.autoscaling.max to at least "
              + spec.replicas() + ".");
    }
    if (autoscaling.max() < 1 && spec.replicas() <= autoscaling.max()) {
      // KEDA requires maxReplicaCount >= 1. Only max: 0 with replicas: 0 gets here: a lower max is already
      // reported above, and a missing max has a valid placeholder from the API mapper.
      problems.add(
          Reason.InvalidReplicas,
          "spec.autoscaling.max",
          "max is " + autoscaling.max() + "; an autoscaler needs a maximum of at least 1 replica.",
          "set spec.autoscaling.max to the most replicas the service may scale to, e.g. max: 10, or remove "
              + "spec.autoscaling to run a fixed number of replicas.");
    }
    List<ServiceSpec.MetricTarget> metrics = autoscaling.metrics();
    for (int i = 0; i < metrics.size(); i++) {
      ServiceSpec.MetricTarget metric = metrics.get(i);
      String path = "spec.autoscaling.metrics[" + i + "]";
      boolean resource = metric.metric().equals("cpu") || metric.metric().equals("memory");
      if (!resource && !METRIC_NAME.matcher(metric.metric()).matches()) {
        problems.add(
            Reason.InvalidMetricName,
            path + ".metric",
            "'" + metric.metric() + "' is not cpu, memory or a Prometheus metric name.",
            "use cpu, memory or a metric name made of letters, digits, '_' and ':', e.g. http_requests_total.");
      }
      String name = metric.metric().isEmpty() ? "the metric" : metric.metric();
      if (!(metric.target() > 0) || Double.isInfinite(metric.target())) {
        // Written as !(x > 0) so that NaN is rejected too.
        problems.add(
            Reason.InvalidMetricTarget,
            path + ".target",
            metric.target() == 0
                ? "the target of " + name + " is missing or 0; it must be greater than 0."
                : "the target of " + name + " is " + target(metric.target()) + "; it must be a number greater "
                    + "than 0.",
            resource
                ? "set a utilisation percentage, e.g. target: 70."
                : "set the per-pod value to scale at, e.g. target: 100.");
      } else if (resource && metric.target() > 100) {
        problems.add(
            Reason.InvalidMetricTarget,
            path + ".target",
            metric.metric() + " target " + target(metric.target()) + " is above 100%; cpu and memory targets are "
                + "utilisation percentages.",
            "set a utilisation percentage from 1 to 100, e.g. target: 70.");
      }
    }
  }

  /** 70.0 reads as 70 in messages, the way the user wrote it. */
  private static String target(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static void observability(ServiceSpec spec, Problems problems) {
    spec.observability()
        .port()
        .filter(port -> !spec.ports().containsKey(port))
        .ifPresent(
            port ->
                problems.add(
                    Reason.MetricsPortUnknown,
                    "spec.observability.metrics.port",
                    "'" + port + "' is not a port of spec.workload.service.ports" + known(spec, port),
                    "name one of the service's ports, or add a port with that name."));
  }

  /** The declared ports and the one {@code written} most likely means, ending the sentence. */
  static String known(ServiceSpec spec, String written) {
    return spec.ports().isEmpty() ? " (the service declares none)."
        : " " + spec.ports().keySet() + dev.lattice.api.status.Suggestions.nearest(written, spec.ports().keySet())
            .map(m -> "; did you mean '" + m + "'?").orElse(".");
  }

  private static void deferred(ServiceSpec spec, Problems problems) {
    spec.deferred()
        .keySet()
        .forEach(
            block ->
                problems.add(
                    Reason.NotYetDerived,
                    "spec." + block,
                    "is accepted and kept, but this Lattice release derives nothing from it yet.",
                    "nothing to do now; the objects for spec." + block + " will appear after an upgrade (the "
                        + "CHANGELOG will say so)."));
    if (!spec.pod().imagePullSecrets().isEmpty()) {
      problems.add(
          Reason.NotYetDerived,
          "spec.imagePullSecrets",
          "is accepted and kept, but this Lattice release does not derive registry credentials yet, so pods pull "
              + "anonymously.",
          "use a public or node-authorised registry until registry credentials are derived.");
    }
    BackupRules.check(spec, problems);
  }
}
