package dev.lattice.cli.io;

import dev.lattice.api.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The read-cache path of one file: a file whose stat or content vouches for an earlier read is not parsed again; a
 * file that held only services is recorded for the next run; anything else is parsed and counted as parsed.
 */
final class CachedRead {
  private CachedRead() {}

  /** What {@code file} holds, from {@code cache} where it can vouch for it, else from {@code parser}. */
  static FileContents read(Path file, ReadCache cache, DocumentParser parser) {
    String name = file.toString();
    if (cache == null) {
      return parser.parseFile(file, null);
    }
    ReadCache.Observed observed = cache.observe(file); // before the bytes: a later edit changes the times
    long now = observed.clockMillis();
    Optional<ReadCache.Stat> stat = observed.stat();
    if (stat.isEmpty() || stat.get().size() > Limits.FILE_BYTES) {
      cache.parsed();
      return parser.parseFile(file, null);
    }
    Optional<List<SourcedService>> hit = cache.byStat(name, file, stat.get());
    if (hit.isPresent()) {
      return FileContents.of(hit.get());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      cache.parsed();
      return parser.parseFile(file, null);
    }
    String content = ReadCache.content(bytes);
    hit = cache.byContent(name, file, stat.get(), content, now);
    if (hit.isPresent()) {
      return FileContents.of(hit.get());
    }
    FileContents out = parser.parseFile(file, bytes);
    if (out.errors.isEmpty() && out.skipped.isEmpty() && out.policies.isEmpty() && out.platformSettings.isEmpty()) {
      cache.record(name, stat.get(), content, out.services, now);
    } else {
      cache.parsed();
    }
    return out;
  }
}
