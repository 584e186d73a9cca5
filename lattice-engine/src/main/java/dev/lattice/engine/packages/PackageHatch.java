package dev.lattice.engine.packages;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.HatchIntents;
import dev.lattice.api.status.ConditionType;
import dev.lattice.api.v1.LatticeService;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.ServiceStatus;
import dev.lattice.engine.render.Meta;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A package as an escape-hatch node of the fleet: the engine derives its governance (owner, reason, expiry on the
 * caller's date), its mesh section's rules, Cedar and consent, and its mesh policies, for the pods its chart
 * renders (selected by {@link PackageEngine#LABEL}). {@link #combine} joins that with the chart's derivation.
 */
public final class PackageHatch {
  private PackageHatch() {}

  /** The fleet node of the package. */
  public static ServiceInput node(PackageIntent p) {
    EscapeHatch hatch = new EscapeHatch(EscapeHatch.Kind.PACKAGE, p.governance(),
        Map.of(PackageEngine.LABEL, p.name()), p.mesh());
    return ServiceInput.of(HatchIntents.of(p.ref(), LatticeService.API_VERSION, p.uid(), 0, Map.of(), Map.of(),
        hatch));
  }

  /**
   * {@code fleet} with each package's node, so consent between services and packages is two-sided wherever a
   * fleet is built. A package never replaces a service of the same namespace/name.
   */
  public static Fleet withNodes(Fleet fleet, Collection<PackageIntent> packages) {
    Fleet out = fleet;
    for (PackageIntent p : packages) {
      if (out.input(p.ref()).isEmpty()) {
        out = out.with(node(p));
      }
    }
    return out;
  }

  /**
   * One derivation of the package: rejected when either half is (the hatch's problems first: an expired package
   * derives nothing, whatever its chart); otherwise the chart's objects and the mesh policies, all labelled as the
   * package's, with the hatch's warnings and its Expiring condition.
   */
  public static Derivation combine(Derivation hatch, Derivation chart) {
    ServiceStatus.StatusCondition expiring = hatch.status().condition(ConditionType.Expiring).orElse(null);
    if (hatch instanceof Derivation.Rejected) {
      List<dev.lattice.api.status.Diagnostic> all = new ArrayList<>(hatch.diagnostics());
      chart.diagnostics().stream().filter(d -> !all.contains(d)).forEach(all::add);
      return new Derivation.Rejected(hatch.ref(), all, hatch.status());
    }
    List<ServiceStatus.StatusCondition> conditions = new ArrayList<>(chart.status().conditions());
    if (expiring != null) {
      conditions.add(expiring);
    }
    ServiceStatus status = new ServiceStatus(chart.status().phase(), conditions);
    List<dev.lattice.api.status.Diagnostic> diagnostics = new ArrayList<>(hatch.diagnostics());
    diagnostics.addAll(chart.diagnostics());
    if (chart instanceof Derivation.Rejected) {
      return new Derivation.Rejected(chart.ref(), diagnostics, status);
    }
    List<HasMetadata> objects = new ArrayList<>(((Derivation.Derived) chart).resources());
    for (HasMetadata policy : ((Derivation.Derived) hatch).resources()) {
      Map<String, String> labels = new TreeMap<>(policy.getMetadata().getLabels());
      labels.remove(Meta.SERVICE); // a service of the same name must never prune the package's policies
      labels.put(PackageEngine.LABEL, chart.ref().name());
      policy.getMetadata().setLabels(labels);
      objects.add(policy);
    }
    String ready = objects.size() + " resources: " + ((Derivation.Derived) chart).resources().size()
        + " rendered from the chart, " + ((Derivation.Derived) hatch).resources().size() + " mesh policies.";
    conditions.replaceAll(c -> c.type() != ConditionType.Ready ? c
        : new ServiceStatus.StatusCondition(ConditionType.Ready, c.status(), c.reason(), ready));
    return new Derivation.Derived(chart.ref(), objects, diagnostics, new ServiceStatus(status.phase(), conditions));
  }
}
