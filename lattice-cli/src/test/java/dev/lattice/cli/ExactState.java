package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.operator.ManagedKinds;
import dev.lattice.testkit.cluster.LocalCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The convergence check of the fault tests: the cluster holds exactly what {@code lattice derive} derives from the
 * same inputs. In each namespace, for every service: the objects labelled as its (every managed kind, by kind and
 * name) equal the derived ones, none leaked, none missing, none twice; objects labelled for a service that no longer
 * exists count as leaked; the shared Gateways are the derived ones; each LatticeService that exists is derived,
 * its status phase is derive's and its {@code observedGeneration} its generation.
 */
final class ExactState {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExactState() {}

  /** What was compared: objects and services. */
  record Compared(long objects, long services) {}

  /** What {@code lattice derive} derives, per service ({@code ns/name}) and per namespace's shared Gateways. */
  record Expected(Map<String, Set<String>> objects, Map<String, String> phases, Map<String, Set<String>> gateways) {}

  /** Derives {@code inputs} (a report, nothing written) and compares the cluster's {@code namespaces} with it. */
  static Compared assertExactlyDerived(LocalCluster cluster, Set<String> namespaces, Path... inputs)
      throws IOException {
    return assertMatches(cluster, namespaces, expected(namespaces, inputs));
  }

  /**
   * Polls until the cluster matches {@code expected} (the operator may still be re-deriving neighbours of the last
   * edit), then returns what the passing comparison covered; after {@code timeout} fails with the last mismatch.
   */
  static Compared awaitExactly(LocalCluster cluster, Set<String> namespaces, Expected expected,
      java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        // The statuses first (one list per namespace): the full comparison lists every managed kind of every
        // namespace, so polling with it alone costs the API server (and the operator) the whole fleet each poll.
        if (!statusesMatch(cluster, namespaces, expected) && System.nanoTime() < deadline) {
          Thread.sleep(2_000);
          continue;
        }
        return assertMatches(cluster, namespaces, expected);
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(2_000);
      }
    }
  }

  static Expected expected(Set<String> namespaces, Path... inputs) throws IOException {
    JsonNode report = derive(inputs);
    Map<String, Set<String>> expected = new TreeMap<>();
    Map<String, String> phases = new TreeMap<>();
    Map<String, Set<String>> gateways = new TreeMap<>();
    for (JsonNode service : report.path("services")) {
      String ns = service.path("namespace").asText();
      if (!namespaces.contains(ns)) {
        continue;
      }
      String key = ns + "/" + service.path("name").asText();
      phases.put(key, service.path("phase").asText());
      Set<String> objects = expected.computeIfAbsent(key, k -> new TreeSet<>());
      for (JsonNode resource : service.path("resources")) {
        String object = resource.path("kind").asText() + "/" + resource.path("name").asText();
        if (resource.path("kind").asText().equals("Gateway")) {
          gateways.computeIfAbsent(ns, k -> new TreeSet<>()).add(object);
        } else {
          objects.add(object);
        }
      }
    }
    // Services without derived objects compare as absent.
    expected.values().removeIf(Set::isEmpty);
    return new Expected(expected, phases, gateways);
  }

  /** Whether every LatticeService has derive's phase and its generation observed (a cheap precondition). */
  private static boolean statusesMatch(LocalCluster cluster, Set<String> namespaces, Expected expected) {
    Map<String, String> phases = new TreeMap<>();
    for (String ns : namespaces) {
      for (LatticeService service : cluster.client().resources(LatticeService.class).inNamespace(ns).list()
          .getItems()) {
        var status = service.getStatus();
        if (status == null || !java.util.Objects.equals(status.observedGeneration,
            service.getMetadata().getGeneration())) {
          return false;
        }
        phases.put(ns + "/" + service.getMetadata().getName(), status.phase);
      }
    }
    return phases.equals(expected.phases());
  }

  static Compared assertMatches(LocalCluster cluster, Set<String> namespaces, Expected expected) {
    Map<String, Set<String>> actual = new TreeMap<>();
    Map<String, Set<String>> liveGateways = new TreeMap<>();
    long compared = 0;
    for (String ns : namespaces) {
      for (ManagedKinds.Kind kind : ManagedKinds.ALL) {
        List<GenericKubernetesResource> items = cluster.client().genericKubernetesResources(kind.context())
            .inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "lattice").list().getItems();
        for (GenericKubernetesResource o : items) {
          String object = o.getKind() + "/" + o.getMetadata().getName();
          String owner = o.getMetadata().getLabels().get("lattice.dev/service");
          compared++;
          if (kind.kind().equals("Gateway")) {
            liveGateways.computeIfAbsent(ns, k -> new TreeSet<>()).add(object);
          } else if (owner != null) {
            boolean added = actual.computeIfAbsent(ns + "/" + owner, k -> new TreeSet<>()).add(object);
            assertThat(added).as("no duplicate: %s of %s/%s", object, ns, owner).isTrue();
          }
        }
      }
    }
    assertThat(actual).as("objects per service: none leaked, none missing").isEqualTo(expected.objects());
    assertThat(liveGateways).as("shared Gateways").isEqualTo(expected.gateways());
    Map<String, String> livePhases = new TreeMap<>();
    for (String ns : namespaces) {
      for (LatticeService service : cluster.client().resources(LatticeService.class).inNamespace(ns).list()
          .getItems()) {
        String key = ns + "/" + service.getMetadata().getName();
        livePhases.put(key, service.getStatus() == null ? null : service.getStatus().phase);
        assertThat(service.getStatus() == null ? null : service.getStatus().observedGeneration)
            .as("status.observedGeneration of %s", key).isEqualTo(service.getMetadata().getGeneration());
      }
    }
    assertThat(livePhases).as("status phase of every service").isEqualTo(expected.phases());
    return new Compared(compared, livePhases.size());
  }

  /** The JSON report of {@code lattice derive} over {@code inputs}. */
  static JsonNode derive(Path... inputs) throws IOException {
    List<String> args = new ArrayList<>(List.of("derive", "--no-cache", "--report", "json"));
    for (Path input : inputs) {
      args.add(input.toString());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LatticeCli.run(Terminal.REDIRECTED, "lattice", new PrintWriter(out, true), new PrintWriter(err, true),
        args.toArray(String[]::new));
    assertThat(code).as("lattice derive: %s", err).isIn(0, 1);
    return JSON.readTree(out.toString());
  }
}
