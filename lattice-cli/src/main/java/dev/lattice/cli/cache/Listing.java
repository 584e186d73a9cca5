package dev.lattice.cli.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files a run reads or writes, each with its {@link FileStat}, from the directory entries alone (no file is
 * opened). Empty when a symbolic link or an unreadable directory is met: whatever it points at may change without
 * any stat here changing, so such a tree is never vouched for by stats.
 */
final class Listing {
  /**
   * The caches in the cache folder that a run reads: listed with the outputs, so that a cache edited or damaged by
   * hand is noticed (the run derives and says so) rather than passed over by a replay.
   */
  private static final java.util.Set<String> CACHES = java.util.Set.of(DerivationCache.FILE, "read-cache.smile");

  private Listing() {}

  /**
   * The files the paths of the command line name: a file as given, and a directory's *.yaml, *.yml and *.json
   * files, by the name the reader gives them (as given, then the path inside the directory).
   */
  static Optional<Map<String, FileStat>> inputs(List<Path> paths) {
    Map<String, FileStat> files = new TreeMap<>();
    for (Path path : paths) {
      if (Files.isSymbolicLink(path)) {
        return Optional.empty();
      }
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        Optional<FileStat> stat = FileStat.of(path);
        if (stat.isEmpty()) {
          return Optional.empty();
        }
        files.put(path.toString(), stat.get());
      } else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || !walk(path, null, files)) {
        return Optional.empty();
      }
    }
    return Optional.of(files);
  }

  /**
   * Every file under the output directory except the cache folder (but its {@link #CACHES}), by its path relative to the directory (the form
   * {@code OutputWriter} uses).
   */
  static Optional<Map<String, FileStat>> outputs(Path directory) {
    Map<String, FileStat> files = new TreeMap<>();
    if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return walk(directory, directory, files) ? Optional.of(files) : Optional.empty();
  }

  /**
   * Lists {@code root} into {@code into}: one {@code lstat} per entry (kind and stat at once), the root's entries on
   * every core, each subtree by one thread. False when a symbolic link or an unreadable directory is met.
   *
   * @param relativeTo null: names as listed, keeping only input files; else names relative to it, every file
   */
  private static boolean walk(Path root, Path relativeTo, Map<String, FileStat> into) {
    List<Path> top;
    try {
      top = children(root);
    } catch (IOException e) {
      return false;
    }
    // The stats are most of a replay's time at 10,000 files; a subtree per task keeps the tasks few and large.
    List<Optional<Map<String, FileStat>>> parts = top.parallelStream().map(entry -> {
      Map<String, FileStat> part = new java.util.HashMap<>();
      return visit(entry, relativeTo, part) ? Optional.of(part) : Optional.<Map<String, FileStat>>empty();
    }).toList();
    for (Optional<Map<String, FileStat>> part : parts) {
      if (part.isEmpty()) {
        return false;
      }
      into.putAll(part.get());
    }
    return true;
  }

  private static boolean visit(Path path, Path relativeTo, Map<String, FileStat> into) {
    Optional<FileStat.Entry> entry = FileStat.entry(path);
    if (entry.isEmpty()) {
      return false; // gone or unreadable since it was listed
    }
    switch (entry.get().kind()) {
      case LINK:
        return false;
      case DIRECTORY:
        if (relativeTo != null && inCacheFolder(path, relativeTo) && !path.getParent().equals(relativeTo)) {
          return true; // a folder inside the cache folder: not the run's
        }
        try {
          for (Path child : children(path)) {
            if (!visit(child, relativeTo, into)) {
              return false;
            }
          }
        } catch (IOException e) {
          return false;
        }
        return true;
      case FILE:
        boolean wanted = relativeTo == null ? isInput(path)
            : !inCacheFolder(path, relativeTo) || CACHES.contains(path.getFileName().toString());
        if (wanted) {
          into.put(relativeTo == null ? path.toString() : relativeTo.relativize(path).toString(), entry.get().stat());
        }
        return true;
      default:
        return true; // a socket or a pipe: nothing a run reads or writes
    }
  }

  private static List<Path> children(Path directory) throws IOException {
    List<Path> children = new java.util.ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      entries.forEach(children::add);
    } catch (java.nio.file.DirectoryIteratorException e) {
      throw e.getCause();
    }
    return children;
  }

  /** Whether {@code path} is in (or is) {@code DIR/.lattice}. */
  private static boolean inCacheFolder(Path path, Path root) {
    Path relative = root.relativize(path);
    return relative.getNameCount() > 0 && relative.getName(0).toString().equals(DerivationCache.FOLDER)
        && !relative.toString().isEmpty();
  }

  private static boolean isInput(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
