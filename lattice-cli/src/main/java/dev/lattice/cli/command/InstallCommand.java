package dev.lattice.cli.command;

import dev.lattice.cli.ExitCodes;
import dev.lattice.cli.LatticeCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lattice install --prefix DIR}: a copy of the CLI that needs no checkout. The layout is the tarball's:
 * {@code DIR/bin/lattice} and {@code DIR/bin/kubectl-lattice}, the jar and its libraries in {@code DIR/lib/lattice},
 * completion in {@code DIR/share/bash-completion/completions}.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Install the CLI and the kubectl plugin under a prefix, so that no source checkout is needed to run them.",
      "Copies the jar and its libraries to DIR/lib/lattice, the launchers lattice and kubectl-lattice to DIR/bin, "
          + "and the completion script to DIR/share/bash-completion/completions. Running it again replaces the "
          + "copy."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/lattice install --prefix ~/.local        # then: lattice derive services/",
      "  sudo bin/lattice install --prefix /usr/local",
      "  kubectl lattice validate services/           # once DIR/bin is on the PATH",
      "",
      "Exit status: 0 installed, 2 DIR cannot be written or the jar cannot be found."
    })
public final class InstallCommand implements Callable<Integer> {
  /** Launchers in bin/ of the checkout, packaged into the jar by the build. */
  static final List<String> LAUNCHERS = List.of("lattice", "kubectl-lattice", "kubectl_complete-lattice");

  @Spec CommandSpec spec;

  @Option(names = "--prefix", paramLabel = "DIR", required = true,
      description = "Where to install (e.g. ~/.local or /usr/local); created if missing.")
  Path prefix;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path jar;
    try {
      jar = Path.of(LatticeCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException e) {
      jar = Path.of("");
    }
    if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      err.println("error   lattice install: this lattice runs from " + jar + ", not from the built jar. Fix: run "
          + "bin/lattice install --prefix " + prefix + " from the checkout (it builds the jar first).");
      return ExitCodes.INPUT_ERROR;
    }
    try {
      if (isInstalledAt(jar, prefix)) {
        err.println("error   lattice install: " + prefix + " already holds the lattice that is running. Fix: run the "
            + "install from a checkout's bin/lattice or an unpacked tarball to update it.");
        return ExitCodes.INPUT_ERROR;
      }
      List<Path> written = install(jar, prefix);
      written.forEach(p -> out.println("installed " + p));
      out.println("Add " + prefix.resolve("bin") + " to your PATH; then run lattice --help, or kubectl lattice "
          + "--help.");
      return ExitCodes.OK;
    } catch (IOException e) {
      err.println("error   lattice install: cannot write " + prefix + ": " + e
          + ". Fix: choose a --prefix you can write to (e.g. ~/.local), or run it with sudo.");
      return ExitCodes.INPUT_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Copies {@code jar}, the libraries its manifest's Class-Path names (relative to it, as the build lays them
   * out), the launchers and the completion script under {@code prefix}; returns the files written.
   */
  public static List<Path> install(Path jar, Path prefix) throws IOException {
    List<Path> written = new ArrayList<>();
    if (isInstalledAt(jar, prefix)) {
      throw new IOException(jar + " is the copy installed there: it cannot replace itself");
    }
    Path bin = Files.createDirectories(prefix.resolve("bin"));
    Path home = Files.createDirectories(prefix.resolve("lib/lattice"));
    Path libraries = Files.createDirectories(home.resolve("lib"));
    // Libraries of an earlier version would stay on no class path, but would fill the folder.
    try (DirectoryStream<Path> old = Files.newDirectoryStream(libraries, "*.jar")) {
      for (Path file : old) {
        Files.delete(file);
      }
    }
    Files.deleteIfExists(home.resolve("lattice-cli.jsa"));
    for (String entry : classPath(jar)) {
      Path source = jar.resolveSibling(entry);
      Path target = home.resolve(entry).normalize();
      if (!target.startsWith(home)) {
        throw new IOException("the jar's Class-Path entry " + entry + " points outside " + home);
      }
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
    written.add(Files.copy(jar, home.resolve("lattice-cli.jar"), StandardCopyOption.REPLACE_EXISTING));
    for (String launcher : LAUNCHERS) {
      Path target = bin.resolve(launcher);
      try (InputStream in = InstallCommand.class.getResourceAsStream("/dev/lattice/cli/launchers/" + launcher)) {
        if (in == null) {
          throw new IOException("the jar holds no launcher " + launcher + " (a build without bin/)");
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      executable(target);
      written.add(target);
    }
    Path completions = Files.createDirectories(prefix.resolve("share/bash-completion/completions"));
    String script = CompletionCommand.script();
    // bash-completion loads a command's script by the command's name.
    for (String name : List.of("lattice", "kubectl-lattice")) {
      written.add(Files.writeString(completions.resolve(name), script));
    }
    return written;
  }

  /** Whether {@code jar} is the one installed under {@code prefix} (installing it there would delete itself). */
  public static boolean isInstalledAt(Path jar, Path prefix) throws IOException {
    Path installed = prefix.resolve("lib/lattice/lattice-cli.jar");
    return Files.exists(installed) && Files.isSameFile(installed, jar);
  }

  private static List<String> classPath(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      var manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      return classPath == null || classPath.isBlank() ? List.of() : List.of(classPath.trim().split("\\s+"));
    }
  }

  private static void executable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setExecutable(true, false); // not a POSIX file system
    }
  }
}
