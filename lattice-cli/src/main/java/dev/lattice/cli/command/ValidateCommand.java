package dev.lattice.cli.command;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lattice validate}: the CI check; {@code lattice derive} that writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check every LatticeService in PATH as lattice derive does, and write nothing: the command for CI.",
      "Services are checked against the whole of PATH (dependencies, callers, CedarPolicies, platform settings). "
          + "With --strict, warnings fail the run too; --report github turns each problem into an annotation on "
          + "the pull request."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice validate services/",
      "  lattice validate --strict --report github services/   # a GitHub Actions step",
      "  lattice validate --strict --report json services/ | jq .strict",
      "",
      "Exit status:",
      "  0  every service is valid (and, under --strict, has no warning)",
      "  1  a service failed, or has a warning under --strict",
      "  2  input could not be read, or the command line is wrong",
      "  3  internal error (a bug in Lattice)"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CheckOptions check;

  @Override
  public Integer call() throws IOException {
    return new DeriveCommand().derive(spec, check, null, null);
  }
}
