package dev.lattice.cli;

import dev.lattice.cli.command.DeriveCommand;
import dev.lattice.cli.command.GenerateFleetCommand;
import dev.lattice.cli.command.GraphCommand;
import dev.lattice.cli.command.OperatorCommand;
import dev.lattice.cli.command.PolicyCommand;
import dev.lattice.cli.sandbox.SandboxCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lattice} command. Only {@link #main} exits the JVM; {@link #run} returns the status for tests. */
@Command(
    name = "lattice",
    mixinStandardHelpOptions = true,
    versionProvider = LatticeCli.Version.class,
    description = "Lattice derives every Kubernetes object a service needs from its LatticeService intent spec.",
    subcommands = {DeriveCommand.class, GraphCommand.class, PolicyCommand.class, GenerateFleetCommand.class,
      OperatorCommand.class, SandboxCommand.class,
      AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice derive examples/commerce",
      "  source <(lattice generate-completion)    # shell completion for bash and zsh"
    })
public final class LatticeCli {
  public static void main(String[] args) {
    // Library logging is for the long-running operator; the other commands print their own reports.
    boolean operator = args.length > 0 && args[0].equals("operator");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", operator ? "info" : "off");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new LatticeCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("lattice: internal error: " + exception);
          cmd.getErr().println("This is a bug in Lattice, not in your input. Please report it to the platform team "
              + "with the command you ran.");
          return ExitCodes.INTERNAL_ERROR;
        });
    commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    return commandLine.execute(args);
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = LatticeCli.class.getPackage().getImplementationVersion();
      return new String[] {"lattice " + (version == null ? "development" : version)};
    }
  }
}
