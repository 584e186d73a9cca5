package dev.lattice.cli.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file's size, modification time, status-change time (ctime, which no tool can set back) and inode, as the
 * caches trust them; {@link #NONE} where the file system has no ctime or inode.
 */
public record FileStat(long size, long modified, long changed, long inode) {
  public static final long NONE = Long.MIN_VALUE;

  /**
   * How much older than the clock a file's times must be for them alone to vouch for it later (the "racy git"
   * problem: file times are coarse, and an edit in the same tick as the recorded one keeps them). The read cache's
   * margin and switch, so that tests which edit files within a second set both at once.
   */
  static long marginMillis() {
    return Long.getLong("lattice.readCache.settleMillis", 2_000);
  }

  /** The link itself, never its target: a symbolic link is not a file Lattice wrote or read. */
  public static Optional<FileStat> of(Path path) {
    try {
      try {
        Map<String, Object> unix = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,ino",
            LinkOption.NOFOLLOW_LINKS);
        return Optional.of(new FileStat((Long) unix.get("size"), nanos(unix.get("lastModifiedTime")),
            nanos(unix.get("ctime")), (Long) unix.get("ino")));
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return Optional.of(new FileStat(Files.size(path),
            Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS), NONE, NONE));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** What a directory entry is, as one {@code lstat} tells it. */
  enum Kind { FILE, DIRECTORY, LINK, OTHER }

  /** A directory entry's kind with its stat (a file's), from one {@code lstat}. */
  record Entry(Kind kind, FileStat stat) {}

  /**
   * The entry at {@code path}, from the one {@code lstat} that both its kind and its stat need (a listing used to
   * take one for the walk and another for the stat: half the system calls of a replay); empty when it is gone.
   */
  static Optional<Entry> entry(Path path) {
    try {
      try {
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,size,lastModifiedTime,ctime,ino",
            LinkOption.NOFOLLOW_LINKS);
        int type = (Integer) unix.get("mode") & 0170000; // S_IFMT
        Kind kind = type == 0100000 ? Kind.FILE : type == 0040000 ? Kind.DIRECTORY
            : type == 0120000 ? Kind.LINK : Kind.OTHER;
        return Optional.of(new Entry(kind, new FileStat((Long) unix.get("size"),
            nanos(unix.get("lastModifiedTime")), nanos(unix.get("ctime")), (Long) unix.get("ino"))));
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Kind kind = basic.isRegularFile() ? Kind.FILE : basic.isDirectory() ? Kind.DIRECTORY
            : basic.isSymbolicLink() ? Kind.LINK : Kind.OTHER;
        return Optional.of(new Entry(kind, new FileStat(basic.size(),
            basic.lastModifiedTime().to(TimeUnit.NANOSECONDS), NONE, NONE)));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public boolean complete() {
    return changed != NONE && inode != NONE;
  }

  /**
   * Whether these times, read at {@code clockMillis}, can vouch for the file from now on: both are older than the
   * clock by the margin, so any later write gives the file another time.
   */
  public boolean settledAt(long clockMillis) {
    long limit = TimeUnit.MILLISECONDS.toNanos(clockMillis - marginMillis());
    return complete() && modified < limit && changed < limit;
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }
}
