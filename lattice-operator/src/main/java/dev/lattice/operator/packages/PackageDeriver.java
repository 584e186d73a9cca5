package dev.lattice.operator.packages;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.packages.ManagedKind;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageHatch;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.operator.ManagedKinds;
import java.util.List;

/**
 * One package's derivation, as the operator and {@code lattice derive} run it: the escape-hatch half (governance,
 * mesh section, consent, mesh policies) from the engine, the chart half by plan, render (helm), complete.
 */
public final class PackageDeriver {
  /** The kinds a package may render: exactly what the operator applies, prunes and has RBAC for. */
  public static final List<ManagedKind> KINDS =
      ManagedKinds.ALL.stream().map(k -> new ManagedKind(k.apiVersion(), k.kind())).toList();

  private final Engine hatches;
  private final PackageEngine engine;
  private final ChartRenderer renderer;

  /** @param hatches the engine, on the caller's date, that derives the package's escape-hatch node */
  public PackageDeriver(Engine hatches, PackageEngine engine, ChartRenderer renderer) {
    this.hatches = hatches;
    this.engine = engine;
    this.renderer = renderer;
  }

  /** Derives the package alone (its mesh peers are then unknown: one-sided). */
  public Derivation derive(PackageIntent intent) {
    return derive(intent, Fleet.of(List.of()));
  }

  /** Derives the package as a node of {@code fleet} (added to it), so consent with services is two-sided. */
  public Derivation derive(PackageIntent intent, Fleet fleet) {
    ServiceInput node = PackageHatch.node(intent);
    Derivation hatch = hatches.derive(node, fleet.with(node));
    PackageEngine.Plan plan = engine.plan(intent);
    if (hatch instanceof Derivation.Rejected) {
      // Governance or the mesh section stops it: the chart is not rendered, but its spec's problems are reported.
      return PackageHatch.combine(hatch, plan instanceof PackageEngine.Stop stop ? stop.derivation() : hatch);
    }
    Derivation chart = plan instanceof PackageEngine.Render render
        ? engine.complete(render, renderer.render(render))
        : ((PackageEngine.Stop) plan).derivation();
    return PackageHatch.combine(hatch, chart);
  }
}
