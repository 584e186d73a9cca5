package dev.lattice.engine.params;

import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.validate.Names;
import dev.lattice.engine.validate.Problems;
import dev.lattice.engine.validate.Quantities;
import java.util.List;
import java.util.Optional;

/**
 * Params of a {@code type: volume} resource. A volume with a {@code size} is owned by this service, which creates
 * its claim; without one it refers to a volume another service owns.
 */
public record VolumeParams(
    Optional<String> size, Optional<String> storageClass, String accessMode, Optional<String> sharedId) {

  private static final int MAX_ID = 50;
  private static final List<String> ACCESS_MODES = List.of("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany");

  public static Parsed<VolumeParams> parse(Resource resource, String path) {
    Problems problems = new Problems();
    var params = resource.params();
    Optional<String> size = Optional.ofNullable(params.get("size")).map(String::valueOf);
    if (size.isPresent() && Quantities.memory(size.get()).isEmpty()) {
      problems.add(
          Reason.InvalidVolumeSize,
          path + ".params.size",
          "'" + size.get() + "' is not a storage size.",
          "write an integer with a unit, e.g. 10Gi or 500Mi.");
    }
    Optional<String> id = resource.id().filter(i -> !i.equals("*"));
    if (id.isPresent() && (id.get().length() > MAX_ID || !Names.isDnsLabel(id.get()))) {
      // The id becomes the claim name vol-<id> and a label name with a 13-character prefix, hence 50.
      problems.add(
          Reason.InvalidVolumeId,
          path + ".id",
          id.get().length() > MAX_ID
              ? "volume id '" + id.get() + "' has " + id.get().length() + " characters; at most " + MAX_ID
                  + " are allowed because the platform builds claim and label names from it."
              : "volume id '" + id.get() + "' is not a DNS label.",
          "use " + Names.DNS_LABEL_RULE.replace("63", Integer.toString(MAX_ID)) + ", e.g. id: "
              + Names.labelLike(id.get(), MAX_ID, "shared-cache") + ".");
    }
    String accessMode = Optional.ofNullable(params.get("accessMode")).map(String::valueOf).orElse("ReadWriteOnce");
    if (!ACCESS_MODES.contains(accessMode)) {
      problems.add(
          Reason.InvalidAccessMode,
          path + ".params.accessMode",
          "'" + accessMode + "' is not a volume access mode.",
          "use ReadWriteOnce (the default), ReadWriteMany (needs storage that supports it) or ReadOnlyMany.");
    }
    return new Parsed<>(
        new VolumeParams(
            size, Optional.ofNullable(params.get("storageClass")).map(String::valueOf), accessMode, id),
        problems.list());
  }

  public boolean owned() {
    return size.isPresent();
  }
}
