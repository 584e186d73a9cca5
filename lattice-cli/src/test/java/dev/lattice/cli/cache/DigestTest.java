package dev.lattice.cli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DigestTest {
  @Test
  @DisplayName("an output file's hash is as wide as a SHA-256, the same for the same bytes, and changes with any byte")
  void outputHash() {
    byte[] bytes = "apiVersion: v1\nkind: Service\n".getBytes(StandardCharsets.UTF_8);
    String hash = Digest.ofOutput(bytes);
    assertThat(hash).hasSize(64).matches("[0-9a-f]+").isEqualTo(Digest.ofOutput(bytes.clone()));
    for (int i = 0; i < bytes.length; i++) {
      byte[] changed = bytes.clone();
      changed[i] ^= 1;
      assertThat(Digest.ofOutput(changed)).isNotEqualTo(hash);
    }
    assertThat(Digest.ofOutput(new byte[0])).isNotEqualTo(Digest.ofOutput(new byte[1]));
  }
}
