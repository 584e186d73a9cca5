package dev.lattice.cli.command;

import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Severity;
import dev.lattice.cli.io.Platform;
import dev.lattice.cli.io.SourcedPackage;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.output.Manifests;
import dev.lattice.engine.packages.PackageEngine;
import dev.lattice.operator.packages.ChartRenderer;
import dev.lattice.operator.packages.PackageDeriver;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The LatticePackages of a {@code lattice derive} run: each chart rendered offline with helm-java (a local folder,
 * relative to the package's file, or a repository the CLI can reach), reported like a service, written to
 * {@code <out>/<namespace>/<name>.package.yaml}.
 */
final class PackageStep {
  /** One package's derivation with the file it came from. */
  record Outcome(SourcedPackage source, Derivation derivation) {}

  private PackageStep() {}

  /** @param fleet the run's services, so a package's mesh consent with them is two-sided */
  static List<Outcome> derive(List<SourcedPackage> packages, Platform platform, dev.lattice.engine.Fleet fleet) {
    if (packages.isEmpty()) {
      return List.of(); // helm's native library is loaded only for a run that has packages
    }
    PackageEngine engine = new PackageEngine(platform.settings(), platform.authorizer(), PackageDeriver.KINDS);
    // Expiry is judged on today's date (UTC), like the operator's clock.
    dev.lattice.engine.Engine hatches = new dev.lattice.engine.Engine(platform.settings(), platform.authorizer())
        .on(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    List<Outcome> out = new ArrayList<>();
    for (SourcedPackage p : packages) {
      Path base = Path.of(p.file()).toAbsolutePath().getParent();
      out.add(new Outcome(p, new PackageDeriver(hatches, engine, new ChartRenderer(base)).derive(p.intent(),
          fleet)));
    }
    out.sort(Comparator.comparing(o -> o.derivation().ref()));
    return out;
  }

  static boolean failed(List<Outcome> outcomes) {
    return outcomes.stream().anyMatch(o -> o.derivation() instanceof Derivation.Rejected);
  }

  static List<HasMetadata> objects(List<Outcome> outcomes) {
    List<HasMetadata> all = new ArrayList<>();
    outcomes.stream().map(Outcome::derivation).filter(Derivation.Derived.class::isInstance)
        .forEach(d -> all.addAll(((Derivation.Derived) d).resources()));
    return all;
  }

  /** The text report's lines for the packages, in the services' format. */
  static void print(List<Outcome> outcomes, PrintWriter out) {
    for (Outcome o : outcomes) {
      Derivation d = o.derivation();
      String summary = d instanceof Derivation.Derived derived ? derived.resources().size() + " resources"
          : "nothing rendered";
      out.printf("package %s  %-6s  %s  (%s)%n", d.ref(), d.status().phase(), summary, o.source().file());
      for (Diagnostic diagnostic : d.diagnostics()) {
        boolean error = diagnostic.severity() == Severity.ERROR;
        out.printf("  %-7s %s  %s:%d%n", error ? "error" : "warning", diagnostic.reason(), o.source().file(),
            o.source().locator().lineOf(diagnostic.fieldPath()));
        out.printf("          %s: %s%n", diagnostic.fieldPath(), diagnostic.problem());
        out.printf("          Fix: %s%n", diagnostic.fix());
      }
    }
  }

  /** Writes each rendered package's file, and removes the file of a package that did not render. */
  static void write(List<Outcome> outcomes, Path outputDir) throws IOException {
    for (Outcome o : outcomes) {
      Path file = outputDir.resolve(o.derivation().ref().namespace())
          .resolve(o.derivation().ref().name() + ".package.yaml");
      if (o.derivation() instanceof Derivation.Derived derived) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Manifests.yaml(derived.resources()));
      } else {
        Files.deleteIfExists(file);
      }
    }
  }
}
