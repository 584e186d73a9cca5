package dev.lattice.operator;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.function.Function;

/**
 * The team owning a namespace: its label {@code lattice.dev/team}, else the namespace's name. Read from a
 * namespace informer (list and watch, no call per reconcile); before it has synced, or for a namespace it has not
 * seen, the name stands in.
 */
final class Teams implements Function<String, String>, AutoCloseable {
  static final String LABEL = dev.lattice.dashboard.Teams.LABEL;

  private final SharedIndexInformer<Namespace> informer;

  private Teams(SharedIndexInformer<Namespace> informer) {
    this.informer = informer;
  }

  /** Starts the informer without waiting for it: the name is the answer until it has synced. */
  static Teams watch(KubernetesClient client) {
    SharedIndexInformer<Namespace> informer = client.namespaces().runnableInformer(0);
    informer.start();
    return new Teams(informer);
  }

  /** A fixed answer, for tests without an API server. */
  static Function<String, String> of(Map<String, String> labels) {
    return namespace -> team(namespace, labels.get(namespace));
  }

  @Override
  public String apply(String namespace) {
    Namespace found = informer.getStore().getByKey(namespace);
    return dev.lattice.dashboard.Teams.of(namespace, found == null ? null : found.getMetadata().getLabels());
  }

  /**
   * Every namespace the informer holds whose team is not its own name, for LatticeQuotas' {@code team} selector
   * (the engine reads a namespace left out as its own team: the same rule).
   */
  java.util.SortedMap<String, String> labelled() {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    for (Namespace namespace : informer.getStore().list()) {
      String name = namespace.getMetadata().getName();
      String team = dev.lattice.dashboard.Teams.of(name, namespace.getMetadata().getLabels());
      if (!team.equals(name)) {
        out.put(name, team);
      }
    }
    return out;
  }

  /** The one rule, the report's: the label (stripped), else the namespace name. */
  private static String team(String namespace, String label) {
    return dev.lattice.dashboard.Teams.of(namespace, label == null ? null : Map.of(LABEL, label));
  }

  @Override
  public void close() {
    informer.stop();
  }
}
