package dev.lattice.cli.release;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.cache.ServiceKeys;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.policy.PolicyDocument;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The cache key of each service's record, as {@code lattice derive} keys its derivation
 * ({@link ServiceKeys#ofRun}), and on top what a record reads besides: the
 * settings as the engine gets them (a diff may derive one side with other settings than the files name), the
 * policies that side is derived under (--policies), and the record layout.
 */
final class RecordKeys {
  private RecordKeys() {}

  /** Keys for {@code fleet} read as {@code read}, derived under {@code settings} and {@code policies} on {@code today}. */
  static Map<ServiceRef, String> of(ReadResult read, Fleet fleet, PlatformSettings settings,
      Collection<PolicyDocument> policies, LocalDate today) {
    // A policy's source is the file it was read from, for messages; neither the policy library nor the engine
    // reads it, so the equal policies of two checkouts (diff --specs) give equal keys.
    List<PolicyDocument> located = policies.stream().map(p -> new PolicyDocument(p.name(), p.namespace(),
        p.policies(), p.enabled(), p.priority(), p.description(), "")).toList();
    String global = ServiceKeys.runGlobal(read, located).add(RecordCache.FORMAT)
        .add(SnapshotHeader.settingsDigest(settings)).add(SnapshotHeader.latticeVersion()).hex();
    Map<ServiceRef, String> keys = ServiceKeys.ofRun(read, fleet, global, today);
    return Map.copyOf(keys);
  }
}
