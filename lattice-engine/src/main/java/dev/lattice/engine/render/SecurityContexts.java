package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * Container security contexts: hardened unless the spec says otherwise. Every field is written explicitly so that
 * what a pod may do is visible in the derived Deployment, not left to cluster defaults.
 */
public final class SecurityContexts {
  private SecurityContexts() {}

  /** True when the container runs as root, by uid 0 or by turning runAsNonRoot off. */
  public static boolean runsAsRoot(Container.Security s) {
    return s.runAsUser().filter(uid -> uid == 0).isPresent() || s.runAsNonRoot().filter(b -> !b).isPresent();
  }

  public static boolean readOnlyRoot(Container.Security s) {
    return s.readOnlyRootFilesystem().orElse(true);
  }

  public static SecurityContext of(Container.Security s) {
    boolean privileged = s.privileged().orElse(false);
    Capabilities capabilities = new Capabilities();
    capabilities.setDrop(new ArrayList<>(s.dropCapabilities().orElse(List.of("ALL"))));
    capabilities.setAdd(s.capabilities().isEmpty() ? null : new ArrayList<>(s.capabilities()));
    SecurityContext context = new SecurityContext();
    context.setAllowPrivilegeEscalation(s.allowPrivilegeEscalation().orElse(privileged));
    context.setCapabilities(capabilities);
    context.setPrivileged(privileged);
    context.setReadOnlyRootFilesystem(readOnlyRoot(s));
    context.setRunAsNonRoot(!runsAsRoot(s));
    s.runAsUser().ifPresent(context::setRunAsUser);
    s.runAsGroup().ifPresent(context::setRunAsGroup);
    String seccomp = s.seccompProfile().orElse("RuntimeDefault");
    context.setSeccompProfile(Deployments.seccomp(
        seccomp, seccomp.equals("Localhost") ? s.seccompLocalhostProfile().orElse(null) : null));
    s.apparmorProfile().ifPresent(type -> {
      AppArmorProfile profile = new AppArmorProfile();
      profile.setType(type);
      profile.setLocalhostProfile(type.equals("Localhost") ? s.apparmorLocalhostProfile().orElse(null) : null);
      context.setAppArmorProfile(profile);
    });
    return context;
  }
}
