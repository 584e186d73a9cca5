package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
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
    var builder =
        new SecurityContextBuilder()
            .withAllowPrivilegeEscalation(s.allowPrivilegeEscalation().orElse(privileged))
            .withNewCapabilities()
            .withDrop(s.dropCapabilities().orElse(List.of("ALL")))
            .withAdd(s.capabilities().isEmpty() ? null : s.capabilities())
            .endCapabilities()
            .withPrivileged(privileged)
            .withReadOnlyRootFilesystem(readOnlyRoot(s))
            .withRunAsNonRoot(!runsAsRoot(s));
    s.runAsUser().ifPresent(builder::withRunAsUser);
    s.runAsGroup().ifPresent(builder::withRunAsGroup);
    String seccomp = s.seccompProfile().orElse("RuntimeDefault");
    builder.withNewSeccompProfile()
        .withType(seccomp)
        .withLocalhostProfile(seccomp.equals("Localhost") ? s.seccompLocalhostProfile().orElse(null) : null)
        .endSeccompProfile();
    s.apparmorProfile().ifPresent(
        type -> builder.withNewAppArmorProfile()
            .withType(type)
            .withLocalhostProfile(type.equals("Localhost") ? s.apparmorLocalhostProfile().orElse(null) : null)
            .endAppArmorProfile());
    return builder.build();
  }
}
