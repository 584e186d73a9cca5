package dev.lattice.cli.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest built from parts. Each string part is length-prefixed, so that no two different sequences of
 * parts give the same bytes ("ab", "c" against "a", "bc").
 */
public final class Digest {
  /** In a holder: a replay digests only strings, and loading Jackson cost it about 500 classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactory());
  }

  private final MessageDigest sha;

  private Digest() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static Digest start() {
    return new Digest();
  }

  public Digest add(String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    add(bytes.length);
    sha.update(bytes);
    return this;
  }

  public Digest add(long number) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      sha.update((byte) (number >>> shift));
    }
    return this;
  }

  /**
   * A JSON tree as written, keys in document order: the same document gives the same digest, and any difference
   * (a key, a value, a type such as the number 1 against the string "1", the order of keys) gives another.
   */
  public Digest add(JsonNode tree) {
    OutputStream into = new OutputStream() {
      @Override
      public void write(int b) {
        sha.update((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        sha.update(b, off, len);
      }
    };
    add("tree");
    try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(into)) {
      Json.MAPPER.writeTree(generator, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("digest of a JSON tree", e);
    }
    return this;
  }

  public String hex() {
    return HexFormat.of().formatHex(sha.digest());
  }

  public static String of(byte[] bytes) {
    Digest digest = new Digest();
    digest.sha.update(bytes);
    return digest.hex();
  }

  /**
   * The content hash of an output file (64 hex digits, the width of a SHA-256): its length, CRC-32C and CRC-32. It
   * only tells whether a file still holds what this Lattice wrote, which is no security boundary (whoever can write
   * OUT can rewrite its cache), and both CRCs are intrinsics under C1, where SHA-256 is not: hashing every output
   * file with SHA-256 took 3.8% of a cold 10,000-service derive. Inputs keep {@link #of} (a crafted collision there
   * would be a wrong cache hit).
   */
  public static String ofOutput(byte[] bytes) {
    java.util.zip.CRC32C castagnoli = new java.util.zip.CRC32C();
    castagnoli.update(bytes);
    java.util.zip.CRC32 ieee = new java.util.zip.CRC32();
    ieee.update(bytes);
    return String.format("%016x%08x%08x%032x", (long) bytes.length, castagnoli.getValue(), ieee.getValue(), 0);
  }
}
