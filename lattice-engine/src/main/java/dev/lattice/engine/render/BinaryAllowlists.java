package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.ServiceSpec;
import dev.lattice.engine.ServiceContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Tetragon binary allowlist ({@code allow-binaries-<svc>}): the kernel kills any process in the service's pods
 * whose executable is not a declared command, exec-probe command or {@code security.allowedBinaries} entry. When
 * some container runs its image's default entrypoint (no command) or lists {@code "*"}, there is nothing to enforce
 * for the pod; that needs the {@code allowedBinary:*} override, which Cedar authorizes.
 */
public final class BinaryAllowlists {
  private BinaryAllowlists() {}

  public static Optional<GenericKubernetesResource> of(ServiceContext context) {
    ServiceSpec spec = context.intent().spec();
    List<Container> all = new ArrayList<>(spec.containers().values());
    all.addAll(spec.sidecars().values());
    SortedSet<String> binaries = new TreeSet<>();
    for (Container c : all) {
      if (c.security().allowedBinaries().contains("*") || (c.command().isEmpty()
          && c.security().allowedBinaries().isEmpty())) {
        return Optional.empty();
      }
      if (!c.command().isEmpty()) {
        binaries.add(c.command().get(0));
      }
      binaries.addAll(c.security().allowedBinaries());
      for (var probe : List.of(c.livenessProbe(), c.readinessProbe(), c.startupProbe())) {
        probe.flatMap(Container.Probe::exec).filter(command -> !command.isEmpty())
            .ifPresent(command -> binaries.add(command.get(0)));
      }
    }
    Map<String, Object> matchArgs = new LinkedHashMap<>();
    matchArgs.put("index", 0);
    matchArgs.put("operator", "NotEqual");
    matchArgs.put("values", List.copyOf(binaries));
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("matchArgs", List.of(matchArgs));
    selector.put("matchActions", List.of(Map.of("action", "Sigkill")));
    Map<String, Object> kprobe = new LinkedHashMap<>();
    kprobe.put("call", "security_bprm_check");
    kprobe.put("syscall", false);
    kprobe.put("args", List.of(Map.of("index", 0, "type", "linux_binprm")));
    kprobe.put("selectors", List.of(selector));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("podSelector", Map.of("matchLabels", Meta.selector(context)));
    body.put("kprobes", List.of(kprobe));
    return Optional.of(Meta.generic("cilium.io/v1alpha1", "TracingPolicyNamespaced",
        Meta.of(context, "allow-binaries-" + context.name()), Map.of("spec", body)));
  }
}
