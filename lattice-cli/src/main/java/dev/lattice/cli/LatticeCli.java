package dev.lattice.cli;

import dev.lattice.cli.command.CompletionCommand;
import dev.lattice.cli.command.DeriveCommand;
import dev.lattice.cli.command.ExplainCommand;
import dev.lattice.cli.command.GenerateFleetCommand;
import dev.lattice.cli.command.GraphCommand;
import dev.lattice.cli.command.InstallCommand;
import dev.lattice.cli.command.OperatorCommand;
import dev.lattice.cli.command.PolicyCommand;
import dev.lattice.cli.command.ReportCommand;
import dev.lattice.cli.command.SchemaCommand;
import dev.lattice.cli.command.ValidateCommand;
import dev.lattice.cli.migrate.MigrateCommand;
import dev.lattice.cli.release.DiffCommand;
import dev.lattice.cli.release.SnapshotCommand;
import dev.lattice.cli.sandbox.SandboxCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code lattice} command. Only {@link #main} exits the JVM; {@link #run} returns the status for tests. */
@Command(
    name = "lattice",
    mixinStandardHelpOptions = true,
    versionProvider = LatticeCli.Version.class,
    description = "Lattice derives every Kubernetes object a service needs from its LatticeService intent spec.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice derive examples/commerce",
      "  lattice validate --strict --report github services/   # in CI",
      "  source <(lattice generate-completion)    # shell completion for bash and zsh"
    })
public final class LatticeCli {
  /** Set by {@code bin/kubectl-lattice}, so that help shows the name the user typed. */
  static final String PROGRAM_NAME_VARIABLE = "LATTICE_PROGRAM_NAME";

  /**
   * The subcommands, in the order help lists them. Added by {@link #commandLine} rather than by the annotation so
   * that a run of one of them builds only that one: picocli reads every option of every command it is given by
   * reflection, and the whole tree cost a replay about a tenth of its CPU (BENCHMARKS.md).
   */
  private static final List<Class<?>> SUBCOMMANDS = List.of(DeriveCommand.class, ValidateCommand.class,
      GraphCommand.class, PolicyCommand.class, GenerateFleetCommand.class, SnapshotCommand.class, DiffCommand.class,
      ReportCommand.class, OperatorCommand.class, ExplainCommand.class, SchemaCommand.class, MigrateCommand.class,
      SandboxCommand.class, InstallCommand.class, CompletionCommand.class,
      dev.lattice.cli.hatch.HatchesCommand.class, CommandLine.HelpCommand.class);

  /** Commands that read the whole tree (help of another command, completion of every command). */
  private static final Set<Class<?>> NEED_THE_TREE = Set.of(CompletionCommand.class, CommandLine.HelpCommand.class);

  private final Terminal terminal;

  private LatticeCli(Terminal terminal) {
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    // Library logging is for the long-running operator; the other commands print their own reports.
    boolean operator = args.length > 0 && args[0].equals("operator");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", operator ? "info" : "off");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    Terminal terminal = Terminal.detect(System.getenv(), System.console() != null);
    String name = System.getenv().getOrDefault(PROGRAM_NAME_VARIABLE, "lattice");
    System.exit(run(terminal, name, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** A run whose output is redirected (no colour, no progress), as in scripts and tests. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(Terminal.REDIRECTED, "lattice", out, err, args);
  }

  public static int run(Terminal terminal, String programName, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(terminal, args);
    commandLine.setCommandName(programName);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("lattice: internal error: " + exception);
          cmd.getErr().println("This is a bug in Lattice, not in your input. Please report it to the platform team "
              + "with the command you ran.");
          return ExitCodes.INTERNAL_ERROR;
        });
    return commandLine.execute(args);
  }

  /** The whole command tree, as {@code run} executes it; tests walk it to check every command's help. */
  public static CommandLine commandLine(Terminal terminal) {
    return build(terminal, SUBCOMMANDS);
  }

  /**
   * The tree that a run with {@code args} needs: only the named subcommand when the first argument names one
   * exactly, the root alone for {@code --version}, else the whole tree (help, a misspelt name and its suggestion).
   */
  static CommandLine commandLine(Terminal terminal, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return build(terminal, List.of());
    }
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (!NEED_THE_TREE.contains(subcommand) && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return build(terminal, List.of(subcommand));
        }
      }
    }
    return commandLine(terminal);
  }

  private static CommandLine build(Terminal terminal, List<Class<?>> subcommands) {
    CommandLine commandLine = new CommandLine(new LatticeCli(terminal));
    subcommands.forEach(commandLine::addSubcommand);
    versionEverywhere(commandLine);
    return commandLine;
  }

  /** Every command offers -V (mixinStandardHelpOptions); without a provider it printed nothing below the top. */
  private static void versionEverywhere(CommandLine command) {
    command.getCommandSpec().versionProvider(new Version());
    command.getSubcommands().values().forEach(LatticeCli::versionEverywhere);
  }

  /** The terminal of the run that {@code spec}'s command belongs to. */
  public static Terminal terminal(CommandSpec spec) {
    return ((LatticeCli) spec.root().userObject()).terminal;
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
