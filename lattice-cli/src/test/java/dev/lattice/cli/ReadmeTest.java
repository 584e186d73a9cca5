package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the READMEs say about the CLI and the operator matches what ships. */
class ReadmeTest {
  private static String read(String path) throws IOException {
    return Files.readString(Specs.repoRoot().resolve(path));
  }

  private static String cliSection() throws IOException {
    String readme = read("README.md");
    int start = readme.indexOf("## CLI\n");
    return readme.substring(start, readme.indexOf("\n## ", start + 1));
  }

  @Test
  @DisplayName("the README's CLI section documents every command with an example")
  void everyCommandDocumented() throws IOException {
    String section = cliSection();

    for (String name : LatticeCli.commandLine(Terminal.REDIRECTED).getSubcommands().keySet()) {
      if (!name.equals("help")) {
        assertThat(section).as(name).containsPattern("lattice " + name + "[ )]");
      }
    }
    assertThat(section).contains("kubectl lattice derive").contains("install --prefix").contains(".tar.gz");
  }

  @Test
  @DisplayName("both READMEs say the operator image is a placeholder this repository does not build")
  void operatorImageAgrees() throws IOException {
    Matcher image = Pattern.compile("image: (\\S+)").matcher(read("deploy/operator/operator.yaml"));
    assertThat(image.find()).isTrue();

    for (String readme : new String[] {read("README.md"), read("deploy/operator/README.md")}) {
      String flat = readme.replaceAll("\\s+", " ");
      assertThat(flat).contains("`" + image.group(1) + "` as a placeholder")
          .containsPattern("does not build|No container image is built")
          .doesNotContain("Not shipped yet");
    }
  }
}
