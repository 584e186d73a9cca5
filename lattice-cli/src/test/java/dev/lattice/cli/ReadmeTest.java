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

  @Test
  @DisplayName("the README's deferred list is exactly what the code accepts without deriving (NotYetDerived)")
  void deferredListAgrees() throws IOException {
    java.util.SortedSet<String> blocks = new java.util.TreeSet<>();
    java.util.SortedSet<String> leaves = new java.util.TreeSet<>();
    dev.lattice.engine.Provenance.entries().values().stream().filter(e -> e.note().contains("(NotYetDerived)"))
        .map(dev.lattice.engine.Provenance.Entry::field).forEach(field -> {
          String[] parts = field.split("\\.");
          (parts.length == 2 ? blocks : leaves).add(parts[parts.length - 1]);
        });
    Matcher listed = Pattern.compile("in a later release \\(([^)]*)\\) are accepted and kept")
        .matcher(read("README.md").replaceAll("\\s+", " "));

    assertThat(blocks).containsExactly("advertise", "backup", "topology");
    assertThat(leaves).containsExactly("source");
    assertThat(listed.find()).as("the README's sentence on deferred fields").isTrue();
    java.util.SortedSet<String> inReadme = new java.util.TreeSet<>();
    Matcher code = Pattern.compile("`([a-z]+)`").matcher(listed.group(1));
    while (code.find()) {
      inReadme.add(code.group(1));
    }
    java.util.SortedSet<String> expected = new java.util.TreeSet<>(blocks);
    expected.addAll(leaves);
    assertThat(inReadme).isEqualTo(expected);
  }
}
