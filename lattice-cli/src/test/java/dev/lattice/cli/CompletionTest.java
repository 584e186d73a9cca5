package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash/zsh completion script: what it offers, for which command names. */
class CompletionTest {
  @TempDir Path dir;

  private static String script() {
    CliRun run = CliRun.of("generate-completion");
    assertThat(run.exitCode()).isZero();
    return run.out();
  }

  /** COMPREPLY of the script for the words typed so far (the last one is being completed), run in a real bash. */
  private String complete(String script, String... words) throws IOException, InterruptedException {
    assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("bash is installed").isTrue();
    Path file = Files.writeString(dir.resolve("completion.bash"), script);
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append('\'');
    }
    String test = "source " + file + "\n"
        + "COMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1) + "\n"
        + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
        + "_complete_lattice\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("/bin/bash", "-c", test).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("--report completes to its own values, -o to the output formats")
  void reportValues() throws Exception {
    String script = script();

    assertThat(complete(script, "lattice", "derive", "--report", "")).isEqualTo("text\njson\ngithub\n");
    assertThat(complete(script, "lattice", "derive", "-o", "")).isEqualTo("yaml\njson\n");
    assertThat(complete(script, "bin/lattice", "validate", "--report", "g")).isEqualTo("github\n");
    assertThat(complete(script, "kubectl-lattice", "val")).isEqualTo("validate\n");
  }

  @Test
  @DisplayName("no function declares a value list twice (the second used to replace the first)")
  void noDuplicateDeclarations() {
    for (String function : script().split("\nfunction ")) {
      Set<String> seen = new HashSet<>();
      Matcher declaration = Pattern.compile("local (\\w+_option_args)=").matcher(function);
      while (declaration.find()) {
        assertThat(seen.add(declaration.group(1))).as(declaration.group(1) + " in " + function.lines().findFirst()
            .orElse("")).isTrue();
      }
    }
  }

  @Test
  @DisplayName("completion is registered for lattice, bin/lattice and the kubectl plugin's name")
  void registeredNames() {
    assertThat(script().lines().filter(l -> l.startsWith("complete ")))
        .containsExactly("complete -F _complete_lattice -o default lattice bin/lattice ./bin/lattice kubectl-lattice");
  }
}
