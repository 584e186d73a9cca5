package dev.lattice.cli.cache;

import dev.lattice.api.model.Resource;
import dev.lattice.api.model.ServiceIntent;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.PolicyDocument;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The cache key of each service: a digest of everything its derivation reads. That is the service's own input, the
 * input of every service it is connected to in the graph or points at (an absent one together with the names a
 * "did you mean" would choose from), and what every service reads (the Lattice build, the platform settings, the
 * CedarPolicies). The engine reads nothing else ({@code Engine#derive} gets the service, the fleet, the settings and
 * the authorizer), so equal keys mean equal derivations; {@code DerivationCachePropertiesTest} checks that.
 */
public final class ServiceKeys {
  private ServiceKeys() {}

  /**
   * What every derivation reads besides the fleet. Policies are taken whole (a policy edit re-derives every service):
   * which statements a service's requests reach is the policy engine's business.
   */
  public static String global(String build, Map<String, String> platformSettings, Collection<PolicyDocument> policies) {
    Digest digest = Digest.start().add("lattice-derive-key/1").add(build);
    digest.add(platformSettings.size());
    new java.util.TreeMap<>(platformSettings).forEach((name, value) -> digest.add(name).add(value));
    digest.add(policies.size());
    for (PolicyDocument policy : policies) {
      digest.add(policy.name()).add(policy.namespace()).add(policy.policies()).add(policy.enabled() ? 1 : 0)
          .add(policy.priority()).add(policy.description()).add(policy.source());
    }
    return digest.hex();
  }

  /**
   * The key of every service of {@code fleet}, computed on all cores.
   *
   * @param inputs the digest of each service's input as read (its source document); must cover the fleet
   */
  public static Map<ServiceRef, String> of(Fleet fleet, Function<ServiceRef, String> inputs, String global) {
    Map<ServiceRef, String> keys = new ConcurrentHashMap<>();
    // Which refs are in the fleet, by hash: the fleet's own map is sorted, and every key asks about each neighbour.
    java.util.Set<ServiceRef> present = new java.util.HashSet<>();
    fleet.services().forEach(input -> present.add(input.intent().ref()));
    fleet.services().parallelStream()
        .forEach(input -> keys.put(input.intent().ref(), key(input, fleet, present, inputs, global)));
    return keys;
  }

  static String key(ServiceInput input, Fleet fleet, java.util.Set<ServiceRef> present,
      Function<ServiceRef, String> inputs, String global) {
    ServiceRef ref = input.intent().ref();
    Digest digest = Digest.start().add(global).add(ref.namespace()).add(ref.name()).add(inputs.apply(ref));
    SortedSet<ServiceRef> read = new TreeSet<>(fleet.graph().neighbours(ref));
    read.addAll(targets(input.intent()));
    if (!input.intent().spec().routes().isEmpty()) {
      // Routed services of a namespace are checked against each other (RouteConflict).
      for (ServiceRef other : fleet.inNamespace(ref.namespace())) {
        if (fleet.find(other).map(i -> !i.spec().routes().isEmpty()).orElse(false)) {
          read.add(other);
        }
      }
    }
    read.remove(ref);
    digest.add(read.size());
    for (ServiceRef other : read) {
      digest.add(other.namespace()).add(other.name());
      if (present.contains(other)) {
        digest.add(inputs.apply(other));
      } else {
        // Absent: the consent report and templates suggest the nearest existing service by these names.
        digest.add("absent");
        Collection<ServiceRef> sameName = fleet.named(other.name());
        digest.add(sameName.size());
        sameName.forEach(r -> digest.add(r.namespace()));
        Collection<ServiceRef> sameNamespace = fleet.inNamespace(other.namespace());
        digest.add(sameNamespace.size());
        sameNamespace.forEach(r -> digest.add(r.name()));
      }
    }
    return digest.hex();
  }

  /**
   * What every service of a run reads besides its neighbours, for callers to extend: {@link #global} over
   * {@code policies}, the providers, and the packages (every service may read a package's mesh declarations, so a
   * package change re-derives every service).
   */
  public static Digest runGlobal(dev.lattice.cli.io.ReadResult read, Collection<PolicyDocument> policies) {
    Digest packages = Digest.start();
    read.packages().stream().map(p -> p.intent().ref() + "=" + p.locator().inputDigest()).sorted()
        .forEach(packages::add);
    return Digest.start().add(global(Build.identity(), read.platformSettings(), policies))
        .add(read.providers().cacheKey()).add(packages.hex());
  }

  /**
   * The key of every service of a run of {@code lattice derive}, {@code diff} or {@code snapshot}: {@link #of} under
   * {@code global}, then what some services read on top: a quota admits in namespace/name order, so a covered
   * service's result reads every service its quotas cover; an escape hatch reads the date (its expiry).
   */
  public static Map<ServiceRef, String> ofRun(dev.lattice.cli.io.ReadResult read, Fleet fleet, String global,
      java.time.LocalDate date) {
    Map<ServiceRef, String> inputs = new ConcurrentHashMap<>();
    read.services().parallelStream().forEach(s -> inputs.put(s.input().intent().ref(), s.locator().inputDigest()));
    Map<ServiceRef, String> keys = new java.util.HashMap<>(of(fleet, inputs::get, global));
    for (var quota : read.providers().engineQuotas()) {
      var covered = fleet.services().stream().map(i -> i.intent().ref())
          .filter(ref -> quota.selector().covers(ref, read.providers().teams())).toList();
      Digest digest = Digest.start().add(quota.name());
      covered.forEach(ref -> digest.add(ref.toString()).add(String.valueOf(inputs.get(ref))));
      String shared = digest.hex();
      covered.forEach(ref -> keys.computeIfPresent(ref, (r, key) -> Digest.start().add(key).add(shared).hex()));
    }
    String day = date.toString();
    fleet.services().stream().filter(i -> i.intent().isHatch())
        .forEach(i -> keys.computeIfPresent(i.intent().ref(), (ref, key) -> Digest.start().add(key).add(day).hex()));
    return keys;
  }

  /** The services the spec's {@code type: service} resources point at, whatever their direction. */
  private static SortedSet<ServiceRef> targets(ServiceIntent intent) {
    SortedSet<ServiceRef> out = new TreeSet<>();
    for (Resource resource : intent.spec().resources().values()) {
      if (resource.type() == Resource.Type.SERVICE) {
        out.add(new ServiceRef(resource.namespace().orElse(intent.ref().namespace()),
            resource.id().orElse(resource.name())));
      }
    }
    return out;
  }
}
