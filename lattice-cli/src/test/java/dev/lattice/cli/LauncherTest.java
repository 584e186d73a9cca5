package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.cli.command.InstallCommand;
import dev.lattice.testkit.Specs;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lattice and bin/kubectl-lattice, run for real by bash: symlinks on the PATH, the kubectl plugin, an installed
 * copy. The jar they run is a stand-in ({@link EchoMain}) so that nothing is built.
 */
class LauncherTest {
  @TempDir Path dir;

  /** A jar holding only {@link EchoMain}, its main class, with {@code libraries} on its Class-Path. */
  private static void echoJar(Path jar, String... libraries) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoMain.class.getName());
    if (libraries.length > 0) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libraries));
    }
    String entry = EchoMain.class.getName().replace('.', '/') + ".class";
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream content = new JarOutputStream(out, manifest);
        InputStream clazz = EchoMain.class.getResourceAsStream("/" + entry)) {
      content.putNextEntry(new JarEntry(entry));
      clazz.transferTo(content);
      content.closeEntry();
    }
  }

  /** A checkout with the real launchers, a pom.xml and a jar newer than both (so nothing is rebuilt). */
  private Path checkout() throws Exception {
    Path root = dir.resolve("checkout");
    Files.createDirectories(root.resolve("bin"));
    for (String launcher : List.of("lattice", "kubectl-lattice", "kubectl_complete-lattice")) {
      Files.copy(Specs.repoRoot().resolve("bin").resolve(launcher), root.resolve("bin").resolve(launcher),
          StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Path jar = root.resolve("lattice-cli/target/lattice-cli.jar");
    echoJar(jar);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    return root;
  }

  private record Result(int exitCode, String out, String err) {}

  private Result run(Path cwd, String path, String... command) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    // bash looks the command up on the child's PATH (ProcessBuilder would use this JVM's).
    List<String> line = new java.util.ArrayList<>(List.of("/bin/bash", "-c", "exec \"$@\"", "bash"));
    line.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(line).directory(cwd.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    String java = Path.of(System.getProperty("java.home"), "bin").toString();
    builder.environment().put("PATH", path + ":" + java + ":/usr/bin:/bin");
    builder.environment().remove("LATTICE_PROGRAM_NAME");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  @DisplayName("bin/lattice symlinked onto the PATH (through relative links too) finds its checkout")
  void symlinkOnThePath() throws Exception {
    Path root = checkout();
    Path path = Files.createDirectories(dir.resolve("path"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.createSymbolicLink(other.resolve("lattice-link"), root.resolve("bin/lattice"));
    Files.createSymbolicLink(path.resolve("lattice"), Path.of("../other/lattice-link"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    Result result = run(elsewhere, path.toString(), "lattice", "derive", "a b");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("args=[derive, a b] name=null stdout.tty=null\n");
  }

  @Test
  @DisplayName("bin/lattice rebuilds when a CLI source or a pom is newer than the jar, never for a benchmark, a "
      + "pom under a module or an installed copy")
  void rebuildsWhenStale() throws Exception {
    Path root = checkout();
    Path jar = root.resolve("lattice-cli/target/lattice-cli.jar");
    Path stubs = Files.createDirectories(dir.resolve("stubs"));
    Path builds = dir.resolve("builds.txt");
    Path mvn = stubs.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\necho built >> '" + builds + "'\n");
    Files.setPosixFilePermissions(mvn, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    long jarTime = Files.getLastModifiedTime(jar).toMillis();
    java.util.Map<String, Boolean> cases = new java.util.LinkedHashMap<>();
    cases.put("lattice-engine/src/main/java/dev/lattice/engine/Engine.java", true);
    cases.put("lattice-cli/src/main/resources/help.txt", true);
    cases.put("pom.xml", true);
    cases.put("lattice-cli/pom.xml", true);
    cases.put("lattice-bench/src/main/java/Bench.java", false);
    cases.put("lattice-cli/src/test/java/SomeTest.java", false);
    cases.put("lattice-cli/target/classes/META-INF/maven/pom.xml", false);
    cases.put("README.md", false);
    for (var entry : cases.entrySet()) {
      Path file = root.resolve(entry.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, "x");
      Files.setLastModifiedTime(file, FileTime.fromMillis(jarTime + 5_000));
      Files.deleteIfExists(builds);

      Result result = run(dir, stubs.toString(), root.resolve("bin/lattice").toString(), "--version");

      assertThat(result.exitCode()).as(entry.getKey()).isZero();
      assertThat(Files.exists(builds)).as(entry.getKey() + " newer than the jar rebuilds").isEqualTo(entry.getValue());
      Files.setLastModifiedTime(file, FileTime.fromMillis(jarTime - 60_000)); // older again for the next case
    }
    // An installed copy never builds, whatever its sources.
    Path installed = dir.resolve("installed");
    Files.createDirectories(installed.resolve("bin"));
    Files.copy(root.resolve("bin/lattice"), installed.resolve("bin/lattice"), StandardCopyOption.COPY_ATTRIBUTES);
    echoJar(installed.resolve("lib/lattice/lattice-cli.jar"));
    Files.writeString(installed.resolve("pom.xml"), "<project/>");
    Path source = installed.resolve("lattice-cli/src/main/java/A.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "x");
    Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 120_000));
    Files.deleteIfExists(builds);
    Result result = run(dir, stubs.toString(), installed.resolve("bin/lattice").toString(), "--version");
    assertThat(result.exitCode()).isZero();
    assertThat(builds).doesNotExist();
  }

  @Test
  @DisplayName("bin/lattice writes its class-data archive on the first real command, not on --version or help")
  void archiveFromTheFirstRealCommand() throws Exception {
    Path root = checkout();
    Path archive = root.resolve("lattice-cli/target/lattice-cli.jsa");
    String lattice = root.resolve("bin/lattice").toString();

    for (String light : List.of("--version", "--help", "help")) {
      assertThat(run(dir, "/usr/bin", lattice, light).exitCode()).isZero();
      assertThat(archive).as("after %s", light).doesNotExist();
    }
    Result derive = run(dir, "/usr/bin", lattice, "derive", "examples");

    assertThat(derive.exitCode()).isZero();
    assertThat(derive.out()).contains("derive");
    assertThat(archive).isNotEmptyFile();
  }

  @Test
  @DisplayName("bin/lattice reads the JDK's feature version from its release file (25 turns on its AOT cache)")
  void javaFeatureVersion() throws Exception {
    Path root = checkout();
    Path jdk = dir.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    // A file, not a link: the launcher follows links to the JDK they point into.
    Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(jdk.resolve("bin/java"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\nJAVA_VERSION_DATE=\"x\"\n");
    Path script = root.resolve("bin/feature.sh");
    // The launcher up to its JVM options, then the version it found.
    String launcher = Files.readString(root.resolve("bin/lattice"));
    Files.writeString(script, launcher.substring(0, launcher.indexOf("# JVM settings")) + "echo \"$java_feature\"\n");

    Result result = run(dir, "/usr/bin", "env", "LATTICE_JAVA=" + jdk.resolve("bin/java"), "/bin/bash",
        script.toString());

    assertThat(result.out()).isEqualTo("25\n");
  }

  @Test
  @DisplayName("kubectl-lattice on the PATH runs lattice, and help names it kubectl lattice")
  void kubectlPlugin() throws Exception {
    Path root = checkout();
    Path path = Files.createDirectories(dir.resolve("path"));
    Files.createSymbolicLink(path.resolve("kubectl-lattice"), root.resolve("bin/kubectl-lattice"));

    Result result = run(dir, path.toString(), "kubectl-lattice", "validate", "services/");

    assertThat(result.out()).isEqualTo("args=[validate, services/] name=kubectl lattice stdout.tty=null\n");
  }

  @Test
  @DisplayName("kubectl_complete-lattice hands kubectl's words to the completion function, then the directive")
  void kubectlCompletion() throws Exception {
    Path root = checkout();
    Path path = Files.createDirectories(dir.resolve("path"));
    Files.createSymbolicLink(path.resolve("kubectl_complete-lattice"), root.resolve("bin/kubectl_complete-lattice"));

    assertThat(run(dir, path.toString(), "kubectl_complete-lattice", "derive", "--rep").out())
        .isEqualTo("words=lattice derive --rep\ncword=2\n:0\n");
    assertThat(run(dir, path.toString(), "kubectl_complete-lattice").out()).isEqualTo("words=lattice \ncword=1\n:0\n");
  }

  @Test
  @DisplayName("lattice install --prefix lays out a copy that runs without the checkout")
  void install() throws Exception {
    Path built = dir.resolve("build/lattice-cli.jar");
    Files.createDirectories(built.resolveSibling("lib"));
    echoJar(built.resolveSibling("lib/dependency.jar"));
    echoJar(built, "lib/dependency.jar");
    Path prefix = dir.resolve("prefix");
    Files.createDirectories(prefix.resolve("lib/lattice/lib"));
    Files.writeString(prefix.resolve("lib/lattice/lib/old-version.jar"), "from an earlier install");

    List<Path> written = InstallCommand.install(built, prefix);

    assertThat(written).contains(prefix.resolve("lib/lattice/lattice-cli.jar"), prefix.resolve("bin/lattice"),
        prefix.resolve("bin/kubectl-lattice"), prefix.resolve("bin/kubectl_complete-lattice"),
        prefix.resolve("share/bash-completion/completions/lattice"));
    assertThat(prefix.resolve("lib/lattice/lib/dependency.jar")).hasSameBinaryContentAs(
        built.resolveSibling("lib/dependency.jar"));
    assertThat(prefix.resolve("lib/lattice/lib/old-version.jar")).doesNotExist();
    assertThat(Files.getPosixFilePermissions(prefix.resolve("bin/kubectl-lattice")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(prefix.resolve("bin/lattice")).hasSameTextualContentAs(Specs.repoRoot().resolve("bin/lattice"));
    assertThat(Files.readString(prefix.resolve("share/bash-completion/completions/kubectl-lattice")))
        .contains("complete -F _complete_lattice -o default lattice bin/lattice ./bin/lattice kubectl-lattice");

    assertThat(InstallCommand.isInstalledAt(prefix.resolve("lib/lattice/lattice-cli.jar"), prefix)).isTrue();
    assertThat(InstallCommand.isInstalledAt(built, prefix)).isFalse();
    Result result = run(dir, prefix.resolve("bin").toString(), "lattice", "--version");
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).isEqualTo("args=[--version] name=null stdout.tty=null\n");
    Result plugin = run(dir, prefix.resolve("bin").toString(), "kubectl-lattice", "graph", "x");
    assertThat(plugin.out()).isEqualTo("args=[graph, x] name=kubectl lattice stdout.tty=null\n");
  }

  @Test
  @DisplayName("a launcher with neither a jar nor a checkout says so, with exit status 2")
  void nothingToRun() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("lonely/bin"));
    Files.copy(Specs.repoRoot().resolve("bin/lattice"), bin.resolve("lattice"), StandardCopyOption.COPY_ATTRIBUTES);

    Result result = run(dir, bin.toString(), "lattice", "--version");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(result.err()).isEqualTo("lattice: no CLI jar at " + dir.toRealPath().resolve("lonely/lattice-cli/target"
        + "/lattice-cli.jar") + " and no checkout at " + dir.toRealPath().resolve("lonely") + " to build one from.\n"
        + "Fix: run bin/lattice from a Lattice checkout, or install it with 'bin/lattice install --prefix DIR'.\n");
  }

  @Test
  @DisplayName("lattice install run from classes, not the built jar, says how to run it")
  void installFromClasses() {
    CliRun run = CliRun.of("install", "--prefix", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).startsWith("error   lattice install: this lattice runs from ")
        .contains(", not from the built jar. Fix: run bin/lattice install --prefix " + dir);
  }

}
