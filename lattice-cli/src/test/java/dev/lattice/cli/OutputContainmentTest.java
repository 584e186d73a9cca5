package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.testkit.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No path built from a spec leaves {@code --output-dir}: hostile names and namespaces end in their validation
 * error (exit 1), and nothing outside OUT is written or deleted, including a sentinel file where the path would
 * lead.
 */
class OutputContainmentTest {
  @TempDir Path dir;

  /** metadata as YAML flow (double-quoted escapes allowed), and the words of the validation error it must get. */
  static Stream<List<String>> hostile() {
    return Stream.of(
        List.of("{name: passwd, namespace: \"../../etc\"}", "InvalidNamespace",
            "metadata.namespace: '../../etc' is not a valid namespace name."),
        List.of("{name: sentinel, namespace: \"..\"}", "InvalidNamespace",
            "metadata.namespace: '..' is not a valid namespace name."),
        List.of("{name: x, namespace: \"./../x\"}", "InvalidNamespace",
            "metadata.namespace: './../x' is not a valid namespace name."),
        List.of("{name: \"..\", namespace: shop}", "InvalidServiceName",
            "metadata.name: '..' cannot name a Kubernetes Service."),
        List.of("{name: \"../../outside/sentinel\", namespace: shop}", "InvalidServiceName",
            "metadata.name: '../../outside/sentinel' cannot name a Kubernetes Service."),
        List.of("{name: api, namespace: \"/dev/null\"}", "InvalidNamespace",
            "metadata.namespace: '/dev/null' is not a valid namespace name."),
        List.of("{name: api, namespace: \"OUTSIDE\"}", "InvalidNamespace", "is not a valid namespace name."),
        List.of("{name: " + "a".repeat(254) + ", namespace: shop}", "NameTooLong",
            "metadata.name: the name has 254 characters ('" + "a".repeat(40) + "...')"),
        List.of("{name: api, namespace: " + "n".repeat(300) + "}", "NameTooLong",
            "metadata.namespace: the namespace has 300 characters"),
        List.of("{name: \"a\\0b\", namespace: shop}", "InvalidServiceName",
            "metadata.name: 'a\\u0000b' cannot name a Kubernetes Service."),
        List.of("{name: \"a\\x1b[2Jb\", namespace: shop}", "InvalidServiceName",
            "metadata.name: 'a\\u001B[2Jb' cannot name a Kubernetes Service."),
        List.of("{name: \"a\\uD800b\", namespace: shop}", "InvalidUnicode",
            "metadata.name: 'a\\uD800b' holds \\uD800, half of a UTF-16 surrogate pair"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  @DisplayName("a hostile name or namespace is a validation error (exit 1), and nothing outside OUT is touched")
  void staysInside(List<String> example) throws IOException {
    Path out = Files.createDirectories(dir.resolve("a/out"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    // Where the hostile paths would lead: OUT/../../etc, OUT/.., OUT/../x, an absolute path, ...
    List<Path> sentinels = List.of(dir.resolve("etc/passwd.yaml"), dir.resolve("a/sentinel.yaml"),
        dir.resolve("a/x/x.yaml"), outside.resolve("sentinel.yaml"), outside.resolve("api.yaml"));
    for (Path sentinel : sentinels) {
      Files.createDirectories(sentinel.getParent());
      Files.writeString(sentinel, "keep me");
    }
    String metadata = example.get(0).replace("OUTSIDE", outside.toString());
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, Specs.MINIMAL.replace("metadata: {name: api, namespace: shop}", "metadata: " + metadata));
    List<Path> before = tree();

    CliRun run = CliRun.of("derive", "--output-dir", out.toString(), spec.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.SERVICE_FAILED);
    assertThat(run.out()).contains("error   " + example.get(1) + "  " + spec + ":").contains(example.get(2));
    assertThat(run.err()).doesNotContain("internal error");
    for (Path sentinel : sentinels) {
      assertThat(sentinel).hasContent("keep me");
    }
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  @DisplayName("a namespace directory in OUT that is a symbolic link leading out is an internal error that deletes "
      + "nothing")
  void symbolicLinkOut() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("api.yaml"), "keep me");
    Files.createSymbolicLink(out.resolve("shop"), outside);
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, Specs.minimalWith("spec: {replicas: -1}"));

    CliRun run = CliRun.of("derive", "--output-dir", out.toString(), spec.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(run.err()).contains("refusing to touch " + outside.toRealPath() + " for shop/api: it is outside the "
        + "output directory " + out);
    assertThat(outside.resolve("api.yaml")).hasContent("keep me");
  }

  @Test
  @DisplayName("a symbolic link planted at a manifest's place is not followed when writing")
  void symbolicLinkFile() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out/shop"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("target.yaml"), "keep me");
    Files.createSymbolicLink(out.resolve("api.yaml"), outside.resolve("target.yaml"));
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, Specs.MINIMAL);

    CliRun run = CliRun.of("derive", "--output-dir", dir.resolve("out").toString(), spec.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(outside.resolve("target.yaml")).hasContent("keep me");
  }

  private List<Path> tree() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.getFileName().toString().equals("spec.yaml")).sorted().toList();
    }
  }
}
