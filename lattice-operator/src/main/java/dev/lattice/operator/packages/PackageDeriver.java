package dev.lattice.operator.packages;

import dev.lattice.engine.Derivation;
import dev.lattice.engine.packages.ManagedKind;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.engine.packages.PackageIntent;
import dev.lattice.operator.ManagedKinds;
import java.util.List;

/** Plan, render, complete: one package's derivation, as the operator and {@code lattice derive} run it. */
public final class PackageDeriver {
  /** The kinds a package may render: exactly what the operator applies, prunes and has RBAC for. */
  public static final List<ManagedKind> KINDS =
      ManagedKinds.ALL.stream().map(k -> new ManagedKind(k.apiVersion(), k.kind())).toList();

  private final PackageEngine engine;
  private final ChartRenderer renderer;

  public PackageDeriver(PackageEngine engine, ChartRenderer renderer) {
    this.engine = engine;
    this.renderer = renderer;
  }

  public Derivation derive(PackageIntent intent) {
    PackageEngine.Plan plan = engine.plan(intent);
    if (plan instanceof PackageEngine.Render render) {
      return engine.complete(render, renderer.render(render));
    }
    return ((PackageEngine.Stop) plan).derivation();
  }
}
