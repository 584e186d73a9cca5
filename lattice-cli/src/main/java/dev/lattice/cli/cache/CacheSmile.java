package dev.lattice.cli.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;

/**
 * The Smile (binary JSON) settings of the caches in {@code DIR/.lattice/}, where each entry is its own small
 * document: binary values as raw bytes, not 7-bit groups (entries are copied, never inspected, on open and save),
 * and no shared table of field names (each of 10,000 documents got its own parser, whose first new name copied the
 * whole table: binding every service took twice the CPU with it, BENCHMARKS.md).
 */
public final class CacheSmile {
  private CacheSmile() {}

  /** A new factory with those settings; each cache builds its mapper on it with its own features. */
  public static SmileFactory factory() {
    return SmileFactory.builder()
        .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
        .build();
  }
}
