package dev.lattice.engine.authorize;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.params.SecretParams;
import dev.lattice.policy.AccessRequest;
import dev.lattice.policy.Action;
import dev.lattice.policy.Entities;
import java.util.ArrayList;
import java.util.List;

/** Every access a service's spec asks for, as Cedar requests, in spec order. */
public final class AccessRequests {
  /** The LatticeService annotation that asks to leave the pods out of image signature verification. */
  public static final String SKIP_VERIFICATION = "lattice.dev/skip-image-verification";

  private AccessRequests() {}

  /** True when the spec asks to skip signature verification (and, once derived, Cedar permitted it). */
  public static boolean skipsVerification(ServiceContext context) {
    return "true".equals(context.intent().annotations().get(SKIP_VERIFICATION));
  }

  public static List<Ask> of(ServiceContext context) {
    if (context.intent().isHatch()) {
      return dev.lattice.engine.hatch.HatchAccess.of(context);
    }
    List<Ask> out = new ArrayList<>();
    ServiceSpec spec = context.intent().spec();
    context.secrets().forEach((name, params) -> secret(context, name, params, out));
    context.externals().forEach((name, endpoints) -> external(context, name, endpoints, out));
    for (SecurityOverrides.Override o : SecurityOverrides.of(spec)) {
      String where = o.container().isEmpty() ? "" : " (container " + o.container() + ")";
      out.add(new Ask(new AccessRequest(context.ref(), Action.OverrideSecurity,
          Entities.securityOverride(o.id(), o.category())), o.fieldPath(), "use security override " + o.id() + where,
          Reason.SecurityOverrideDenied));
    }
    for (Resource r : spec.resources().values()) {
      if (r.type() == Resource.Type.SERVICE && r.direction().inbound() && r.id().filter("*"::equals).isPresent()) {
        out.add(new Ask(new AccessRequest(context.ref(), Action.AllowWildcard, Entities.meshInbound()),
            "spec.workload.resources." + r.name() + ".id", "accept calls from any service (inbound \"*\")",
            Reason.WildcardCallerDenied));
      }
      if (r.type() == Resource.Type.GPU) {
        gpu(context, r, out);
      }
    }
    List<Container> all = new ArrayList<>(spec.containers().values());
    all.addAll(spec.sidecars().values());
    for (Container c : all) {
      String path = (c.sidecar() ? "spec.sidecars." : "spec.workload.containers.") + c.name() + ".image";
      if (c.image().isBlank()) {
        continue;
      }
      out.add(new Ask(new AccessRequest(context.ref(), Action.UseImage, Entities.image(c.image())), path,
          "run the image " + c.image(), Reason.ImageForbidden));
      if (skipsVerification(context)) {
        out.add(new Ask(new AccessRequest(context.ref(), Action.SkipImageVerification, Entities.image(c.image())),
            "metadata.annotations." + SKIP_VERIFICATION, "skip signature verification of the image " + c.image(),
            Reason.SkipImageVerificationDenied));
      }
      if (!c.image().contains("@sha256:")) {
        out.add(new Ask(new AccessRequest(context.ref(), Action.AllowMutableImage, Entities.image(c.image())), path,
            "run the image " + c.image() + ", which is not pinned by digest", Reason.MutableImageDenied));
      }
    }
    return out;
  }

  private static void gpu(ServiceContext context, Resource r, List<Ask> out) {
    var alone = dev.lattice.engine.params.GpuParams.of(r);
    if (alone.isEmpty()) {
      return; // no valid count: validation reports it
    }
    String model = alone.get().model().orElse("any");
    String path = "spec.workload.resources." + r.name() + (alone.get().model().isPresent() ? ".params.model" : "");
    out.add(new Ask(new AccessRequest(context.ref(), Action.UseGpu, Entities.gpuModel(model, alone.get().count())),
        path, "use " + alone.get().count() + " GPU" + (alone.get().count() == 1 ? "" : "s") + " of the model "
            + model, Reason.GpuModelForbidden));
  }

  private static void secret(ServiceContext context, String name, SecretParams params, List<Ask> out) {
    if (params.provider().isBlank() || params.remoteKey().isBlank()) {
      return; // validation reports it; there is nothing to authorize yet
    }
    String path = params.provider() + ":" + params.remoteKey();
    out.add(new Ask(new AccessRequest(context.ref(), Action.AccessSecret,
        Entities.secretPath(params.provider(), params.remoteKey())), "spec.workload.resources." + name,
        "access secret " + path, Reason.AccessSecretDenied));
  }

  private static void external(ServiceContext context, String name, ExternalEndpoints endpoints, List<Ask> out) {
    String base = "spec.workload.resources." + name;
    endpoints.entity().ifPresent(id -> {
      String[] parts = id.substring("entity:".length()).split(":");
      int port = parts.length > 1 && parts[1].matches("\\d+") ? Integer.parseInt(parts[1]) : 443;
      out.add(new Ask(new AccessRequest(context.ref(), Action.AccessExternalEndpoint,
          Entities.externalEndpoint("entity:" + parts[0], port, "tcp")), base + ".id",
          "reach the network entity " + parts[0] + " on port " + port, Reason.ExternalEndpointDenied));
    });
    for (ExternalEndpoints.Endpoint e : endpoints.endpoints()) {
      out.add(new Ask(new AccessRequest(context.ref(), Action.AccessExternalEndpoint,
          Entities.externalEndpoint(e.host(), e.port(), e.scheme())), base + ".params.endpoints." + e.name(),
          "reach external endpoint " + e.host() + ":" + e.port(), Reason.ExternalEndpointDenied));
    }
  }
}
