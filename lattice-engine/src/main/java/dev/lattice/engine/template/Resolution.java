package dev.lattice.engine.template;

import dev.lattice.api.status.Reason;

/** What a reference resolves to. */
public sealed interface Resolution permits Resolution.Value, Resolution.SecretKey, Resolution.Unresolved {
  /** Plain text, safe to put in a ConfigMap. */
  record Value(String text) implements Resolution {}

  /**
   * A key of a secret resource: wired to the secret the platform derives for {@code resource}, never read.
   *
   * @param provider the secret store the key comes from
   */
  record SecretKey(String resource, String key, String provider) implements Resolution {}

  /** The reference cannot be resolved; {@code problem} and {@code fix} complete a diagnostic. */
  record Unresolved(Reason reason, String problem, String fix) implements Resolution {}
}
