package dev.lattice.engine.validate;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.params.SecretParams;
import dev.lattice.engine.params.VolumeParams;

/** Rules on {@code spec.workload.resources}. */
final class ResourceRules {
  private ResourceRules() {}

  static void check(ServiceContext context, Problems problems) {
    context.intent().spec().resources().values().forEach(r -> resource(context, r, problems));
  }

  private static void resource(ServiceContext context, Resource r, Problems problems) {
    String path = "spec.workload.resources." + r.name();
    if (!Names.isDnsLabel(r.name())) {
      problems.add(
          Reason.InvalidName, path, "resource name '" + r.name() + "' is not a DNS label.",
          "use " + Names.DNS_LABEL_RULE + ", e.g. orders.");
    }
    r.namespace()
        .filter(ns -> !Names.isDnsLabel(ns))
        .ifPresent(
            ns -> problems.add(
                Reason.InvalidNamespace, path + ".namespace", "'" + ns + "' is not a valid namespace name.",
                "use " + Names.DNS_LABEL_RULE + ", or remove namespace to mean this service's own."));
    switch (r.type()) {
      case SERVICE -> service(r, path, problems);
      case SECRET -> problems.addAll(SecretParams.parse(r, path).diagnostics());
      case EXTERNAL_SERVICE -> problems.addAll(ExternalEndpoints.parse(r, path).diagnostics());
      case VOLUME -> problems.addAll(VolumeParams.parse(r, path).diagnostics());
      case GPU -> gpu(r, path, problems);
      case CUSTOM -> problems.add(
          Reason.NotYetDerived, path + ".type",
          "type '" + r.typeName() + "' is accepted, but no installed extension derives anything for it.",
          "nothing to do if an extension for '" + r.typeName() + "' is on its way; otherwise check the type "
              + "name with " + context.settings().platformContact() + ".");
    }
  }

  private static void service(Resource r, String path, Problems problems) {
    r.id()
        .filter(id -> !(id.equals("*") && r.direction().inbound()) && !Names.isDnsLabel(id))
        .ifPresent(
            id -> problems.add(
                Reason.InvalidName, path + ".id",
                "'" + id + "' is not a service name" + (id.equals("*") ? " (\"*\" only means any caller on an "
                    + "inbound resource)." : "."),
                "write the other service's metadata.name, or remove id to use the resource name."));
  }

  private static void gpu(Resource r, String path, Problems problems) {
    Object count = r.params().get("count");
    if (!(count instanceof Number n) || n.intValue() < 1) {
      problems.add(
          Reason.GpuCountMissing, path + ".params.count",
          "a gpu resource needs a count of at least 1.",
          "set params.count, e.g. count: 1.");
    }
    problems.add(
        Reason.NotYetDerived, path,
        "gpu resources are accepted and kept, but this Lattice release does not schedule GPUs yet.",
        "nothing to do now; GPU scheduling arrives with a later release (see the CHANGELOG).");
  }
}
