package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.mesh.MeshPolicies;
import dev.lattice.engine.output.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders every object of a validated service, in apply order: identity and configuration first, then the
 * default-deny mesh policies (so pods never start unprotected), then the workload, then what selects or scales it. The operator applies in this order; the CLI writes it.
 */
public final class ServiceRenderer {
  private ServiceRenderer() {}

  public static List<HasMetadata> render(ServiceContext context) {
    List<HasMetadata> config = new ArrayList<>();
    config.addAll(Workloads.volumeClaims(context));
    config.addAll(ExternalSecrets.forResources(context));
    config.addAll(ImagePulls.externalSecrets(context));
    ContainerConfigs renderer = new ContainerConfigs(context);
    Map<String, ContainerConfig> configs = new TreeMap<>();
    List<Container> all = new ArrayList<>(context.intent().spec().containers().values());
    all.addAll(context.intent().spec().sidecars().values());
    for (Container c : all) {
      ContainerConfig rendered = renderer.render(c);
      configs.put(c.name(), rendered);
      config.addAll(rendered.objects());
    }

    List<HasMetadata> out = new ArrayList<>();
    out.add(Workloads.serviceAccount(context));
    out.addAll(config);
    out.addAll(MeshPolicies.of(context));
    out.addAll(dev.lattice.engine.mesh.GatewayPolicies.of(context));
    // The waypoint before the ServiceEntries bound to it, so their L7 policy is enforced from the start.
    dev.lattice.engine.mesh.Waypoint.of(context).ifPresent(out::add);
    out.addAll(dev.lattice.engine.mesh.ExternalServiceEntries.of(context));
    BinaryAllowlists.of(context).ifPresent(out::add);
    Workloads.service(context).ifPresent(out::add);
    out.add(Deployments.of(context, configs, configHash(config)));
    Workloads.disruptionBudget(context).ifPresent(out::add);
    Workloads.scaledObject(context).ifPresent(out::add);
    Workloads.scrape(context).ifPresent(out::add);
    IngressGateway.of(context).ifPresent(out::add);
    out.addAll(Routes.of(context));
    return out;
  }

  /**
   * Digest of everything the pods read from ConfigMaps and ExternalSecrets: when it changes, the pod template
   * changes and Kubernetes rolls the pods. Secret values are not part of it (the engine never sees them).
   */
  static String configHash(List<HasMetadata> config) {
    // The SHA-256 of each object's canonical JSON followed by a newline, streamed into the digest (no strings).
    return Manifests.jsonDigest(config).substring(0, 16);
  }
}
