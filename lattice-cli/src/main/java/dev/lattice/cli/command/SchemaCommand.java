package dev.lattice.cli.command;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.schema.Crds;
import dev.lattice.cli.schema.JsonSchemas;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice schema}: the JSON Schema of a served kind, for editors and CI linters. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the JSON Schema (draft-07) of a Lattice kind, for editors.",
      "Converted from the kind's CRD: editors use it to complete fields and flag typos and wrong types as a "
          + "spec is typed. The same files are in deploy/schemas/."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice schema LatticeService > latticeservice.json",
      "  lattice schema cedarpolicy --api-version v1alpha1",
      "",
      "Exit status: 0 printed, 2 no such kind or version."
    })
public final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // --api-version as in lattice explain and kubectl explain; -V/--version stay the CLI's own, as on every command.
  @Option(names = "--api-version", paramLabel = "VERSION",
      description = "The served version, e.g. v1alpha1 (default: the storage version).")
  String version;

  @Parameters(paramLabel = "KIND", description = "LatticeService or CedarPolicy (or a plural or short name).")
  String kind;

  @Override
  public Integer call() {
    Optional<Crds.Crd> crd = Crds.find(kind);
    String kinds = Crds.all().stream().map(Crds.Crd::kind).collect(Collectors.joining(", "));
    if (crd.isEmpty()) {
      return fail("'" + kind + "' is not a kind Lattice serves; did you mean '"
          + Crds.find(nearestName(kind)).orElseThrow().kind() + "'? Kinds: " + kinds + ".");
    }
    Optional<Crds.Version> served = version == null ? Optional.of(crd.get().preferred())
        : crd.get().version(version.substring(version.indexOf('/') + 1));
    if (served.isEmpty()) {
      return fail(crd.get().kind() + " has no served version '" + version + "'; served: "
          + String.join(", ", crd.get().versionNames()) + ".");
    }
    spec.commandLine().getOut().print(JsonSchemas.text(crd.get(), served.get()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private static String nearestName(String written) {
    return dev.lattice.cli.schema.Explainer.nearestName(written, Crds.names());
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("lattice schema: " + message);
    spec.commandLine().getErr().flush();
    return ExitCodes.INPUT_ERROR;
  }
}
