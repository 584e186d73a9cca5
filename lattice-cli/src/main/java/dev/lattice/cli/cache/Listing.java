package dev.lattice.cli.cache;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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

  /** @param relativeTo null: names as walked, keeping only input files; else names relative to it, every file */
  private static boolean walk(Path root, Path relativeTo, Map<String, FileStat> into) {
    boolean[] usable = {true};
    List<Path> found = new java.util.ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (relativeTo != null && inCacheFolder(dir, relativeTo) && !dir.getParent().equals(relativeTo)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isSymbolicLink()) {
            usable[0] = false;
            return FileVisitResult.TERMINATE;
          }
          boolean wanted = relativeTo == null ? isInput(file)
              : !inCacheFolder(file, relativeTo) || CACHES.contains(file.getFileName().toString());
          if (!attrs.isRegularFile() || !wanted) {
            return FileVisitResult.CONTINUE;
          }
          found.add(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          usable[0] = false;
          return FileVisitResult.TERMINATE;
        }
      });
    } catch (IOException e) {
      return false;
    }
    if (!usable[0]) {
      return false;
    }
    // The stats on every core: at 10,000 files they are most of a replay's time.
    List<Optional<FileStat>> stats = found.parallelStream().map(FileStat::of).toList();
    for (int i = 0; i < found.size(); i++) {
      if (stats.get(i).isEmpty()) {
        return false;
      }
      Path file = found.get(i);
      into.put(relativeTo == null ? file.toString() : relativeTo.relativize(file).toString(), stats.get(i).get());
    }
    return true;
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
