package dev.lattice.engine.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Action;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What derived objects grant, read back from the objects themselves (as a user or the cluster would read them), for
 * {@link SecurityInvariantsPropertyTest}: the Cedar actions they need, the ways their pods are relaxed, and who may
 * call whom. Services are "namespace/name".
 */
final class Granted {
  private static final String SERVICE_LABEL = "lattice.dev/service";
  private static final String NAMESPACE_LABEL = "k8s:io.kubernetes.pod.namespace";

  private Granted() {}

  /** The actions the objects could only hold with Cedar's consent (AllowWildcard is judged from the specs). */
  static Set<Action> actions(List<HasMetadata> objects) {
    Set<Action> used = EnumSet.noneOf(Action.class);
    for (HasMetadata o : objects) {
      JsonNode tree = Manifests.tree(o);
      switch (o.getKind()) {
        case "ExternalSecret" -> used.add(Action.AccessSecret);
        case "ServiceEntry" -> used.add(Action.AccessExternalEndpoint);
        case "Gateway" -> {
          // The ambient waypoint carries a service's FQDN egress: only a permitted endpoint brings one.
          if (tree.path("spec").path("gatewayClassName").asText().equals("istio-waypoint")) {
            used.add(Action.AccessExternalEndpoint);
          }
        }
        case "CiliumNetworkPolicy" -> {
          for (JsonNode rule : tree.path("spec").path("egress")) {
            boolean entity = rule.has("toEntities") && !(rule.path("toEntities").size() == 1
                && rule.path("toEntities").get(0).asText().equals("cluster"));
            if (rule.has("toFQDNs") || rule.has("toCIDR") || rule.has("toCIDRSet") || entity) {
              used.add(Action.AccessExternalEndpoint);
            }
          }
        }
        default -> { }
      }
      for (JsonNode container : containers(tree)) {
        used.add(Action.UseImage);
        if (!container.path("image").asText().contains("@sha256:")) {
          used.add(Action.AllowMutableImage);
        }
        JsonNode limits = container.path("resources").path("limits");
        if (limits.has("nvidia.com/gpu") || limits.has("volcano.sh/vgpu-number")) {
          used.add(Action.UseGpu);
        }
      }
    }
    if (!hardened(objects).isEmpty()) {
      used.add(Action.OverrideSecurity);
    }
    return used;
  }

  /** Every way a pod of the objects departs from the hardened defaults; empty when all are hardened. */
  static List<String> hardened(List<HasMetadata> objects) {
    List<String> relaxed = new ArrayList<>();
    for (HasMetadata o : objects) {
      for (JsonNode pod : podSpecs(Manifests.tree(o))) {
        String where = o.getKind() + " " + o.getMetadata().getName();
        for (String field : List.of("hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace",
            "automountServiceAccountToken")) {
          if (pod.path(field).asBoolean(false)) {
            relaxed.add(where + ": " + field);
          }
        }
        for (JsonNode volume : pod.path("volumes")) {
          if (volume.has("hostPath")) {
            relaxed.add(where + ": hostPath volume");
          }
        }
        JsonNode podContext = pod.path("securityContext");
        for (String list : List.of("initContainers", "containers")) {
          for (JsonNode c : pod.path(list)) {
            JsonNode s = c.path("securityContext");
            String name = where + " container " + c.path("name").asText() + ": ";
            boolean nonRoot = s.path("runAsNonRoot").asBoolean(podContext.path("runAsNonRoot").asBoolean(false));
            long uid = s.path("runAsUser").asLong(podContext.path("runAsUser").asLong(-1));
            if (!nonRoot || uid == 0) {
              relaxed.add(name + "may run as root");
            }
            if (!s.path("readOnlyRootFilesystem").asBoolean(false)) {
              relaxed.add(name + "writable root filesystem");
            }
            if (s.path("allowPrivilegeEscalation").asBoolean(true) || s.path("privileged").asBoolean(false)) {
              relaxed.add(name + "privilege escalation or privileged");
            }
            JsonNode caps = s.path("capabilities");
            boolean dropsAll = false;
            for (JsonNode drop : caps.path("drop")) {
              dropsAll |= drop.asText().equals("ALL");
            }
            if (!dropsAll || caps.path("add").size() > 0) {
              relaxed.add(name + "capabilities " + caps);
            }
            String seccomp = s.path("seccompProfile").path("type")
                .asText(podContext.path("seccompProfile").path("type").asText(""));
            if (!seccomp.equals("RuntimeDefault")) {
              relaxed.add(name + "seccomp " + seccomp);
            }
          }
        }
      }
    }
    return relaxed;
  }

  /** The services an AuthorizationPolicy or a CiliumNetworkPolicy's ingress admits. */
  static List<String> callers(HasMetadata o) {
    List<String> out = new ArrayList<>();
    JsonNode spec = Manifests.tree(o).path("spec");
    if (o.getKind().equals("AuthorizationPolicy") && targetsServiceEntry(spec)) {
      return out; // the service's own egress to an external host (L7, at the waypoint): nobody is admitted to it
    }
    if (o.getKind().equals("AuthorizationPolicy")) {
      for (JsonNode rule : spec.path("rules")) {
        for (JsonNode from : rule.path("from")) {
          for (JsonNode principal : from.path("source").path("principals")) {
            String[] parts = principal.asText().split("/"); // trust-domain/ns/<ns>/sa/<name>
            out.add(parts[2] + "/" + parts[4]);
          }
        }
      }
    } else if (o.getKind().equals("CiliumNetworkPolicy")) {
      for (JsonNode rule : spec.path("ingress")) {
        out.addAll(services(rule.path("fromEndpoints")));
      }
    }
    return out;
  }

  /** True for the AuthorizationPolicy on a service's ServiceEntry (its L7 egress to external hosts). */
  static boolean externalEgress(HasMetadata o) {
    return o.getKind().equals("AuthorizationPolicy") && targetsServiceEntry(Manifests.tree(o).path("spec"));
  }

  /** The identities an AuthorizationPolicy's rules name, as namespace/name. */
  static List<String> egressPrincipals(HasMetadata o) {
    List<String> out = new ArrayList<>();
    for (JsonNode rule : Manifests.tree(o).path("spec").path("rules")) {
      for (JsonNode from : rule.path("from")) {
        for (JsonNode principal : from.path("source").path("principals")) {
          String[] parts = principal.asText().split("/"); // trust-domain/ns/<ns>/sa/<name>
          out.add(parts[2] + "/" + parts[4]);
        }
      }
    }
    return out;
  }

  private static boolean targetsServiceEntry(JsonNode spec) {
    for (JsonNode ref : spec.path("targetRefs")) {
      if (ref.path("kind").asText().equals("ServiceEntry")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for the CiliumNetworkPolicy on the namespace's ingress gateway's pods (selected by the Gateway API's
   * {@code gateway-name} label): its egress is the gateway's, not the service's.
   */
  static boolean onGateway(HasMetadata o) {
    return o.getKind().equals("CiliumNetworkPolicy") && Manifests.tree(o).path("spec").path("endpointSelector")
        .path("matchLabels").has("gateway.networking.k8s.io/gateway-name");
  }

  /** The services a CiliumNetworkPolicy's egress lets its pods reach. */
  static List<String> callees(HasMetadata o) {
    List<String> out = new ArrayList<>();
    if (o.getKind().equals("CiliumNetworkPolicy")) {
      for (JsonNode rule : Manifests.tree(o).path("spec").path("egress")) {
        out.addAll(services(rule.path("toEndpoints")));
      }
    }
    return out;
  }

  private static List<String> services(JsonNode endpoints) {
    List<String> out = new ArrayList<>();
    for (JsonNode endpoint : endpoints) {
      JsonNode labels = endpoint.path("matchLabels");
      if (labels.has(SERVICE_LABEL)) {
        out.add(labels.path(NAMESPACE_LABEL).asText() + "/" + labels.path(SERVICE_LABEL).asText());
      }
    }
    return out;
  }

  private static List<JsonNode> containers(JsonNode tree) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode pod : podSpecs(tree)) {
      pod.path("initContainers").forEach(out::add);
      pod.path("containers").forEach(out::add);
    }
    return out;
  }

  /** Every pod spec in the object (a Deployment's template, a CronJob's job template, …). */
  private static List<JsonNode> podSpecs(JsonNode tree) {
    List<JsonNode> out = new ArrayList<>();
    collect(tree, out);
    return out;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isObject() && node.path("containers").isArray()) {
      out.add(node);
      return;
    }
    node.forEach(child -> collect(child, out));
  }
}
