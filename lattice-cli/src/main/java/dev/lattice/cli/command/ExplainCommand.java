package dev.lattice.cli.command;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.schema.Explainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice explain}: kubectl explain for Lattice's kinds, offline, plus what each field feeds. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Describe a field of a Lattice kind and the derived fields it feeds, like kubectl explain.",
      "The type, description and fields come from the CRD built into this CLI, so no cluster is needed.",
      "FIELD is a dotted path, optionally after a kind (latticeservice, ls, cedarpolicy, cpol; default "
          + "LatticeService); map keys such as a container's name may be left out or written."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice explain spec.workload.containers.resources",
      "  lattice explain ls.spec.workload.containers.main.image",
      "  lattice explain cedarpolicy.spec",
      "  lattice explain --recursive spec.ingress",
      "",
      "Exit status: 0 explained, 2 no such field or kind",
      "(the message names the nearest one)."
    })
public final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--recursive", description = "List every field below FIELD, by type, without descriptions.")
  boolean recursive;

  @Option(names = "--api-version", paramLabel = "VERSION",
      description = "The served version to explain, e.g. v1alpha1 (default: the storage version, or the served "
          + "version that has the field).")
  String apiVersion;

  @Parameters(paramLabel = "FIELD", description = "[KIND.]field.path, e.g. spec.workload.containers.resources.")
  String field;

  @Override
  public Integer call() {
    Explainer.Result result = Explainer.explain(field, apiVersion, recursive);
    if (result instanceof Explainer.Result.Found found) {
      spec.commandLine().getOut().print(found.text());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    spec.commandLine().getErr().println("lattice explain: " + ((Explainer.Result.NotFound) result).message());
    spec.commandLine().getErr().flush();
    return ExitCodes.INPUT_ERROR;
  }
}
