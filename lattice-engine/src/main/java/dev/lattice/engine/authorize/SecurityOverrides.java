package dev.lattice.engine.authorize;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The security overrides a spec asks for, with the ids and categories of the reference system
 * ({@code capability:NET_ADMIN}, {@code privileged}, {@code runAsRoot}, {@code allowedBinary:*}, …). Anything that
 * relaxes a hardened default is an override; nothing else is.
 */
public final class SecurityOverrides {
  /** One override: its id, its category and the field that asks for it. */
  public record Override(String id, String category, String fieldPath, String container) {}

  private SecurityOverrides() {}

  public static List<Override> of(ServiceSpec spec) {
    List<Override> out = new ArrayList<>();
    if (spec.pod().hostNetwork()) {
      out.add(new Override("hostNetwork", "pod", "spec.hostNetwork", ""));
    }
    if (spec.pod().shareProcessNamespace()) {
      out.add(new Override("shareProcessNamespace", "pod", "spec.shareProcessNamespace", ""));
    }
    if (spec.pod().automountServiceAccountToken()) {
      out.add(new Override("automountServiceAccountToken", "pod", "spec.automountServiceAccountToken", ""));
    }
    spec.containers().values().forEach(c -> container(c, "spec.workload.containers." + c.name(), out));
    spec.sidecars().values().forEach(c -> container(c, "spec.sidecars." + c.name(), out));
    return out;
  }

  private static void container(Container c, String path, List<Override> out) {
    Container.Security s = c.security();
    String security = path + ".security";
    for (int i = 0; i < s.capabilities().size(); i++) {
      out.add(new Override("capability:" + s.capabilities().get(i), "capability",
          security + ".capabilities[" + i + "]", c.name()));
    }
    boolean privileged = s.privileged().orElse(false);
    if (s.dropCapabilities().filter(drop -> !drop.contains("ALL")).isPresent() && !privileged) {
      out.add(new Override("capability:runtime-defaults", "capability", security + ".dropCapabilities", c.name()));
    }
    if (privileged) {
      out.add(new Override("privileged", "container", security + ".privileged", c.name()));
    }
    if (s.runAsUser().filter(uid -> uid == 0).isPresent()) {
      out.add(new Override("runAsRoot", "container", security + ".runAsUser", c.name()));
    } else if (s.runAsNonRoot().filter(nonRoot -> !nonRoot).isPresent()) {
      out.add(new Override("runAsRoot", "container", security + ".runAsNonRoot", c.name()));
    }
    if (s.runAsGroup().filter(gid -> gid == 0).isPresent()) {
      out.add(new Override("runAsRootGroup", "container", security + ".runAsGroup", c.name()));
    }
    if (s.readOnlyRootFilesystem().filter(readOnly -> !readOnly).isPresent()) {
      out.add(new Override("readWriteRootFilesystem", "container", security + ".readOnlyRootFilesystem", c.name()));
    }
    if (s.allowPrivilegeEscalation().filter(allow -> allow).isPresent() && !privileged) {
      out.add(new Override("allowPrivilegeEscalation", "container", security + ".allowPrivilegeEscalation",
          c.name()));
    }
    s.seccompProfile().filter(p -> !p.equals("RuntimeDefault")).ifPresent(p ->
        out.add(new Override("seccomp:" + p, "profile", security + ".seccompProfile", c.name())));
    s.apparmorProfile().filter(p -> !p.equals("RuntimeDefault")).ifPresent(p ->
        out.add(new Override("apparmor:" + p, "profile", security + ".apparmorProfile", c.name())));
    if (s.allowedBinaries().contains("*")) {
      out.add(new Override("allowedBinary:*", "binary", security + ".allowedBinaries", c.name()));
    } else if (c.command().isEmpty() && s.allowedBinaries().isEmpty()) {
      // Without a command Lattice cannot know which binary runs, so it cannot allowlist it.
      out.add(new Override("allowedBinary:*", "binary", path + ".command", c.name()));
    }
  }
}
