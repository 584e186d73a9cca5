package dev.lattice.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files behind the paths given on the command line: a file as it is, a directory's *.yaml, *.yml and *.json
 * files (recursively, in path order). Paths may overlap ({@code examples/commerce examples/commerce/payments.yaml}),
 * so each file is listed once, by its real path, under the name it was first given by.
 */
final class InputFiles {
  private InputFiles() {}

  static List<Path> of(List<Path> paths, List<InputError> errors) {
    List<Path> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path path : paths) {
      for (Path file : files(path, errors)) {
        if (seen.add(real(file))) {
          files.add(file);
        }
      }
    }
    return files;
  }

  static boolean isJson(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(".json");
  }

  private static Path real(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize(); // reading it will report why
    }
  }

  private static List<Path> files(Path path, List<InputError> errors) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      errors.add(new InputError(path.toString(), 0, "no such file or directory."));
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> files = walk.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
          })
          .sorted(Comparator.comparing(Path::toString))
          .toList();
      if (files.isEmpty()) {
        errors.add(new InputError(path.toString(), 0, "the directory holds no .yaml, .yml or .json files."));
      }
      return files;
    } catch (IOException e) {
      errors.add(new InputError(path.toString(), 0, "cannot list the directory: " + e.getMessage()));
      return List.of();
    }
  }
}
