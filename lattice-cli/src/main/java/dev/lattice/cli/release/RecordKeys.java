package dev.lattice.cli.release;

import dev.lattice.api.model.ServiceRef;
import dev.lattice.cli.cache.Build;
import dev.lattice.cli.cache.Digest;
import dev.lattice.cli.cache.ServiceKeys;
import dev.lattice.cli.io.ReadResult;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.policy.PolicyDocument;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache key of each service's record, as {@code lattice derive} keys its derivation ({@link ServiceKeys} plus
 * the providers, packages, quotas and, for an escape hatch, the date), and on top what a record reads besides: the
 * settings as the engine gets them (a diff may derive one side with other settings than the files name), the
 * policies that side is derived under (--policies), and the record layout.
 */
final class RecordKeys {
  private RecordKeys() {}

  /** Keys for {@code fleet} read as {@code read}, derived under {@code settings} and {@code policies} on {@code today}. */
  static Map<ServiceRef, String> of(ReadResult read, Fleet fleet, PlatformSettings settings,
      Collection<PolicyDocument> policies, LocalDate today) {
    Map<ServiceRef, String> inputs = new ConcurrentHashMap<>();
    read.services().parallelStream().forEach(s -> inputs.put(s.input().intent().ref(), s.locator().inputDigest()));
    Digest packages = Digest.start();
    read.packages().stream().map(p -> p.intent().ref() + "=" + p.locator().inputDigest()).sorted()
        .forEach(packages::add);
    // A policy's source is the file it was read from, for messages; neither the policy library nor the engine
    // reads it, so the equal policies of two checkouts (diff --specs) give equal keys.
    List<PolicyDocument> located = policies.stream().map(p -> new PolicyDocument(p.name(), p.namespace(),
        p.policies(), p.enabled(), p.priority(), p.description(), "")).toList();
    String global = Digest.start().add(RecordCache.FORMAT)
        .add(ServiceKeys.global(Build.identity(), read.platformSettings(), located))
        .add(SnapshotHeader.settingsDigest(settings)).add(SnapshotHeader.latticeVersion())
        .add(read.providers().cacheKey()).add(packages.hex()).hex();
    Map<ServiceRef, String> keys = new HashMap<>(ServiceKeys.of(fleet, inputs::get, global));
    // A quota admits in namespace/name order, so a covered service's result reads every service its quotas cover.
    for (var quota : read.providers().engineQuotas()) {
      List<ServiceRef> covered = fleet.services().stream().map(i -> i.intent().ref())
          .filter(ref -> quota.selector().covers(ref, read.providers().teams())).toList();
      Digest digest = Digest.start().add(quota.name());
      covered.forEach(ref -> digest.add(ref.toString()).add(String.valueOf(inputs.get(ref))));
      String shared = digest.hex();
      covered.forEach(ref -> keys.computeIfPresent(ref, (r, key) -> Digest.start().add(key).add(shared).hex()));
    }
    // An escape hatch's derivation reads the date (its expiry): a new day is a new key for it alone.
    String day = today.toString();
    fleet.services().stream().filter(i -> i.intent().isHatch())
        .forEach(i -> keys.computeIfPresent(i.intent().ref(), (ref, key) -> Digest.start().add(key).add(day).hex()));
    return Map.copyOf(keys);
  }
}
