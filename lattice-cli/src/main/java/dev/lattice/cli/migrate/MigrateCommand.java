package dev.lattice.cli.migrate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lattice migrate}: rewrites LatticeService files in another served version, keeping their comments. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Convert the LatticeServices in YAML files to another served version.",
      "Only LatticeService documents change; comments, key order, quoting, blank lines and every other document "
          + "stay as written. Without --write the converted files go to stdout and their diff to stderr; with "
          + "--write each file is rewritten in place and the diff goes to stdout. A spec that needs a decision "
          + "(v1 has no image '.') is listed with file, line, field and the choice, and its file is left "
          + "unchanged."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  lattice migrate --to v1 payments.yaml > payments-v1.yaml",
      "  lattice migrate --to v1 --write services/      # review with git diff",
      "  lattice migrate --to v1beta1 --write examples/commerce",
      "",
      "Exit status: 0 all converted, 1 a decision remains, 2 unreadable input or a",
      "wrong command line, 3 a bug in Lattice (the file is left unchanged)."
    })
public final class MigrateCommand implements Callable<Integer> {
  private static final List<ApiVersion> TARGETS = List.of(ApiVersion.V1BETA1, ApiVersion.V1);

  @Spec CommandSpec spec;

  @Option(names = "--to", required = true, paramLabel = "VERSION",
      description = "The version to convert to: v1beta1 or v1.")
  String to;

  @Option(names = "--write", description = "Rewrite the files in place (atomically) instead of printing them.")
  boolean write;

  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "YAML files or directories (their *.yaml and *.yml files, recursively).")
  List<Path> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ApiVersion> target = ApiVersion.of(to).filter(TARGETS::contains);
    if (target.isEmpty()) {
      err.println("lattice migrate: --to " + to + " is not a version to migrate to; use one of "
          + TARGETS.stream().map(ApiVersion::version).collect(Collectors.joining(", ")) + ".");
      err.flush();
      return ExitCodes.INPUT_ERROR;
    }
    Set<String> served = ApiVersion.served().stream().map(ApiVersion::apiVersion)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    FileMigrator migrator = new FileMigrator(Converter.to(target.get()), target.get().apiVersion(), served);
    int status = ExitCodes.OK;
    int converted = 0;
    List<String> stream = new ArrayList<>();
    List<Path> files = files(err);
    if (files.contains(null)) {
      status = ExitCodes.INPUT_ERROR;
    }
    // Files are read and converted in parallel, then reported and written in path order.
    List<Migrated> all = files.stream().filter(java.util.Objects::nonNull).toList().parallelStream()
        .map(file -> migrate(file, migrator)).toList();
    for (Migrated migrated : all) {
      Path file = migrated.file();
      if (migrated.error() != null) {
        err.println(file + ": " + migrated.error());
        status = Math.max(status, ExitCodes.INPUT_ERROR);
        continue;
      }
      String original = migrated.original();
      FileMigrator.Result result = migrated.result();
      String text = original;
      if (result instanceof FileMigrator.Changed changed) {
        converted += changed.converted();
        if (write && !writeAtomically(file, changed.text(), err)) {
          status = Math.max(status, ExitCodes.INPUT_ERROR);
        } else {
          text = changed.text();
          (write ? out : err).print(diff(file, original, text));
        }
      } else if (result instanceof FileMigrator.Undecided undecided) {
        undecided.decisions().forEach(listed -> err.println(decision(file, listed)));
        status = Math.max(status, ExitCodes.SERVICE_FAILED);
      } else if (result instanceof FileMigrator.Unreadable unreadable) {
        err.println(file + (unreadable.line() > 0 ? ":" + unreadable.line() : "") + ": " + unreadable.message()
            + " Nothing is written.");
        status = Math.max(status, ExitCodes.INPUT_ERROR);
      } else if (result instanceof FileMigrator.Bug bug) {
        err.println("lattice migrate: internal error on " + file + ": " + bug.message() + ". This is a bug in "
            + "Lattice, not in your input; the file is left unchanged. Please report it to the platform team "
            + "with the file.");
        status = ExitCodes.INTERNAL_ERROR;
      }
      stream.add(text);
    }
    if (!write) {
      printStream(out, stream);
    }
    err.println("lattice migrate: " + converted + " LatticeService" + (converted == 1 ? "" : "s") + " "
        + (write ? "converted and written" : "converted") + " to " + target.get().apiVersion() + ".");
    out.flush();
    err.flush();
    return status;
  }

  private record Migrated(Path file, String original, String error, FileMigrator.Result result) {}

  private static Migrated migrate(Path file, FileMigrator migrator) {
    try {
      String original = Files.readString(file, StandardCharsets.UTF_8);
      return new Migrated(file, original, null, migrator.migrate(original));
    } catch (CharacterCodingException e) {
      return new Migrated(file, null, "the file is not UTF-8 text; nothing is written.", null);
    } catch (NoSuchFileException e) {
      return new Migrated(file, null, "no such file.", null);
    } catch (IOException e) {
      return new Migrated(file, null, "cannot read the file: " + e.getMessage(), null);
    }
  }

  /** {@code file:line: field: problem Decide: choice}, one line per decision. */
  static String decision(Path file, FileMigrator.Listed listed) {
    String field = listed.decision().fieldPath();
    return file + ":" + listed.line() + ": " + (field.isEmpty() ? "" : field + ": ") + listed.decision().problem()
        + " Decide: " + listed.decision().choice() + " The file is left unchanged.";
  }

  /** The files behind the paths, each once, in order; null stands for a path that names nothing. */
  private List<Path> files(PrintWriter err) {
    List<Path> files = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (Path path : paths) {
      List<Path> found;
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          found = walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(
                  ".yml"))
              .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
          err.println(path + ": cannot list the directory: " + e.getMessage());
          files.add(null);
          continue;
        }
      } else if (Files.exists(path)) {
        found = List.of(path);
      } else {
        err.println(path + ": no such file or directory.");
        files.add(null);
        continue;
      }
      for (Path file : found) {
        if (seen.add(file.toAbsolutePath().normalize())) {
          files.add(file);
        }
      }
    }
    return files;
  }

  /**
   * Written next to the file and moved over it, so a reader never sees half a file; a symbolic link is followed
   * (the link stays a link) and the file keeps its permissions.
   */
  private static boolean writeAtomically(Path file, String text, PrintWriter err) {
    Path temporary = null;
    try {
      Path real = file.toRealPath();
      temporary = Files.createTempFile(real.getParent(), "." + real.getFileName(), ".lattice-migrate");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(real));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the new file has the directory's default permissions
      }
      try {
        Files.move(temporary, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, real, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      err.println(file + ": cannot write the file: " + e.getMessage() + "; it is left unchanged.");
      try {
        if (temporary != null) {
          Files.deleteIfExists(temporary);
        }
      } catch (IOException ignored) {
        // the temporary file is hidden and named after the file; nothing else to do
      }
      return false;
    }
  }

  /** The unified diff of one file, as git shows it (a/ and b/ names, 3 lines of context). */
  static String diff(Path file, String original, String migrated) {
    List<String> before = lines(original);
    List<String> after = lines(migrated);
    String name = file.toString().replace('\\', '/');
    List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before,
        DiffUtils.diff(before, after), 3);
    return diff.stream().map(line -> line + "\n").collect(Collectors.joining());
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The files as one YAML stream, as kubectl apply -f - reads it. */
  private static void printStream(PrintWriter out, List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (i > 0 && !text.startsWith("---")) {
        out.print("---\n");
      }
      out.print(text);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        out.print("\n");
      }
    }
  }
}
