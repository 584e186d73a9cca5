package dev.lattice.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which derived objects and fields each spec field feeds: the one table behind {@code lattice explain}'s "feeds"
 * lines. {@code ProvenanceTest} derives specs with and without each field and checks that every named field
 * changes, and that every field of the CRD schema is covered here (by its own entry or a subtree entry above it).
 *
 * <p>Spec paths leave out map keys ({@code spec.workload.containers.image}, not {@code ...containers.main.image});
 * derived paths mark lists with {@code []}.
 */
public final class Provenance {
  /** One derived field: {@code kind} of the object and the path inside it. */
  public record Feed(String kind, String field) {
    @Override
    public String toString() {
      return kind + " " + field;
    }
  }

  /**
   * @param field the spec path
   * @param subtree whether the entry also answers for every field below it that has no entry of its own
   * @param feeds the derived fields; empty when the field feeds no object
   * @param note why it feeds nothing, or what else reads it (validation, Cedar); may be empty
   */
  public record Entry(String field, boolean subtree, List<Feed> feeds, String note) {
    public Entry {
      feeds = List.copyOf(feeds);
    }
  }

  private static final String POD = "spec.template.spec.";
  private static final String CONTAINER = POD + "containers[].";
  private static final String SECURITY = CONTAINER + "securityContext.";
  private static final Map<String, Entry> ENTRIES = build();

  private Provenance() {}

  /**
   * The fields of lattice.dev/v1beta1 and v1 that moved out of {@code spec.workload}, by the v1alpha1 field they
   * are (longest first): they feed what it feeds. Every other field has the same path in every version.
   */
  private static final List<Map.Entry<String, String>> MOVED = List.of(
      Map.entry("spec.dependencies.outbound", "spec.workload.resources"),
      Map.entry("spec.dependencies.inbound", "spec.workload.resources"),
      Map.entry("spec.dependencies", "spec.workload.resources"),
      Map.entry("spec.containers", "spec.workload.containers"),
      Map.entry("spec.ports", "spec.workload.service.ports"),
      Map.entry("spec.secrets", "spec.workload.resources"),
      Map.entry("spec.volumes", "spec.workload.resources"),
      Map.entry("spec.resources", "spec.workload.resources"));

  /** The entry for {@code specPath} (of any served version): its own, or the nearest subtree entry above it. */
  public static Optional<Entry> of(String specPath) {
    for (Map.Entry<String, String> moved : MOVED) {
      String from = moved.getKey();
      if (specPath.equals(from) || specPath.startsWith(from + ".")) {
        return lookup(moved.getValue() + specPath.substring(from.length()));
      }
    }
    return lookup(specPath);
  }

  private static Optional<Entry> lookup(String specPath) {
    for (String path = specPath; !path.isEmpty(); path = parent(path)) {
      Entry entry = ENTRIES.get(path);
      if (entry != null && (entry.subtree() || path.equals(specPath))) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** Every entry, by spec path. */
  public static Map<String, Entry> entries() {
    return ENTRIES;
  }

  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  private static Map<String, Entry> build() {
    Map<String, Entry> m = new TreeMap<>();
    // Pod and rollout
    feeds(m, "spec.replicas", false, "", "Deployment spec.replicas", "PodDisruptionBudget spec.minAvailable",
        "ScaledObject spec.minReplicaCount");
    feeds(m, "spec.autoscaling", false, "", "ScaledObject spec", "Deployment spec.replicas");
    feeds(m, "spec.autoscaling.max", false, "", "ScaledObject spec.maxReplicaCount");
    feeds(m, "spec.autoscaling.metrics", true, "", "ScaledObject spec.triggers");
    feeds(m, "spec.deploy", false, "", "Deployment spec.strategy.rollingUpdate");
    feeds(m, "spec.deploy.strategy", false, "", "Deployment spec.strategy.rollingUpdate");
    none(m, "spec.deploy.canary", true, "accepted; canary analysis is derived by a later release");
    feeds(m, "spec.sysctls", false, "", "Deployment " + POD + "securityContext.sysctls");
    feeds(m, "spec.hostNetwork", false, "also asks Cedar for the hostNetwork override",
        "Deployment " + POD + "hostNetwork");
    feeds(m, "spec.shareProcessNamespace", false, "also asks Cedar for the shareProcessNamespace override",
        "Deployment " + POD + "shareProcessNamespace");
    feeds(m, "spec.automountServiceAccountToken", false, "also asks Cedar for the automountServiceAccountToken"
        + " override", "Deployment " + POD + "automountServiceAccountToken",
        "ServiceAccount automountServiceAccountToken");
    feeds(m, "spec.imagePullSecrets", false, "each names an ImageProvider (ImageProviderNotFound otherwise)",
        "ExternalSecret spec", "Deployment " + POD + "imagePullSecrets");
    none(m, "spec.backup", true, "accepted; derived by a later release (NotYetDerived)");
    none(m, "spec.advertise", true, "accepted; derived by a later release (NotYetDerived)");
    none(m, "spec.topology", true, "accepted; derived by a later release (NotYetDerived)");
    // Workload
    none(m, "spec.workload", false, "groups containers, resources and service; see those fields");
    feeds(m, "spec.workload.containers", false, "", "Deployment " + POD + "containers[]");
    containerFields(m, "spec.workload.containers", false);
    feeds(m, "spec.sidecars", false, "", "Deployment " + POD + "containers[]");
    containerFields(m, "spec.sidecars", true);
    feeds(m, "spec.sidecars.init", false, "an init sidecar moves to initContainers",
        "Deployment " + POD + "initContainers[]");
    none(m, "spec.workload.service", false, "groups the ports; see spec.workload.service.ports");
    feeds(m, "spec.workload.service.ports", true, "", "Service spec.ports", "Deployment " + CONTAINER + "ports");
    feeds(m, "spec.workload.service.ports.targetPort", false, "", "Service spec.ports[].targetPort",
        "Deployment " + CONTAINER + "ports[].containerPort");
    feeds(m, "spec.workload.service.ports.protocol", false, "", "Service spec.ports[].protocol",
        "Deployment " + CONTAINER + "ports[].protocol");
    feeds(m, "spec.workload.resources", true,
        "secrets, external endpoints, wildcard callers and GPU models are also asked of Cedar",
        "ExternalSecret spec", "PersistentVolumeClaim spec", "CiliumNetworkPolicy spec",
        "AuthorizationPolicy spec", "Deployment " + CONTAINER + "resources.limits",
        "Deployment " + POD + "nodeSelector", "Deployment " + POD + "tolerations",
        "Deployment " + POD + "runtimeClassName", "Deployment " + POD + "volumes");
    none(m, "spec.workload.resources.class", false, "accepted and kept; not used by derivation yet");
    none(m, "spec.workload.resources.metadata", true, "accepted and kept; not used by derivation yet");
    // Ingress and observability
    none(m, "spec.ingress", false, "groups the routes; see spec.ingress.routes");
    feeds(m, "spec.ingress.gatewayClass", false, "default: the platform's ingress.gatewayClass; one per namespace",
        "Gateway spec.gatewayClassName");
    feeds(m, "spec.ingress.routes", true, "", "HTTPRoute spec", "Certificate spec", "CiliumNetworkPolicy spec",
        "AuthorizationPolicy spec", "Gateway spec.listeners");
    feeds(m, "spec.ingress.routes.kind", false, "the kind of the route object", "GRPCRoute spec");
    feeds(m, "spec.ingress.routes.hosts", false, "", "HTTPRoute spec.hostnames", "Certificate spec.dnsNames");
    feeds(m, "spec.ingress.routes.listenPort", false, "TCPRoute only", "Gateway spec.listeners[].port");
    feeds(m, "spec.ingress.routes.port", false, "", "HTTPRoute spec.rules[].backendRefs[].port");
    feeds(m, "spec.ingress.routes.rules", true, "", "HTTPRoute spec.rules[].matches");
    feeds(m, "spec.ingress.routes.tls", true, "", "Certificate spec");
    feeds(m, "spec.ingress.routes.tls.secretName", false, "the HTTPS listeners serve it",
        "Gateway spec.listeners[].tls.certificateRefs[].name");
    none(m, "spec.observability", false, "groups the metrics settings; see spec.observability.metrics");
    none(m, "spec.observability.metrics", false, "groups port and mappings");
    feeds(m, "spec.observability.metrics.port", false, "", "VMServiceScrape spec.endpoints[].port",
        "CiliumNetworkPolicy spec.ingress");
    none(m, "spec.observability.metrics.mappings", false, "accepted; derived by a later release");
    return Collections.unmodifiableMap(m);
  }

  /** The fields every container has, main containers and sidecars alike. */
  private static void containerFields(Map<String, Entry> m, String c, boolean sidecar) {
    feeds(m, c + ".image", false, "also asked of Cedar: UseImage, and AllowMutableImage when not pinned",
        "Deployment " + CONTAINER + "image", "Deployment " + CONTAINER + "imagePullPolicy");
    feeds(m, c + ".command", false, "", "Deployment " + CONTAINER + "command",
        "TracingPolicyNamespaced spec.kprobes[].selectors[].matchArgs[].values");
    feeds(m, c + ".args", false, "", "Deployment " + CONTAINER + "args");
    feeds(m, c + ".workingDir", false, "", "Deployment " + CONTAINER + "workingDir");
    if (sidecar) {
      feeds(m, c + ".variables", false, "sidecar values are literal, never templated", "ConfigMap data",
          "Deployment " + CONTAINER + "envFrom");
    } else {
      feeds(m, c + ".variables", false, "values mixing text and ${secret...} go through an ExternalSecret",
          "ConfigMap data", "Deployment " + CONTAINER + "env", "Deployment " + CONTAINER + "envFrom");
    }
    feeds(m, c + ".envFrom", false, "", "Deployment " + CONTAINER + "envFrom");
    feeds(m, c + ".files", true, "", "ConfigMap data", "ConfigMap binaryData",
        "Deployment " + CONTAINER + "volumeMounts", "Deployment " + POD + "volumes");
    none(m, c + ".files.source", false, "accepted; derived by a later release (NotYetDerived)");
    feeds(m, c + ".volumes", true, "", "Deployment " + CONTAINER + "volumeMounts", "Deployment " + POD + "volumes");
    feeds(m, c + ".resources", false, "", "Deployment " + CONTAINER + "resources");
    feeds(m, c + ".resources.limits", true, "", "Deployment " + CONTAINER + "resources.limits");
    feeds(m, c + ".resources.requests", true, "", "Deployment " + CONTAINER + "resources.requests");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      feeds(m, c + "." + probe, true, "", "Deployment " + CONTAINER + probe);
    }
    String s = c + ".security";
    feeds(m, s, false, "relaxed defaults are asked of Cedar as OverrideSecurity",
        "Deployment " + SECURITY.substring(0, SECURITY.length() - 1));
    feeds(m, s + ".capabilities", false, "", "Deployment " + SECURITY + "capabilities.add");
    feeds(m, s + ".dropCapabilities", false, "", "Deployment " + SECURITY + "capabilities.drop");
    feeds(m, s + ".privileged", false, "", "Deployment " + SECURITY + "privileged");
    feeds(m, s + ".allowPrivilegeEscalation", false, "", "Deployment " + SECURITY + "allowPrivilegeEscalation");
    feeds(m, s + ".readOnlyRootFilesystem", false, "a read-only root gets a private /tmp",
        "Deployment " + SECURITY + "readOnlyRootFilesystem", "Deployment " + CONTAINER + "volumeMounts");
    feeds(m, s + ".runAsUser", false, "", "Deployment " + SECURITY + "runAsUser");
    feeds(m, s + ".runAsGroup", false, "", "Deployment " + SECURITY + "runAsGroup");
    feeds(m, s + ".runAsNonRoot", false, "", "Deployment " + SECURITY + "runAsNonRoot",
        "Deployment " + POD + "securityContext.runAsNonRoot");
    feeds(m, s + ".seccompProfile", false, "", "Deployment " + SECURITY + "seccompProfile.type");
    feeds(m, s + ".seccompLocalhostProfile", false, "", "Deployment " + SECURITY + "seccompProfile.localhostProfile");
    feeds(m, s + ".apparmorProfile", false, "", "Deployment " + SECURITY + "appArmorProfile.type");
    feeds(m, s + ".apparmorLocalhostProfile", false, "",
        "Deployment " + SECURITY + "appArmorProfile.localhostProfile");
    feeds(m, s + ".allowedBinaries", false, "",
        "TracingPolicyNamespaced spec.kprobes[].selectors[].matchArgs[].values");
  }

  private static void feeds(Map<String, Entry> m, String field, boolean subtree, String note, String... feeds) {
    List<Feed> list = new ArrayList<>();
    for (String feed : feeds) {
      int space = feed.indexOf(' ');
      list.add(new Feed(feed.substring(0, space), feed.substring(space + 1)));
    }
    put(m, new Entry(field, subtree, list, note));
  }

  private static void none(Map<String, Entry> m, String field, boolean subtree, String note) {
    put(m, new Entry(field, subtree, List.of(), note));
  }

  private static void put(Map<String, Entry> m, Entry entry) {
    if (m.put(entry.field(), entry) != null) {
      throw new IllegalStateException("two provenance entries for " + entry.field());
    }
  }
}
