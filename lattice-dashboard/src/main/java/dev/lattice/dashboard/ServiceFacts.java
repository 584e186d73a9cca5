package dev.lattice.dashboard;

import dev.lattice.api.model.ServiceRef;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the report knows about one service, from files or from the cluster.
 *
 * @param team the namespace label {@code lattice.dev/team}, else the namespace name ({@link Teams})
 * @param apiVersion the version the spec was written (files) or last applied (cluster) in, e.g.
 *     {@code lattice.dev/v1alpha1}
 * @param fields the spec fields the service sets, as {@link SpecFields} names them
 * @param source the file the spec came from, when known (it goes into the {@code lattice migrate} command)
 * @param recorded what the operator recorded about the service; empty for a fleet read from files
 */
public record ServiceFacts(
    ServiceRef ref,
    String team,
    String apiVersion,
    SortedSet<String> fields,
    Optional<String> source,
    Optional<RecordedFacts> recorded) {
  public ServiceFacts {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(apiVersion, "apiVersion");
    fields = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(fields));
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(recorded, "recorded");
  }

  /** A service read from a file: nothing recorded. */
  public static ServiceFacts fromFile(ServiceRef ref, String team, String apiVersion, Set<String> fields,
      String file) {
    return new ServiceFacts(ref, team, apiVersion, new TreeSet<>(fields), Optional.ofNullable(file),
        Optional.empty());
  }

  /** A service in the cluster with what the operator recorded about it. */
  public static ServiceFacts live(ServiceRef ref, String team, String apiVersion, Set<String> fields,
      RecordedFacts recorded) {
    return new ServiceFacts(ref, team, apiVersion, new TreeSet<>(fields), Optional.empty(),
        Optional.of(recorded));
  }
}
