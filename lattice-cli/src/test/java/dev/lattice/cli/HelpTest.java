package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help reads whole: no picocli warning, no sentence cut off, no word split across lines. */
class HelpTest {
  private static final int WIDTH = 80;

  /** Every command of the tree, as the words that invoke it (e.g. ["policy", "test"]); the top level is []. */
  static Stream<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(LatticeCli.commandLine(Terminal.REDIRECTED), new ArrayList<>(), all);
    return all.stream();
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        List<String> child = new ArrayList<>(path);
        child.add(name);
        collect(sub, child, all);
      }
    });
  }

  private static CommandLine.Model.CommandSpec spec(List<String> path) {
    CommandLine command = LatticeCli.commandLine(Terminal.REDIRECTED);
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec();
  }

  /** The text as picocli prints it: %n is a line break and %% a percent sign. */
  private static String formatted(String text) {
    return text.replace("%n", "\n").replace("%%", "%");
  }

  private static String collapsed(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  private static CliRun run(List<String> path, String option) {
    List<String> args = new ArrayList<>(path);
    args.add(option);
    return CliRun.of(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "lattice {0} --help")
  @MethodSource("commands")
  @DisplayName("help prints without a picocli warning, within 80 columns, every description and example whole")
  void helpIsWhole(List<String> path) {
    CliRun run = run(path, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(WIDTH));
    var usage = spec(path).usageMessage();
    // Wrapped only at spaces: with line breaks and indentation collapsed, each paragraph reads as written.
    for (String paragraph : usage.description()) {
      assertThat(collapsed(run.out())).contains(collapsed(formatted(paragraph)));
    }
    // Examples are never wrapped: each footer line is a line of the output.
    for (String line : usage.footer()) {
      assertThat(run.out().lines().toList()).contains(formatted(line).stripTrailing());
    }
  }

  @Test
  @DisplayName("the top-level help shows each command's first sentence whole")
  void commandListShowsWholeSentences() {
    CliRun run = CliRun.of("--help");

    for (var entry : LatticeCli.commandLine(Terminal.REDIRECTED).getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue; // picocli's own
      }
      String first = formatted(entry.getValue().getCommandSpec().usageMessage().description()[0]);
      assertThat(first).as(entry.getKey()).endsWith(".");
      assertThat(collapsed(run.out())).contains(collapsed(entry.getKey() + " " + first));
    }
  }

  @ParameterizedTest(name = "lattice {0} -V")
  @MethodSource("commands")
  @DisplayName("-V prints the version on every command that lists it")
  void versionEverywhere(List<String> path) {
    CliRun run = run(path, "-V");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("lattice development" + System.lineSeparator());
  }

  /** The usage text of {@code path} in {@code root}, as {@code --help} prints it. */
  private static String usage(CommandLine root, List<String> path) {
    CommandLine command = root;
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
  }

  @ParameterizedTest(name = "lattice {0} built alone")
  @MethodSource("commands")
  @DisplayName("a run that names a command builds only that command, with the same help as in the whole tree")
  void oneCommandAlone(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    CommandLine alone = LatticeCli.commandLine(Terminal.REDIRECTED, args.toArray(String[]::new));

    assertThat(usage(alone, path)).isEqualTo(usage(LatticeCli.commandLine(Terminal.REDIRECTED), path));
    if (!path.isEmpty() && !path.get(0).equals("generate-completion")) { // completion reads the whole tree
      assertThat(alone.getSubcommands()).hasSize(1).containsKey(path.get(0));
    }
  }

  @Test
  @DisplayName("help of a command, completion, --version and a misspelt name get the tree they need")
  void treeForWhatNeedsIt() {
    int all = LatticeCli.commandLine(Terminal.REDIRECTED).getSubcommands().size();

    assertThat(LatticeCli.commandLine(Terminal.REDIRECTED, "help", "derive").getSubcommands()).hasSize(all);
    assertThat(LatticeCli.commandLine(Terminal.REDIRECTED, "generate-completion").getSubcommands()).hasSize(all);
    assertThat(LatticeCli.commandLine(Terminal.REDIRECTED, "derivee").getSubcommands()).hasSize(all);
    assertThat(LatticeCli.commandLine(Terminal.REDIRECTED).getSubcommands()).hasSize(all);
    assertThat(LatticeCli.commandLine(Terminal.REDIRECTED, "--version").getSubcommands()).isEmpty();
    assertThat(CliRun.of("help", "derive").out()).contains("Usage: lattice derive");
    assertThat(CliRun.of("--version").out()).isEqualTo("lattice development" + System.lineSeparator());
  }

  @Test
  @DisplayName("an unknown command is a usage error without a picocli warning")
  void unknownCommand() {
    CliRun run = CliRun.of("derivee");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).startsWith("Unmatched argument at index 0: 'derivee'").doesNotContain("WARN");
  }
}
