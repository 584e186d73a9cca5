package dev.lattice.cli.command;

import dev.lattice.cli.LatticeCli;
import dev.lattice.cli.Terminal;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lattice generate-completion}: picocli's bash/zsh script, registered for every name lattice runs as. */
@Command(
    name = "generate-completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a bash and zsh completion script for lattice, bin/lattice and kubectl-lattice.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(lattice generate-completion)                 # this shell",
      "  lattice generate-completion > /etc/bash_completion.d/lattice"
    })
public final class CompletionCommand implements Callable<Integer> {
  /** The command names the script completes: installed, run from a checkout, and the kubectl plugin's file. */
  public static final List<String> NAMES = List.of("lattice", "bin/lattice", "./bin/lattice", "kubectl-lattice");

  private static final Pattern REGISTRATION = Pattern.compile("(?m)^complete -F _complete_lattice .*$");

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(script());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The script; built from a fresh command tree so that the functions are named after "lattice" whatever ran it. */
  public static String script() {
    String script = AutoComplete.bash("lattice", LatticeCli.commandLine(Terminal.REDIRECTED));
    Matcher registration = REGISTRATION.matcher(script);
    if (!registration.find()) {
      throw new IllegalStateException("picocli's completion script has no 'complete -F _complete_lattice' line");
    }
    return registration.replaceFirst(
        Matcher.quoteReplacement("complete -F _complete_lattice -o default " + String.join(" ", NAMES)));
  }
}
