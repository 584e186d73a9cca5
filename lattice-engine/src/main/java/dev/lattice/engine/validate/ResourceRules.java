package dev.lattice.engine.validate;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Reason;
import dev.lattice.api.status.Suggestions;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.params.ExternalEndpoints;
import dev.lattice.engine.params.SecretParams;
import dev.lattice.engine.params.VolumeParams;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules on {@code spec.workload.resources}. */
final class ResourceRules {
  private static final Pattern GPU_MEMORY = Pattern.compile("(\\d+)(Gi|Mi)?");
  private static final Pattern GPU_MODEL = Pattern.compile("(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final BigInteger MAX_GPU_MEMORY_MIB = BigInteger.valueOf(1024L * 1024 * 1024);

  private static final List<String> BUILT_IN = java.util.Arrays.stream(Resource.Type.values())
      .filter(t -> t != Resource.Type.CUSTOM).map(Resource.Type::wire).toList();

  private ResourceRules() {}

  static void check(ServiceContext context, Problems problems) {
    context.intent().spec().resources().values().forEach(r -> resource(context, r, problems));
  }

  private static void resource(ServiceContext context, Resource r, Problems problems) {
    String path = "spec.workload.resources." + r.name();
    if (!Names.isDnsLabel(r.name())) {
      problems.add(
          Reason.InvalidName, path, "resource name '" + r.name() + "' is not a DNS label.",
          "use " + Names.DNS_LABEL_RULE + ", e.g. " + Names.labelLike(r.name(), 63, "orders") + ".");
    }
    r.namespace()
        .filter(ns -> !Names.isNamespace(ns))
        .ifPresent(
            ns -> problems.add(
                Reason.InvalidNamespace, path + ".namespace", "'" + Names.printable(ns)
                    + "' is not a valid namespace name.",
                "use " + Names.DNS_LABEL_RULE + ", or remove namespace to mean this service's own."));
    switch (r.type()) {
      case SERVICE -> service(r, path, problems);
      case SECRET -> {
        var parsed = SecretParams.parse(r, path);
        problems.addAll(parsed.diagnostics());
        if (parsed.diagnostics().stream().noneMatch(d -> d.fieldPath().endsWith(".params.provider"))) {
          ProviderRules.secretProvider(context, r.name(), parsed.value().provider(), path + ".params.provider",
              problems);
        }
      }
      case EXTERNAL_SERVICE -> problems.addAll(ExternalEndpoints.parse(r, path).diagnostics());
      case VOLUME -> problems.addAll(VolumeParams.parse(r, path).diagnostics());
      case GPU -> gpu(r, path, problems);
      // One typo away from a built-in type: the mapper reports it as an error with the type meant.
      case CUSTOM -> Suggestions.nearest(r.typeName(), BUILT_IN).ifPresentOrElse(meant -> { }, () -> problems.add(
          Reason.NotYetDerived, path + ".type",
          "type '" + r.typeName() + "' is accepted, but no installed extension derives anything for it.",
          "nothing to do if an extension for '" + r.typeName() + "' is on its way; otherwise check the type "
              + "name with " + context.settings().platformContact() + "."));
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
    if (whole(count).filter(n -> n.signum() > 0).isEmpty()) {
      problems.add(
          Reason.GpuCountMissing, path + ".params.count",
          count == null
              ? "gpu resource '" + r.name() + "' has no count."
              : "count " + count + " is not a whole number of GPUs of at least 1.",
          "set params.count to the number of GPUs each pod needs, e.g. count: 1.");
    }
    Object compute = r.params().get("compute");
    if (compute != null
        && whole(compute).filter(n -> n.signum() > 0 && n.compareTo(BigInteger.valueOf(100)) <= 0).isEmpty()) {
      problems.add(
          Reason.InvalidGpuCompute, path + ".params.compute",
          "compute " + compute + " is not a percentage of one GPU from 1 to 100.",
          "set compute to a whole percentage from 1 to 100, e.g. compute: 50, or remove it for whole GPUs.");
    }
    Object memory = r.params().get("memory");
    if (memory != null) {
      gpuMemoryProblem(String.valueOf(memory))
          .ifPresent(
              problem -> problems.add(
                  Reason.InvalidGpuMemory, path + ".params.memory", problem,
                  "write whole Gi or Mi, e.g. memory: 20Gi or memory: 512Mi (a bare number means Mi)."));
    }
    Object model = r.params().get("model");
    if (model != null && !GPU_MODEL.matcher(String.valueOf(model)).matches()) {
      problems.add(
          Reason.InvalidGpuModel, path + ".params.model",
          "model '" + Names.printable(String.valueOf(model)) + "' is not a value the node label "
              + "nvidia.com/gpu.product can have.",
          "write the label value of the GPU nodes, e.g. model: NVIDIA-A100-SXM4-80GB (at most 63 letters, digits, "
              + "'-', '_' or '.', starting and ending with a letter or digit), or remove model to take any GPU.");
    }
  }

  /** A YAML integer as a BigInteger; empty for anything else (strings, decimals, lists). */
  private static Optional<BigInteger> whole(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Optional.of(BigInteger.valueOf(((Number) value).longValue()));
    }
    return value instanceof BigInteger big ? Optional.of(big) : Optional.empty();
  }

  /** GPU memory is whole Gi, Mi or bare MiB, at most 1 PiB. */
  static Optional<String> gpuMemoryProblem(String text) {
    Matcher m = GPU_MEMORY.matcher(text.trim());
    if (!m.matches()) {
      return Optional.of("'" + text + "' is not a GPU memory size.");
    }
    BigInteger mib = new BigInteger(m.group(1));
    if ("Gi".equals(m.group(2))) {
      mib = mib.multiply(BigInteger.valueOf(1024));
    }
    if (mib.compareTo(MAX_GPU_MEMORY_MIB) > 0) {
      return Optional.of("'" + text + "' is more GPU memory than the 1Pi limit.");
    }
    return Optional.empty();
  }
}
